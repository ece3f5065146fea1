package io.dagflow.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The parsed form of an expression. Nodes carry no positions, so that two expressions that mean
 * the same and differ only in spacing, quotes or aliases ({@code &&} for {@code and}) are equal;
 * {@link Expression} keeps the columns beside the tree.
 */
sealed interface Node {

    /** A string, number, boolean or null; numbers are decimals, so that {@code 1} and {@code 1.0} stay as written. */
    record Literal(JsonNode value) implements Node {
        public Literal {
            if (!value.isValueNode()) {
                throw new IllegalArgumentException("a literal is a string, number, boolean or null: " + value);
            }
        }
    }

    /** {@code [...]} of literals and lists. */
    record ListValue(List<Node> elements) implements Node {
        public ListValue {
            elements = List.copyOf(elements);
        }
    }

    /** A value read through the {@link Scope}. */
    record Path(List<String> segments) implements Node {
        public Path {
            segments = List.copyOf(segments);
        }
    }

    record Not(Node operand) implements Node {
    }

    /** Two or more operands joined by one connective: a chain stays flat, however long. */
    record Logical(Connective connective, List<Node> operands) implements Node {
        public Logical {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("a logical operator joins two or more operands");
            }
        }
    }

    record Comparison(Node left, Operator operator, Node right) implements Node {
    }

    record Call(Builtin function, Node argument) implements Node {
    }

    enum Connective {
        AND("and"), OR("or");

        final String word;

        Connective(String word) {
            this.word = word;
        }
    }
}
