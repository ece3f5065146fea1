package io.dagflow.expression;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import io.dagflow.template.TemplateResolver;
import io.dagflow.template.TemplateScope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScopeTest {

    private static final JsonNode RESULT = Json.tree("""
            {"user": {"id": 42, "manager": null, "tags": ["a", "b"]}, "items": [{"id": "first"}, {"id": "second"}],
             "0": "zero", "a/b~c": 1, "": "empty key"}""");

    private final Scope scope = Scope.of(Map.of("get_user", RESULT));

    @Test
    void aPathWalksObjectKeysAndListIndexes() {
        assertThat(scope.resolve(List.of("get_user", "items", "1", "id"))).contains(Json.tree("\"second\""));
        assertThat(scope.resolve(List.of("get_user"))).contains(RESULT);
    }

    @Test
    void aNumericSegmentIsAKeyOnAnObject() {
        assertThat(scope.resolve(List.of("get_user", "0"))).contains(Json.tree("\"zero\""));
    }

    @Test
    void keysMayHoldAnyCharacter() {
        assertThat(scope.resolve(List.of("get_user", "a/b~c"))).contains(Json.tree("1"));
        assertThat(scope.resolve(List.of("get_user", ""))).contains(Json.tree("\"empty key\""));
    }

    @Test
    void nullIsAValueAndWhatIsNotThereIsEmpty() {
        assertThat(scope.resolve(List.of("get_user", "user", "manager"))).contains(Json.tree("null"));
        assertThat(scope.resolve(List.of("get_user", "user", "email"))).isEmpty();
        assertThat(scope.resolve(List.of("get_user", "items", "2"))).isEmpty();
        assertThat(scope.resolve(List.of("get_user", "items", "01"))).isEmpty();
        assertThat(scope.resolve(List.of("get_user", "items", "-1"))).isEmpty();
        assertThat(scope.resolve(List.of("get_user", "user", "id", "x"))).isEmpty();
        assertThat(scope.resolve(List.of("other", "x"))).isEmpty();
    }

    @Test
    void overATemplateScopePathsMeanWhatTheSameTemplatesMean() throws Exception {
        TemplateScope templates = new TemplateScope() {
            @Override
            public Optional<JsonNode> nodeResult(String nodeId) {
                return nodeId.equals("get_user") ? Optional.of(RESULT) : Optional.empty();
            }

            @Override
            public JsonNode workflow() {
                return Json.tree("{\"id\": \"exec-1\", \"name\": \"report\", \"inputs\": {\"limit\": 3}}");
            }
        };
        Scope overTemplates = Scope.of(templates);

        for (String path : List.of("get_user.user.id", "get_user.items.0.id", "get_user.user.tags", "workflow.id",
                "workflow.inputs.limit", "workflow")) {
            JsonNode templated = TemplateResolver.resolve(Json.tree("\"{{" + path + "}}\""), templates);
            assertThat(overTemplates.resolve(List.of(path.split("\\.")))).as(path).contains(templated);
        }
        assertThat(overTemplates.resolve(List.of("missing_node", "x"))).isEmpty();
    }
}
