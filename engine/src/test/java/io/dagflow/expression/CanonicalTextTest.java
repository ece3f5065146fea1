package io.dagflow.expression;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dagflow.expression.Node.Call;
import io.dagflow.expression.Node.Comparison;
import io.dagflow.expression.Node.Connective;
import io.dagflow.expression.Node.ListValue;
import io.dagflow.expression.Node.Literal;
import io.dagflow.expression.Node.Logical;
import io.dagflow.expression.Node.Not;
import io.dagflow.expression.Node.Path;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** toString() writes an expression back as text that parses to the same tree. */
class CanonicalTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `a&&b||!c`                           | a and b or not c
            `a  ==  "x"`                           | a == 'x'
            not a == 1 or b                        | not a == 1 or b
            (not a) == true                        | (not a) == true
            not (a or b)                           | not (a or b)
            (a or b) or c                          | (a or b) or c
            a or (b or c)                          | a or (b or c)
            a or (b and c)                         | a or b and c
            (a or b) and c                         | (a or b) and c
            ((a == 1))                             | a == 1
            (a == 1) == (b != 2)                   | (a == 1) == (b != 2)
            x not in ['a','b']                     | x not in ['a', 'b']
            a['b'][0]["c-d"]['e f'] == 1           | a.b.0.c-d['e f'] == 1
            a['x.y'][''] == 1                      | a['x.y'][''] == 1
            a.in.and == 1                          | a.in.and == 1
            `a == "it's \\"q\\""`                  | `a == 'it\\'s "q"'`
            `a == 'line\\nbreak\\u0001'`           | `a == 'line\\nbreak\\u0001'`
            a == 1e3 and b == -0.50                | a == 1E+3 and b == -0.50
            exists( a.b ) and not empty(c)         | exists(a.b) and not empty(c)
            len(a) > 0                             | len(a) > 0
            """)
    void theCanonicalTextUsesWordsSingleQuotesDotsAndOnlyTheNeededParentheses(String written, String canonical)
            throws Exception {
        Expression expression = Expression.parse(written);

        assertThat(expression).hasToString(canonical);
        assertThat(Expression.parse(canonical)).isEqualTo(expression);
    }

    @Test
    void expressionsThatDifferOnlyInHowTheyAreWrittenAreEqual() throws Exception {
        assertThat(Expression.parse("a && !b")).isEqualTo(Expression.parse("a and not b"))
                .hasSameHashCodeAs(Expression.parse("a and not b"));
        assertThat(Expression.parse("a['b'] == \"c\"")).isEqualTo(Expression.parse("a.b == 'c'"));
        assertThat(Expression.parse("a or b")).isNotEqualTo(Expression.parse("b or a"));
        assertThat(Expression.parse("(a or b) or c")).isNotEqualTo(Expression.parse("a or b or c"));
    }

    @Test
    void theTextOfARandomTreeParsesToThatTree() throws Exception {
        TreeGenerator generator = new TreeGenerator(new Random(20240611L));
        for (int i = 0; i < 2_000; i++) {
            Node tree = generator.condition(4);
            String text = CanonicalText.of(tree);

            Expression parsed = Expression.parse(text);

            assertThat(parsed.root()).as(text).isEqualTo(tree);
            assertThat(parsed).as(text).hasToString(text);
        }
    }

    /** Trees of every kind of node, with the strings, numbers and keys that are hardest to write back. */
    private static final class TreeGenerator {

        private static final List<String> TEXTS = List.of("", "prod", "it's", "say \"hi\"", "back\\slash",
                "line\nbreak", "tab\there", "\u0001\u007f", "héllo", "🙂", "a'b\"c\\d", "and", "{{x}}");
        private static final List<String> NUMBERS = List.of("0", "-0", "7", "-12", "1.5", "-0.25", "1e3", "2E-7",
                "1.0", "123456789012345678901234567890", "6.02e23");
        private static final List<String> ROOTS = List.of("build", "workflow", "item", "item_index", "_x", "get-user",
                "A1", "len", "exists");
        private static final List<String> KEYS = List.of("exit_code", "0", "12", "body", "content-type", "in", "not",
                "true", "a b", "x.y", "", "it's", "-", "1e5", "é", "[0]");

        private final Random random;

        TreeGenerator(Random random) {
            this.random = random;
        }

        /** A node that may stand where true or false is wanted. */
        Node condition(int depth) {
            int choice = random.nextInt(depth <= 0 ? 3 : 7);
            switch (choice) {
                case 0: return path();
                case 1: return new Literal(BooleanNode.valueOf(random.nextBoolean()));
                case 2: return new Call(random.nextBoolean() ? Builtin.EXISTS : Builtin.EMPTY, path());
                case 3: return new Not(condition(depth - 1));
                case 4: return logical(depth);
                default: return comparison(depth);
            }
        }

        /** A node that may stand where a value is compared. */
        Node value(int depth) {
            int choice = random.nextInt(depth <= 0 ? 3 : 5);
            switch (choice) {
                case 0: return constant(0);
                case 1: return path();
                case 2: return random.nextBoolean() ? new Literal(NullNode.getInstance()) : constant(0);
                case 3: return new Call(Builtin.LEN, value(depth - 1));
                default: return random.nextBoolean() ? constant(depth) : condition(depth - 1);
            }
        }

        private Node logical(int depth) {
            List<Node> operands = new ArrayList<>();
            int count = 2 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                operands.add(condition(depth - 1));
            }
            return new Logical(random.nextBoolean() ? Connective.AND : Connective.OR, operands);
        }

        private Node comparison(int depth) {
            Operator[] operators = Operator.values();
            return new Comparison(value(depth - 1), operators[random.nextInt(operators.length)], value(depth - 1));
        }

        private Node constant(int depth) {
            switch (random.nextInt(depth <= 0 ? 3 : 4)) {
                case 0: return new Literal(TextNode.valueOf(pick(TEXTS)));
                case 1: return new Literal(DecimalNode.valueOf(new BigDecimal(pick(NUMBERS))));
                case 2: return new Literal(BooleanNode.valueOf(random.nextBoolean()));
                default:
                    List<Node> elements = new ArrayList<>();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        elements.add(constant(depth - 1));
                    }
                    return new ListValue(elements);
            }
        }

        private Path path() {
            List<String> segments = new ArrayList<>();
            segments.add(pick(ROOTS));
            for (int i = random.nextInt(4); i > 0; i--) {
                segments.add(pick(KEYS));
            }
            return new Path(segments);
        }

        private String pick(List<String> choices) {
            return choices.get(random.nextInt(choices.size()));
        }
    }
}
