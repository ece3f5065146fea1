package io.dagflow.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.handler.HandlerException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SleepHandlerTest {

    private final SleepHandler handler = new SleepHandler();

    @Test
    void fractionalSecondsAreSleptAndReported() throws Exception {
        JsonNode result = handler.handle(TestTaskContext.withConfig("{\"seconds\": 0.05}"));

        assertThat(result.get("slept_seconds").decimalValue()).isEqualByComparingTo("0.05");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anInterruptEndsTheSleepWithInterruptedException() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread sleeper = new Thread(() -> {
            try {
                handler.handle(TestTaskContext.withConfig("{\"seconds\": 3600}"));
                outcome.complete(null);
            } catch (Throwable failure) {
                outcome.complete(failure);
            }
        });
        sleeper.start();

        sleeper.interrupt();

        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void missingOrNegativeSecondsArePermanentConfigErrors() {
        HandlerException missing = catchThrowableOfType(HandlerException.class,
                () -> handler.handle(TestTaskContext.withConfig("{}")));
        HandlerException negative = catchThrowableOfType(HandlerException.class,
                () -> handler.handle(TestTaskContext.withConfig("{\"seconds\": -1}")));
        HandlerException text = catchThrowableOfType(HandlerException.class,
                () -> handler.handle(TestTaskContext.withConfig("{\"seconds\": \"soon\"}")));

        assertThat(missing.isRetriable()).isFalse();
        assertThat(missing.getMessage()).isEqualTo("sleep node 'node': config field 'seconds' is required");
        assertThat(negative.getMessage()).contains("config field 'seconds' must not be negative, got -1");
        assertThat(text.getMessage()).contains("config field 'seconds' must be a number, got \"soon\"");
    }

    @Test
    void secondsWrittenAsTextAreAccepted() throws Exception {
        JsonNode result = handler.handle(TestTaskContext.withConfig("{\"seconds\": \"0.01\"}"));

        assertThat(result.get("slept_seconds").decimalValue()).isEqualByComparingTo("0.01");
    }
}
