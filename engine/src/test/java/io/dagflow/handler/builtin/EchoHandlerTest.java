package io.dagflow.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dagflow.handler.HandlerException;
import io.dagflow.json.Json;
import org.junit.jupiter.api.Test;

class EchoHandlerTest {

    private final EchoHandler handler = new EchoHandler();

    @Test
    void resultIsTheResolvedConfig() throws Exception {
        String config = "{\"greeting\": \"hello\", \"nested\": {\"n\": [1, 2.5, null]}}";

        assertThat(handler.handle(TestTaskContext.withConfig(config))).isEqualTo(Json.tree(config));
    }

    @Test
    void aNodeWithoutConfigEchoesAnEmptyObject() throws Exception {
        assertThat(handler.handle(TestTaskContext.withConfig("null"))).isEqualTo(Json.object());
    }

    @Test
    void configThatIsNotAnObjectIsAPermanentError() {
        HandlerException failure = catchThrowableOfType(HandlerException.class,
                () -> handler.handle(TestTaskContext.withConfig("[1, 2]")));

        assertThat(failure.isRetriable()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("echo node 'node': config must be an object, got a list");
    }
}
