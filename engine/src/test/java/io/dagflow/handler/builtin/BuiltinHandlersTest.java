package io.dagflow.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dagflow.handler.Handler;
import io.dagflow.handler.HandlerException;
import io.dagflow.handler.HandlerRegistry;
import org.junit.jupiter.api.Test;

class BuiltinHandlersTest {

    @Test
    void theRegistryHoldsEveryBuiltinType() {
        HandlerRegistry registry = BuiltinHandlers.registry(false);

        assertThat(registry.types()).containsExactlyInAnyOrderElementsOf(BuiltinHandlers.TYPES)
                .contains("input", "output", "http", "echo", "sleep", "command");
    }

    @Test
    void commandIsRegisteredDisabledUnlessAllowed() throws Exception {
        Handler disabled = BuiltinHandlers.registry(false).find("command").orElseThrow();
        Handler enabled = BuiltinHandlers.registry(true).find("command").orElseThrow();
        TestTaskContext context = TestTaskContext.withConfig("{\"args\": [\"echo\", \"ran\"]}");

        HandlerException failure = catchThrowableOfType(HandlerException.class, () -> disabled.handle(context));

        assertThat(failure.getMessage()).contains("--allow-command");
        assertThat(enabled.handle(context).get("stdout").asText()).isEqualTo("ran\n");
    }

    @Test
    void registerAllKeepsCustomHandlersAlreadyRegistered() throws Exception {
        HandlerRegistry registry = new HandlerRegistry().register("shout", context -> context.config());

        BuiltinHandlers.registerAll(registry, false);

        assertThat(registry.types()).contains("shout", "http");
    }
}
