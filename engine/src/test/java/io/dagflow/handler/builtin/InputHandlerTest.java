package io.dagflow.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.handler.HandlerException;
import io.dagflow.json.Json;
import org.junit.jupiter.api.Test;

class InputHandlerTest {

    private final InputHandler handler = new InputHandler();

    @Test
    void resultIsTheExecutionInputs() throws Exception {
        TestTaskContext context = TestTaskContext.withConfig("{}").withInputs("{\"user_id\": 7, \"tags\": [\"a\"]}");

        JsonNode result = handler.handle(context);

        assertThat(result).isEqualTo(Json.tree("{\"user_id\": 7, \"tags\": [\"a\"]}"));
    }

    @Test
    void defaultsFillInputsThatWereNotGivenAndGivenInputsWin() throws Exception {
        TestTaskContext context = TestTaskContext
                .withConfig("{\"defaults\": {\"region\": \"eu\", \"limit\": 10}}")
                .withInputs("{\"limit\": 3}");

        JsonNode result = handler.handle(context);

        assertThat(result).isEqualTo(Json.tree("{\"region\": \"eu\", \"limit\": 3}"));
    }

    @Test
    void missingRequiredInputsFailPermanentlyNamingEachOfThem() {
        TestTaskContext context = TestTaskContext
                .withConfig("{\"required\": [\"user_id\", \"region\", \"token\"]}")
                .withInputs("{\"region\": \"eu\"}");

        HandlerException failure = catchThrowableOfType(HandlerException.class, () -> handler.handle(context));

        assertThat(failure.isRetriable()).isFalse();
        assertThat(failure.getMessage())
                .contains("input node 'node'")
                .contains("missing required inputs user_id, token")
                .doesNotContain("region");
    }

    @Test
    void aDefaultSatisfiesARequiredInput() throws Exception {
        TestTaskContext context = TestTaskContext
                .withConfig("{\"required\": [\"region\"], \"defaults\": {\"region\": \"eu\"}}");

        JsonNode result = handler.handle(context);

        assertThat(result.get("region").asText()).isEqualTo("eu");
    }

    @Test
    void requiredThatIsNotAListOfNamesIsAPermanentConfigError() {
        TestTaskContext listOfNumbers = TestTaskContext.withConfig("{\"required\": [1]}");
        TestTaskContext notAList = TestTaskContext.withConfig("{\"required\": \"user_id\"}");

        HandlerException elementFailure = catchThrowableOfType(HandlerException.class, () -> handler.handle(listOfNumbers));
        HandlerException listFailure = catchThrowableOfType(HandlerException.class, () -> handler.handle(notAList));

        assertThat(elementFailure.isRetriable()).isFalse();
        assertThat(elementFailure.getMessage()).contains("config field 'required[0]' must be an input name");
        assertThat(listFailure.getMessage()).contains("config field 'required' must be a list, got a string");
    }
}
