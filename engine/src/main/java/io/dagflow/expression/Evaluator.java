package io.dagflow.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.dagflow.expression.Node.Call;
import io.dagflow.expression.Node.Comparison;
import io.dagflow.expression.Node.Connective;
import io.dagflow.expression.Node.ListValue;
import io.dagflow.expression.Node.Literal;
import io.dagflow.expression.Node.Logical;
import io.dagflow.expression.Node.Not;
import io.dagflow.expression.Node.Path;
import java.util.Map;

/**
 * Evaluates a tree against a {@link Scope}. A path that leads nowhere is {@link MissingNode}, so
 * that "absent" travels as a value and each operator decides what it means (docs/expressions.md).
 */
final class Evaluator {

    private final Scope scope;
    private final Map<Node, Integer> columns;

    Evaluator(Scope scope, Map<Node, Integer> columns) {
        this.scope = scope;
        this.columns = columns;
    }

    /** Whether the node holds: only JSON true does. */
    boolean holds(Node node) throws ExpressionException {
        JsonNode value = value(node);
        return value.isBoolean() && value.booleanValue();
    }

    private JsonNode value(Node node) throws ExpressionException {
        if (node instanceof Literal literal) {
            return literal.value();
        }
        if (node instanceof ListValue list) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode(list.elements().size());
            for (Node element : list.elements()) {
                array.add(value(element));
            }
            return array;
        }
        if (node instanceof Path path) {
            return resolve(path);
        }
        if (node instanceof Not not) {
            return BooleanNode.valueOf(!holds(not.operand()));
        }
        if (node instanceof Logical logical) {
            return BooleanNode.valueOf(logical(logical));
        }
        if (node instanceof Comparison comparison) {
            return BooleanNode.valueOf(compare(comparison));
        }
        if (node instanceof Call call) {
            return call(call);
        }
        throw new IllegalStateException("cannot evaluate " + node);
    }

    private JsonNode resolve(Path path) {
        JsonNode value = scope.resolve(path.segments()).orElse(null);
        return value == null ? MissingNode.getInstance() : value;
    }

    /** Stops at the first operand that decides, so that later ones are neither read nor type-checked. */
    private boolean logical(Logical logical) throws ExpressionException {
        boolean decidesAt = logical.connective() == Connective.OR;
        for (Node operand : logical.operands()) {
            if (holds(operand) == decidesAt) {
                return decidesAt;
            }
        }
        return !decidesAt;
    }

    private boolean compare(Comparison comparison) throws ExpressionException {
        JsonNode left = value(comparison.left());
        JsonNode right = value(comparison.right());
        Operator operator = comparison.operator();
        if (left.isMissingNode() || right.isMissingNode()) {
            return operator.whenAbsent();
        }
        switch (operator) {
            case EQUAL:
                return JsonValues.equal(left, right);
            case NOT_EQUAL:
                return !JsonValues.equal(left, right);
            case IN:
                return contains(comparison, right, left);
            case NOT_IN:
                return !contains(comparison, right, left);
            default:
                return ordered(operator, order(comparison, left, right));
        }
    }

    private static boolean ordered(Operator operator, int order) {
        switch (operator) {
            case LESS: return order < 0;
            case LESS_OR_EQUAL: return order <= 0;
            case GREATER: return order > 0;
            case GREATER_OR_EQUAL: return order >= 0;
            default: throw new IllegalStateException(operator + " does not order");
        }
    }

    private int order(Comparison comparison, JsonNode left, JsonNode right) throws ExpressionException {
        if (left.isNumber() && right.isNumber()) {
            return JsonValues.compareNumbers(left, right);
        }
        if (left.isTextual() && right.isTextual()) {
            return JsonValues.compareText(left.textValue(), right.textValue());
        }
        throw error(comparison, "'" + comparison.operator().text + "' compares two numbers or two strings, not "
                + Messages.kind(left) + " and " + Messages.kind(right), left, right);
    }

    private boolean contains(Comparison comparison, JsonNode container, JsonNode wanted) throws ExpressionException {
        if (container.isArray()) {
            for (JsonNode element : container) {
                if (JsonValues.equal(element, wanted)) {
                    return true;
                }
            }
            return false;
        }
        if (container.isTextual()) {
            if (!wanted.isTextual()) {
                throw error(comparison, "'" + comparison.operator().text + "' with a string on its right needs a"
                        + " string on its left, not " + Messages.kind(wanted), wanted, container);
            }
            return container.textValue().contains(wanted.textValue());
        }
        throw error(comparison, "'" + comparison.operator().text + "' needs a list or a string on its right, not "
                + Messages.kind(container), wanted, container);
    }

    private JsonNode call(Call call) throws ExpressionException {
        JsonNode argument = value(call.argument());
        switch (call.function()) {
            case EXISTS:
                return BooleanNode.valueOf(!argument.isMissingNode());
            case EMPTY:
                return BooleanNode.valueOf(argument.isMissingNode() || argument.isNull()
                        || argument.isTextual() && argument.textValue().isEmpty()
                        || argument.isContainerNode() && argument.isEmpty());
            case LEN:
                return length(call, argument);
            default:
                throw new IllegalStateException("no evaluation for " + call.function());
        }
    }

    /** An absent argument gives an absent length, so that len(x) > 0 is false as x > 0 would be. */
    private JsonNode length(Call call, JsonNode argument) throws ExpressionException {
        if (argument.isMissingNode()) {
            return argument;
        }
        if (argument.isTextual()) {
            return IntNode.valueOf(argument.textValue().codePointCount(0, argument.textValue().length()));
        }
        if (argument.isContainerNode()) {
            return IntNode.valueOf(argument.size());
        }
        throw new ExpressionException(call.function().name + "() at column " + columns.get(call)
                + " takes a string, a list or an object, not " + Messages.kind(argument) + ": "
                + CanonicalText.of(call) + " is " + call.function().name + "(" + Messages.show(argument) + ")",
                columns.get(call), call.function().name);
    }

    private ExpressionException error(Comparison comparison, String problem, JsonNode left, JsonNode right) {
        int column = columns.get(comparison);
        return new ExpressionException(problem + " at column " + column + ": "
                + Messages.shortened(CanonicalText.of(comparison))
                + " is " + Messages.show(left) + " " + comparison.operator().text + " " + Messages.show(right),
                column, comparison.operator().text);
    }
}
