package io.dagflow.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.embedded.EmbeddedEngine;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.StartOptions;
import io.dagflow.validation.InvalidWorkflowException;
import io.dagflow.validation.Problem;
import io.dagflow.validation.WorkflowLoader;
import io.dagflow.worker.Secrets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code {{secrets.NAME}}} is resolved where the handler runs and nowhere else: the secret
 * reaches the service, and no event, result, record or message holds it.
 */
@Timeout(30)
class SecretsInWorkflowsTest {

    private static final String TOKEN = "s3cr3t-T0ken-value";

    private TestHttpServer server;
    private EmbeddedEngine embedded;

    @BeforeEach
    void start() throws Exception {
        server = new TestHttpServer();
        embedded = EmbeddedEngine.builder(BuiltinHandlers.registry(false)).secrets(Secrets.of(Map.of("token", TOKEN)))
                .definitionParser(SecretsInWorkflowsTest::parse).build();
    }

    @AfterEach
    void stop() {
        embedded.close();
        server.close();
    }

    private ExecutionResult run(String definition) throws InterruptedException {
        return embedded.engine().start(parse(definition), Json.object(), StartOptions.defaults()).await();
    }

    @Test
    void aSecretReachesTheServiceButNothingStoredHoldsIt() throws Exception {
        ExecutionResult result = run("""
                {"name": "secret-call", "dag": {"nodes": [
                  {"id": "call", "handler": "http", "config": {"method": "GET", "url": "%s",
                   "headers": {"Authorization": "Bearer {{secrets.token}}"}}},
                  {"id": "copy", "handler": "echo", "dependencies": ["call"],
                   "config": {"sent": "{{call.body.headers.authorization}}"}}
                ]}}""".formatted(server.url("/echo")));

        assertThat(result.status()).as(String.valueOf(result.error())).isEqualTo(WorkflowStatus.COMPLETED);
        // The service answered with the header it got; the handler's result has the secret masked.
        assertThat(result.nodes().get("call").result().path("body").path("headers").path("authorization").asText())
                .isEqualTo("Bearer ***");
        assertThat(result.nodes().get("copy").result().path("sent").asText()).isEqualTo("Bearer ***");
        List<WorkflowEvent> events = embedded.stores().events().read(result.executionId());
        assertThat(Json.write(events)).doesNotContain(TOKEN).contains("Bearer {{secrets.token}}");
        assertThat(Json.write(embedded.stores().results().get(result.executionId(), "call", 1).orElseThrow()))
                .doesNotContain(TOKEN);
        assertThat(Json.write(embedded.stores().executions().find(result.executionId()).orElseThrow()))
                .doesNotContain(TOKEN);
    }

    @Test
    void aHandlerThatReturnsASecretHasItMaskedInItsResult() throws Exception {
        ExecutionResult result = run("""
                {"name": "echoed", "dag": {"nodes": [
                  {"id": "echoed", "handler": "echo", "config": {"value": "token={{secrets.token}}"}}
                ]}}""");

        assertThat(result.nodes().get("echoed").result().path("value").asText()).isEqualTo("token=***");
    }

    @Test
    void textThatBecomesASecretTemplateOnlyOnceResolvedIsSentAsItIs() throws Exception {
        ExecutionResult result = run("""
                {"name": "injection", "dag": {"nodes": [
                  {"id": "upstream", "handler": "echo", "config": {"open": "{{", "name": "secrets.token", "close": "}}"}},
                  {"id": "call", "handler": "http", "dependencies": ["upstream"],
                   "config": {"method": "GET", "url": "%s",
                              "headers": {"X-Given": "{{upstream.open}}{{upstream.name}}{{upstream.close}}"}}}
                ]}}""".formatted(server.url("/echo")));

        assertThat(result.status()).as(String.valueOf(result.error())).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(result.nodes().get("call").result().path("body").path("headers").path("x-given").asText())
                .isEqualTo("{{secrets.token}}");
    }

    @Test
    void aSecretTheWorkerDoesNotHaveFailsItsNodeForGood() throws Exception {
        ExecutionResult result = run("""
                {"name": "missing", "dag": {"nodes": [
                  {"id": "call", "handler": "echo", "config": {"key": "{{secrets.other}}"}}
                ]}}""");

        assertThat(result.nodes().get("call").status()).isEqualTo(NodeStatus.FAILED);
        assertThat(result.nodes().get("call").attempts()).isEqualTo(1);
        assertThat(result.nodes().get("call").error()).isEqualTo("secret 'other' is not known here on worker"
                + " embedded-worker (give it with DAGFLOW_SECRET_<NAME> or a secrets file)");
    }

    @Test
    void secretsAreRefusedInKeysConditionsAndStringsWithOtherTemplates() {
        List<Problem> problems = new WorkflowLoader().check("""
                {"name": "bad", "dag": {"nodes": [
                  {"id": "a", "handler": "echo"},
                  {"id": "b", "handler": "echo", "dependencies": ["a"], "when": "secrets.token == 'x'",
                   "config": {"{{secrets.token}}": 1, "mixed": "{{a.x}}:{{secrets.token}}", "bare": "{{secrets}}"}}
                ]}}""", "bad.json");

        assertThat(problems).extracting(Problem::message).containsExactlyInAnyOrder(
                "a condition cannot read secrets: they exist only where the handler runs",
                "template {{secrets.token}} is in a key; secrets can be used in values only",
                "a string with {{secrets.token}} may hold only secrets and text, since the worker resolves it;"
                        + " put the other templates in a field of their own",
                "template {{secrets}} names no secret; write {{secrets.NAME}}, NAME of letters, digits and _");
    }

    private static WorkflowDefinition parse(String source) {
        try {
            return new WorkflowLoader().parse(source, "test.json");
        } catch (InvalidWorkflowException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
