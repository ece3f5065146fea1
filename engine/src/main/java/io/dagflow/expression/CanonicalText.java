package io.dagflow.expression;

import io.dagflow.expression.Node.Call;
import io.dagflow.expression.Node.Comparison;
import io.dagflow.expression.Node.ListValue;
import io.dagflow.expression.Node.Literal;
import io.dagflow.expression.Node.Logical;
import io.dagflow.expression.Node.Not;
import io.dagflow.expression.Node.Path;
import java.util.List;

/**
 * Writes a tree back as text that parses to the same tree: words for operators, single quotes,
 * dotted paths where a key allows it, and parentheses only where precedence needs them.
 */
final class CanonicalText {

    private static final int OR = 1;
    private static final int AND = 2;
    private static final int NOT = 3;
    private static final int COMPARISON = 4;
    private static final int VALUE = 5;

    private CanonicalText() {
    }

    static String of(Node node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    static String path(List<String> segments) {
        StringBuilder out = new StringBuilder(segments.get(0));
        for (String segment : segments.subList(1, segments.size())) {
            if (!segment.isEmpty() && segment.chars().allMatch(c -> Lexer.isWordPart((char) c))) {
                out.append('.').append(segment);
            } else {
                out.append('[').append(quote(segment)).append(']');
            }
        }
        return out.toString();
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\'': out.append("\\'"); break;
                case '\\': out.append("\\\\"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('\'').toString();
    }

    private static void write(Node node, StringBuilder out) {
        if (node instanceof Literal literal) {
            if (literal.value().isTextual()) {
                out.append(quote(literal.value().textValue()));
            } else if (literal.value().isNumber()) {
                out.append(literal.value().decimalValue().toString());
            } else {
                out.append(literal.value().asText());
            }
        } else if (node instanceof ListValue list) {
            out.append('[');
            for (int i = 0; i < list.elements().size(); i++) {
                out.append(i == 0 ? "" : ", ");
                write(list.elements().get(i), out);
            }
            out.append(']');
        } else if (node instanceof Path path) {
            out.append(path(path.segments()));
        } else if (node instanceof Not not) {
            out.append("not ");
            operand(not.operand(), NOT, out);
        } else if (node instanceof Logical logical) {
            // an operand that is itself such a chain was parenthesised: keep it so, to keep the tree
            int operandsAbove = precedence(logical) + 1;
            for (int i = 0; i < logical.operands().size(); i++) {
                out.append(i == 0 ? "" : " " + logical.connective().word + " ");
                operand(logical.operands().get(i), operandsAbove, out);
            }
        } else if (node instanceof Comparison comparison) {
            operand(comparison.left(), VALUE, out);
            out.append(' ').append(comparison.operator().text).append(' ');
            operand(comparison.right(), VALUE, out);
        } else if (node instanceof Call call) {
            out.append(call.function().name).append('(');
            write(call.argument(), out);
            out.append(')');
        } else {
            throw new IllegalStateException("no text for " + node);
        }
    }

    private static void operand(Node node, int lowestWithoutParentheses, StringBuilder out) {
        boolean parenthesise = precedence(node) < lowestWithoutParentheses;
        out.append(parenthesise ? "(" : "");
        write(node, out);
        out.append(parenthesise ? ")" : "");
    }

    private static int precedence(Node node) {
        if (node instanceof Logical logical) {
            return logical.connective() == Node.Connective.OR ? OR : AND;
        }
        if (node instanceof Not) {
            return NOT;
        }
        if (node instanceof Comparison) {
            return COMPARISON;
        }
        return VALUE;
    }
}
