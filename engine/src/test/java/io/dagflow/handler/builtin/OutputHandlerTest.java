package io.dagflow.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.handler.HandlerException;
import io.dagflow.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputHandlerTest {

    private final OutputHandler handler = new OutputHandler();

    @Test
    void withoutConfigTheResultMapsEachDependencyToItsResult() throws Exception {
        TestTaskContext context = TestTaskContext.withConfig("{}")
                .withDependencies(List.of("fetch_user", "fetch_orders"))
                .withDependencyResult("fetch_user", "{\"name\": \"Ada\"}")
                .withDependencyResult("fetch_orders", "[1, 2]");

        JsonNode result = handler.handle(context);

        assertThat(result).isEqualTo(Json.tree("{\"fetch_user\": {\"name\": \"Ada\"}, \"fetch_orders\": [1, 2]}"));
        assertThat(result.fieldNames()).toIterable().containsExactly("fetch_user", "fetch_orders");
    }

    @Test
    void withConfigTheResultIsTheResolvedConfig() throws Exception {
        TestTaskContext context = TestTaskContext.withConfig("{\"user\": \"Ada\", \"order_count\": 2}")
                .withDependencies(List.of("fetch_user"))
                .withDependencyResult("fetch_user", "{\"name\": \"Ada\"}");

        JsonNode result = handler.handle(context);

        assertThat(result).isEqualTo(Json.tree("{\"user\": \"Ada\", \"order_count\": 2}"));
    }

    @Test
    void aDependencyWhoseResultIsUnavailableFailsRetriablyNamingIt() {
        TestTaskContext context = TestTaskContext.withConfig("{}").withDependencies(List.of("fetch_user"));

        HandlerException failure = catchThrowableOfType(HandlerException.class, () -> handler.handle(context));

        assertThat(failure.isRetriable()).isTrue();
        assertThat(failure.getMessage()).contains("dependency 'fetch_user'");
    }
}
