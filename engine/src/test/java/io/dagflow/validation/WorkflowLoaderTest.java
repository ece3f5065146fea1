package io.dagflow.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagflow.json.Json;
import io.dagflow.model.Dag;
import io.dagflow.model.NodeDefinition;
import io.dagflow.model.RetryPolicy;
import io.dagflow.model.WorkflowDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowLoaderTest {

    private static final String USER_REPORT = """
            // The user report of the original design.
            // Comments of both kinds are allowed anywhere.
            {
              "name": "user-report",
              "description": "Fetches a user and renders a report",
              "defaults": {
                "retry_policy": { "max_attempts": 5, "initial_backoff_seconds": 0.5 },
                "timeout_seconds": 30,
                "queue": "fast"
              },
              "dag": { "nodes": [
                { "id": "input", "handler": "input", "dependencies": [] },
                /* node settings override the defaults */
                { "id": "get_user", "handler": "http", "dependencies": ["input"],
                  "description": "GET the user",
                  "config": { "method": "GET", "url": "http://svc/api/users/{{input.user_id}}" },
                  "retry_policy": { "max_attempts": 3, "initial_backoff_seconds": 1, "backoff_multiplier": 2,
                                    "max_backoff_seconds": 10, "strategy": "exponential", "jitter": 0.1 },
                  "timeout_seconds": 2.5, "queue": "default" },
                { "id": "partial", "handler": "http", "dependencies": ["get_user"],
                  "retry_policy": { "strategy": "fixed" } },
                { "id": "output", "handler": "output", "dependencies": ["get_user", "partial"],
                  "config": { "user": "{{get_user.user}}", "run": "{{workflow.id}}" } }
              ] }
            }
            """;

    private final WorkflowLoader loader = new WorkflowLoader();

    @Test
    void readsTheOriginalDesignsFormatWithComments() throws Exception {
        WorkflowDefinition definition = loader.parse(USER_REPORT, "user-report.json");

        assertThat(definition.name()).isEqualTo("user-report");
        assertThat(definition.nodes()).extracting(NodeDefinition::id)
                .containsExactly("input", "get_user", "partial", "output");
        NodeDefinition getUser = definition.nodes().get(1);
        assertThat(getUser.handler()).isEqualTo("http");
        assertThat(getUser.dependencies()).containsExactly("input");
        assertThat(getUser.config()).isEqualTo(Json.tree(
                "{\"method\": \"GET\", \"url\": \"http://svc/api/users/{{input.user_id}}\"}"));
        assertThat(getUser.retryPolicy()).isEqualTo(new RetryPolicy(3, Duration.ofSeconds(1), 2.0,
                Duration.ofSeconds(10), RetryPolicy.Strategy.EXPONENTIAL, 0.1));
        assertThat(getUser.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(getUser.queue()).isEqualTo("default");
    }

    @Test
    void nodesWithoutTheirOwnSettingsTakeTheDefaultsBlock() throws Exception {
        NodeDefinition input = loader.parse(USER_REPORT, "user-report.json").nodes().get(0);

        assertThat(input.retryPolicy()).isEqualTo(new RetryPolicy(5, Duration.ofMillis(500), 2.0,
                Duration.ofSeconds(10), RetryPolicy.Strategy.EXPONENTIAL, 0.0));
        assertThat(input.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(input.queue()).isEqualTo("fast");
    }

    @Test
    void aNodeRetryPolicyOverridesTheDefaultsFieldByField() throws Exception {
        NodeDefinition partial = loader.parse(USER_REPORT, "user-report.json").nodes().get(2);

        assertThat(partial.retryPolicy()).isEqualTo(new RetryPolicy(5, Duration.ofMillis(500), 2.0,
                Duration.ofSeconds(10), RetryPolicy.Strategy.FIXED, 0.0));
    }

    @Test
    void settingsWrittenNowhereTakeTheDocumentedDefaults() throws Exception {
        WorkflowDefinition definition = loader.parse("""
                {"name": "bare", "dag": {"nodes": [{"id": "only", "handler": "echo"}]}}""", "bare.json");

        NodeDefinition only = definition.nodes().get(0);
        assertThat(only.retryPolicy()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(only.timeout()).isNull();
        assertThat(only.queue()).isEqualTo(NodeDefinition.DEFAULT_QUEUE);
        assertThat(only.dependencies()).isEmpty();
        assertThat(only.config()).isEqualTo(Json.object());
        assertThat(only.hasConfig()).isFalse();
    }

    @Test
    void definitionKeepsItsSourceExactlyAsRead() throws Exception {
        assertThat(loader.parse(USER_REPORT, "user-report.json").source()).isEqualTo(USER_REPORT);
    }

    @Test
    void aLoadedDefinitionIsAcceptedByTheScheduler() throws Exception {
        Dag dag = Dag.of(loader.parse(USER_REPORT, "user-report.json"));

        assertThat(dag.size()).isEqualTo(4);
        assertThat(dag.dependentsOf(dag.indexOf("get_user"))).containsExactlyInAnyOrder(
                dag.indexOf("partial"), dag.indexOf("output"));
    }

    @Test
    void aLoaderWithKnownHandlersAcceptsThem() throws Exception {
        WorkflowLoader strict = new WorkflowLoader(Set.of("input", "http", "output"));

        assertThat(strict.check(USER_REPORT, "user-report.json")).isEmpty();
    }

    @Test
    void parseThrowsWithEveryProblemInTheMessage() {
        String broken = """
                {"name": "", "dag": {"nodes": [{"id": "a", "handler": "echo", "dependencies": ["b"]}]}}""";

        assertThatThrownBy(() -> loader.parse(broken, "broken.json"))
                .isInstanceOf(InvalidWorkflowException.class)
                .hasMessage("broken.json:1:10: field 'name': must not be empty\n"
                        + "broken.json:1:80: node 'a', field 'dependencies': depends on 'b', which is not a node")
                .satisfies(e -> assertThat(((InvalidWorkflowException) e).problems()).hasSize(2));
    }

    @Test
    void loadNamesTheFileAsGivenInProblems(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("flow.json");
        Files.writeString(file, "{\"name\": \"flow\",\n \"dag\": {\"nodes\": [{\"id\": \"a\"}]}}");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(InvalidWorkflowException.class)
                .satisfies(e -> assertThat(((InvalidWorkflowException) e).problems()).containsExactly(
                        new Problem(file.toString(), 2, 20, "a", "handler",
                                "is required: the type of work the node does, e.g. \"http\"")));
    }

    @Test
    void loadReadsAValidFile(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("user-report.json");
        Files.writeString(file, USER_REPORT);

        assertThat(loader.load(file).nodes()).hasSize(4);
    }

    @Test
    void aFileThatIsNotUtf8IsOneProblemAtItsFirstByteThatIsNot(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("latin1.json");
        Files.write(file, "{\n  \"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(InvalidWorkflowException.class)
                .hasMessage(file + ":2:15: is not UTF-8 text (byte 0xe9); save it as UTF-8");
        assertThat(loader.check(file)).extracting(Problem::format)
                .containsExactly(file + ":2:15: is not UTF-8 text (byte 0xe9); save it as UTF-8");
    }

    @Test
    void aFileThatCannotBeReadIsOneProblemOfTheWholeFileSayingWhy(@TempDir Path directory) {
        Path missing = directory.resolve("missing.json");

        assertThat(loader.check(missing)).containsExactly(
                new Problem(missing.toString(), 0, 0, null, null, "no such file"));
        assertThat(loader.check(directory)).containsExactly(
                new Problem(directory.toString(), 0, 0, null, null, "is a directory, not a file"));
        assertThatThrownBy(() -> loader.load(missing)).isInstanceOf(InvalidWorkflowException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void aByteOrderMarkIsIgnoredAndPositionsStillCount() {
        List<Problem> problems = loader.check(
                "\uFEFF{\"name\": 1, \"dag\": {\"nodes\": [{\"id\": \"a\", \"handler\": \"x\"}]}}", "bom.json");

        assertThat(problems).containsExactly(
                new Problem("bom.json", 1, 10, null, "name", "must be a string, not a number (1)"));
    }
}
