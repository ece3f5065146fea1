package io.dagflow.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Text length and nesting are bounded, and nothing within those bounds can exhaust the stack. */
class LimitsTest {

    private static ExpressionException parseError(String text) {
        ExpressionException error = catchThrowableOfType(ExpressionException.class, () -> Expression.parse(text));
        assertThat(error).as("parsing %s", text).isNotNull();
        return error;
    }

    private static String nested(String open, String inner, String close, int levels) {
        return open.repeat(levels) + inner + close.repeat(levels);
    }

    @Test
    void anExpressionOfTheLongestLengthParses() throws Exception {
        String text = "a == '" + "x".repeat(Expression.MAX_LENGTH - 7) + "'";
        assertThat(text).hasSize(Expression.MAX_LENGTH);

        assertThat(Expression.parse(text).evaluate(Scope.of(Map.of()))).isFalse();
    }

    @Test
    void aLongerExpressionIsRefusedNamingTheLimit() {
        String text = "a == '" + "x".repeat(Expression.MAX_LENGTH - 6) + "'";

        ExpressionException error = parseError(text);

        assertThat(error).hasMessage("expression is 10,001 characters long; the limit is 10,000");
        assertThat(error.column()).isEqualTo(10_001);
        assertThat(error.token()).isNull();
    }

    @Test
    void theLengthCountsCharactersNotUtf16Units() throws Exception {
        String text = "a == '" + "🙂".repeat(Expression.MAX_LENGTH - 7) + "'";

        assertThat(Expression.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void aHundredLevelsOfEachKindOfNestingParse() throws Exception {
        Expression.parse(nested("(", "a", ")", Expression.MAX_NESTING));
        Expression.parse("not ".repeat(Expression.MAX_NESTING) + "a");
        Expression.parse("x in " + nested("[", "1", "]", Expression.MAX_NESTING));
        Expression.parse(nested("len(", "a", ")", Expression.MAX_NESTING) + " > 0");
    }

    @Test
    void theHundredAndFirstLevelIsRefusedWhereItOpens() {
        int levels = Expression.MAX_NESTING + 1;
        String rest = " levels at column %d (each '(', '[', function call and 'not' is a level)";

        assertThat(parseError(nested("(", "a", ")", levels)))
                .hasMessage("expression nests deeper than 100" + rest.formatted(101));
        assertThat(parseError("not ".repeat(levels) + "a"))
                .hasMessage("expression nests deeper than 100" + rest.formatted(401));
        assertThat(parseError("!".repeat(levels) + "a"))
                .hasMessage("expression nests deeper than 100" + rest.formatted(101));
        assertThat(parseError("x in " + nested("[", "1", "]", levels)))
                .hasMessage("expression nests deeper than 100" + rest.formatted(106));
        assertThat(parseError(nested("len(", "a", ")", levels) + " > 0"))
                .hasMessage("expression nests deeper than 100" + rest.formatted(404));
    }

    @Test
    void mixedNestingCountsEveryLevel() {
        String text = "(not ".repeat(51) + "a" + ")".repeat(51);

        // fifty "(not " make 100 levels; the 51st '(' is the 101st
        assertThat(parseError(text).column()).isEqualTo(5 * 50 + 1);
    }

    @Test
    void nestingAsDeepAsTheLengthAllowsIsRefusedWithoutOverflowingTheStack() {
        int levels = Expression.MAX_LENGTH / 2 - 1;

        assertThat(parseError(nested("(", "a", ")", levels)).getMessage()).startsWith("expression nests deeper");
        assertThat(parseError("!".repeat(Expression.MAX_LENGTH - 1) + "a").getMessage())
                .startsWith("expression nests deeper");
    }

    @Test
    void aChainAsLongAsTheLengthAllowsStaysFlatAndEvaluates() throws Exception {
        String or = "a or ".repeat((Expression.MAX_LENGTH - 1) / 5) + "b";
        String and = "a and ".repeat((Expression.MAX_LENGTH - 1) / 6) + "b";
        Scope scope = Scope.of(Map.of("a", com.fasterxml.jackson.databind.node.BooleanNode.TRUE));

        Expression orChain = Expression.parse(or);
        Expression andChain = Expression.parse(and);

        assertThat(orChain.evaluate(scope)).isTrue();
        assertThat(andChain.evaluate(scope)).isFalse();
        assertThat(orChain.toString()).isEqualTo(or);
        assertThat(orChain.references()).hasSize((Expression.MAX_LENGTH - 1) / 5 + 1);
        assertThat(Expression.parse(orChain.toString())).isEqualTo(orChain);
    }

    @Test
    void aPathAsLongAsTheLengthAllowsIsRead() throws Exception {
        String text = "a" + ".b".repeat((Expression.MAX_LENGTH - 1) / 2);

        assertThat(Expression.parse(text).references().get(0).path()).hasSize((Expression.MAX_LENGTH - 1) / 2 + 1);
    }
}
