package io.dagflow.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code and} and {@code or} stop at the first operand that decides them. */
class ShortCircuitTest {

    private final SampleResults results = new SampleResults();

    @Test
    void orStopsAtTheFirstTrueOperandSoALaterTypeErrorIsNeverReached() throws Exception {
        boolean holds = Expression.parse("build.failed or build.ok or build.name < 5").evaluate(results);

        assertThat(holds).isTrue();
        assertThat(results.read()).containsExactly("build.failed", "build.ok");
    }

    @Test
    void andStopsAtTheFirstOperandThatDoesNotHold() throws Exception {
        boolean holds = Expression.parse("build.ok && build.missing && build.name < 5").evaluate(results);

        assertThat(holds).isFalse();
        assertThat(results.read()).containsExactly("build.ok", "build.missing");
    }

    @Test
    void theOperandThatIsReachedIsEvaluated() throws Exception {
        Expression expression = Expression.parse("build.ok and build.name < 5");

        assertThatThrownBy(() -> expression.evaluate(results)).isInstanceOf(ExpressionException.class);
        assertThat(results.read()).containsExactly("build.ok", "build.name");
    }

    @Test
    void everyOperandIsReadWhenNoneDecidesEarly() throws Exception {
        boolean holds = Expression.parse("build.failed or build.missing or build.ok").evaluate(results);

        assertThat(holds).isTrue();
        assertThat(results.read()).containsExactly("build.failed", "build.missing", "build.ok");
    }
}
