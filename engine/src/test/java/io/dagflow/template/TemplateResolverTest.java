package io.dagflow.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplateResolverTest {

    /** Results of upstream nodes and the execution's workflow object, as the engine provides them. */
    private record Results(Map<String, JsonNode> byNode, JsonNode workflow) implements TemplateScope {
        @Override
        public Optional<JsonNode> nodeResult(String nodeId) {
            return Optional.ofNullable(byNode.get(nodeId));
        }
    }

    private final Results scope = new Results(
            Map.of(
                    "get_user", Json.tree("""
                            {"user": {"id": 42, "name": "Ada", "admin": true, "manager": null,
                                      "tags": ["a", "b"], "ratio": 0.5},
                             "items": [{"id": "first"}, {"id": "second"}]}"""),
                    "count", Json.tree("7")),
            Json.tree("""
                    {"id": "exec-1", "name": "user-report", "inputs": {"user_id": "u-9", "limit": 3}}"""));

    private JsonNode resolve(String config) throws TemplateException {
        return TemplateResolver.resolve(Json.tree(config), scope);
    }

    @Test
    void exactTemplateKeepsANumberANumber() throws Exception {
        JsonNode resolved = resolve("{\"id\": \"{{get_user.user.id}}\"}");

        assertThat(resolved.get("id").isInt()).isTrue();
        assertThat(resolved.get("id").intValue()).isEqualTo(42);
    }

    @Test
    void exactTemplateKeepsObjectsArraysBooleansAndNulls() throws Exception {
        JsonNode resolved = resolve("""
                {"user": "{{get_user.user}}", "tags": "{{ get_user.user.tags }}",
                 "admin": "{{get_user.user.admin}}", "manager": "{{get_user.user.manager}}",
                 "ratio": "{{get_user.user.ratio}}"}""");

        assertThat(resolved.get("user")).isEqualTo(scope.byNode().get("get_user").get("user"));
        assertThat(resolved.get("tags")).isEqualTo(Json.tree("[\"a\", \"b\"]"));
        assertThat(resolved.get("admin").isBoolean()).isTrue();
        assertThat(resolved.get("admin").booleanValue()).isTrue();
        assertThat(resolved.get("manager").isNull()).isTrue();
        assertThat(resolved.get("ratio").doubleValue()).isEqualTo(0.5);
    }

    @Test
    void wholeResultOfANodeIsReadWithTheBareNodeId() throws Exception {
        JsonNode resolved = resolve("{\"n\": \"{{count}}\"}");

        assertThat(resolved.get("n").intValue()).isEqualTo(7);
    }

    @Test
    void inlineTemplatesRenderScalarsAsText() throws Exception {
        JsonNode resolved = resolve("""
                {"url": "http://svc/api/users/{{get_user.user.id}}/{{ get_user.user.name }}\
                ?admin={{get_user.user.admin}}&m={{get_user.user.manager}}"}""");

        assertThat(resolved.get("url").textValue()).isEqualTo("http://svc/api/users/42/Ada?admin=true&m=null");
    }

    @Test
    void inlineTemplatesRenderObjectsAndArraysAsCompactJson() throws Exception {
        JsonNode resolved = resolve("""
                {"body": "items={{get_user.items}} tags={{get_user.user.tags}}"}""");

        assertThat(resolved.get("body").textValue())
                .isEqualTo("items=[{\"id\":\"first\"},{\"id\":\"second\"}] tags=[\"a\",\"b\"]");
    }

    @Test
    void inlineRenderingKeepsNullFieldsOfObjects() throws Exception {
        Results withNull = new Results(Map.of("a", Json.tree("{\"x\": null, \"y\": 1}")), Json.object());

        JsonNode resolved = TemplateResolver.resolve(Json.tree("{\"s\": \"v={{a}}\"}"), withNull);

        assertThat(resolved.get("s").textValue()).isEqualTo("v={\"x\":null,\"y\":1}");
    }

    @Test
    void textThatLooksLikeAReplacementPatternIsCopiedLiterally() throws Exception {
        Results dollars = new Results(Map.of("a", Json.tree("{\"price\": \"$1 \\\\ $2\"}")), Json.object());

        JsonNode resolved = TemplateResolver.resolve(Json.tree("{\"s\": \"cost {{a.price}}\"}"), dollars);

        assertThat(resolved.get("s").textValue()).isEqualTo("cost $1 \\ $2");
    }

    @Test
    void keysAreTemplatedAndRenderedAsText() throws Exception {
        JsonNode resolved = resolve("""
                {"headers": {"X-User-{{get_user.user.id}}": "yes",
                             "{{workflow.inputs.user_id}}": "{{get_user.user.id}}"}}""");

        assertThat(resolved.get("headers")).isEqualTo(Json.tree("{\"X-User-42\": \"yes\", \"u-9\": 42}"));
    }

    @Test
    void templatedKeyThatBecomesAnotherKeyFailsInsteadOfDroppingAValue() {
        assertThatThrownBy(() -> resolve("""
                {"headers": {"user-{{get_user.user.id}}": "from template", "user-42": "written"}}"""))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template key 'user-{{get_user.user.id}}' becomes 'user-42', which another key of the"
                        + " same object already is; one of the two values would be lost")
                .extracting(e -> ((TemplateException) e).template())
                .isEqualTo("user-{{get_user.user.id}}");
    }

    @Test
    void listIndexesWorkWithDotsAndWithBrackets() throws Exception {
        JsonNode resolved = resolve("""
                {"a": "{{get_user.items.1.id}}", "b": "{{get_user.items[0].id}}",
                 "c": "{{ get_user.user.tags[1] }}"}""");

        assertThat(resolved).isEqualTo(Json.tree("{\"a\": \"second\", \"b\": \"first\", \"c\": \"b\"}"));
    }

    @Test
    void templatesInsideArraysAndNestedObjectsAreResolved() throws Exception {
        JsonNode resolved = resolve("""
                {"list": ["{{count}}", {"deep": ["x-{{count}}"]}], "plain": 1}""");

        assertThat(resolved).isEqualTo(Json.tree("{\"list\": [7, {\"deep\": [\"x-7\"]}], \"plain\": 1}"));
    }

    @Test
    void workflowTemplatesReadTheExecutionsIdNameAndInputs() throws Exception {
        JsonNode resolved = resolve("""
                {"id": "{{workflow.id}}", "name": "{{workflow.name}}", "user": "{{workflow.inputs.user_id}}",
                 "limit": "{{workflow.inputs.limit}}", "inline": "run {{workflow.id}} of {{workflow.name}}"}""");

        assertThat(resolved).isEqualTo(Json.tree("""
                {"id": "exec-1", "name": "user-report", "user": "u-9", "limit": 3,
                 "inline": "run exec-1 of user-report"}"""));
    }

    @Test
    void configWithoutTemplatesIsReturnedUnchanged() throws Exception {
        JsonNode config = Json.tree("{\"a\": [1, {\"b\": \"text with { and }\"}]}");

        assertThat(TemplateResolver.resolve(config, scope)).isSameAs(config);
    }

    @Test
    void missingKeyNamesTheTemplateTheNodeAndTheKey() {
        assertThatThrownBy(() -> resolve("{\"x\": \"{{get_user.user.email}}\"}"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template {{get_user.user.email}}: the result of node 'get_user' has no key 'email'"
                        + " at get_user.user (keys: id, name, admin, manager, tags, ratio)")
                .extracting(e -> ((TemplateException) e).template())
                .isEqualTo("{{get_user.user.email}}");
    }

    @Test
    void indexPastTheEndOfAListIsAMissingKey() {
        assertThatThrownBy(() -> resolve("{\"x\": \"{{get_user.items[2].id}}\"}"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template {{get_user.items[2].id}}: the result of node 'get_user' has no key '2'"
                        + " at get_user.items (a list of 2)");
    }

    @Test
    void readingIntoAScalarIsAMissingKey() {
        assertThatThrownBy(() -> resolve("{\"x\": \"{{get_user.user.name.first}}\"}"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template {{get_user.user.name.first}}: the result of node 'get_user' has no key"
                        + " 'first' at get_user.user.name (a string)");
    }

    @Test
    void missingKeyInAnInlineTemplateFailsToo() {
        assertThatThrownBy(() -> resolve("{\"x\": \"id={{workflow.inputs.nope}}\"}"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template {{workflow.inputs.nope}}: the workflow has no key 'nope' at workflow.inputs"
                        + " (keys: user_id, limit)");
    }

    @Test
    void nodeWithoutAResultIsNamed() {
        assertThatThrownBy(() -> resolve("{\"x\": \"{{fetch.id}}\"}"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template {{fetch.id}} refers to node 'fetch', which has no result");
    }

    @Test
    void emptyTemplateIsRejected() {
        assertThatThrownBy(() -> resolve("{\"x\": \"a {{ }} b\"}"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template {{ }} is empty");
    }

    @Test
    void referencesListsEveryTemplateInOrderKeysIncluded() {
        JsonNode config = Json.tree("""
                {"url": "http://svc/{{ get_user.user.id }}/{{workflow.inputs.limit}}",
                 "{{a.key}}": ["{{b.items[0].id}}", 3, {"c": "{{c}}"}]}""");

        List<TemplateReference> references = TemplateResolver.references(config);

        assertThat(references).containsExactly(
                new TemplateReference("{{ get_user.user.id }}", "get_user", List.of("user", "id")),
                new TemplateReference("{{workflow.inputs.limit}}", "workflow", List.of("inputs", "limit")),
                new TemplateReference("{{a.key}}", "a", List.of("key")),
                new TemplateReference("{{b.items[0].id}}", "b", List.of("items", "0", "id")),
                new TemplateReference("{{c}}", "c", List.of()));
        assertThat(references.get(1).isWorkflowReference()).isTrue();
        assertThat(references.get(3).expression()).isEqualTo("b.items.0.id");
    }

    @Test
    void referencedNodesLeavesOutTheWorkflowAndRepeats() {
        JsonNode config = Json.tree("""
                {"a": "{{x.id}} {{workflow.id}} {{x.name}}", "b": "{{y}}"}""");

        assertThat(TemplateResolver.referencedNodes(config)).containsExactly("x", "y");
    }

    @Test
    void parseIgnoresTextThatIsNotATemplate() {
        assertThat(TemplateResolver.parse("{ single } {{ unclosed and {{a.b}}")).containsExactly(
                new TemplateReference("{{a.b}}", "a", List.of("b")));
    }

    @Test
    void nullConfigResolvesToNull() throws Exception {
        assertThat(TemplateResolver.resolve(null, scope)).isNull();
        assertThat(TemplateResolver.references(null)).isEmpty();
    }
}
