package io.dagflow.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandlerDiscoveryTest {

    private record Context(JsonNode config) implements TaskContext {
        @Override
        public String executionId() {
            return "exec-1";
        }

        @Override
        public String workflowName() {
            return "discovery";
        }

        @Override
        public String nodeId() {
            return "count";
        }

        @Override
        public int attempt() {
            return 1;
        }

        @Override
        public JsonNode inputs() {
            return Json.object();
        }

        @Override
        public List<String> dependencies() {
            return List.of();
        }

        @Override
        public Optional<JsonNode> dependencyResult(String nodeId) {
            return Optional.empty();
        }
    }

    @Test
    void aHandlerListedInMetaInfServicesIsDiscoveredAndRuns() throws Exception {
        HandlerRegistry registry = new HandlerRegistry().discover(getClass().getClassLoader());

        Handler handler = registry.find("word_count").orElseThrow();
        JsonNode result = handler.handle(new Context(Json.tree("{\"text\": \"three little words\"}")));

        assertThat(registry.types()).contains("word_count");
        assertThat(result.get("words").asInt()).isEqualTo(3);
    }

    @Test
    void aClassLoaderWithoutTheServiceFileFindsNothing() {
        ClassLoader platformOnly = ClassLoader.getPlatformClassLoader();

        HandlerRegistry registry = new HandlerRegistry().discover(platformOnly);

        assertThat(registry.types()).isEmpty();
    }
}
