package io.dagflow.expression;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.dagflow.expression.Node.Call;
import io.dagflow.expression.Node.Comparison;
import io.dagflow.expression.Node.Connective;
import io.dagflow.expression.Node.ListValue;
import io.dagflow.expression.Node.Literal;
import io.dagflow.expression.Node.Logical;
import io.dagflow.expression.Node.Not;
import io.dagflow.expression.Node.Path;
import io.dagflow.expression.Token.Kind;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recursive descent over the grammar of docs/expressions.md, one method a precedence level.
 * Recursion happens only where the text nests (parentheses, lists, calls, {@code not}), and that
 * is counted, so that no text can exhaust the stack.
 */
final class Parser {

    private final String text;
    private final Lexer lexer;
    /** Two tokens of look-ahead: {@code not in} and a name followed by {@code (} need the second. */
    private final Token[] ahead = new Token[2];
    private int buffered;
    private final List<Reference> references = new ArrayList<>();
    /**
     * Where the comparisons and calls that can fail at evaluation are written. Keyed by identity:
     * equal nodes written in two places have two columns.
     */
    private final Map<Node, Integer> columns = new IdentityHashMap<>();
    private int depth;

    private Parser(String text) {
        this.text = text;
        this.lexer = new Lexer(text);
    }

    static Expression parse(String text) throws ExpressionException {
        return new Parser(text).expression();
    }

    private Expression expression() throws ExpressionException {
        int length = text.codePointCount(0, text.length());
        if (length > Expression.MAX_LENGTH) {
            throw new ExpressionException(String.format(Locale.ROOT,
                    "expression is %,d characters long; the limit is %,d", length, Expression.MAX_LENGTH),
                    Expression.MAX_LENGTH + 1, null);
        }
        if (peek(0).is(Kind.END)) {
            throw new ExpressionException("expression is empty", 1, null);
        }
        Node root = condition(this::or);
        if (!peek(0).is(Kind.END)) {
            throw unexpected(peek(0), "an operator or the end of the expression");
        }
        return new Expression(root, references, columns);
    }

    private Node or() throws ExpressionException {
        return chain(Kind.OR, Connective.OR, this::and);
    }

    private Node and() throws ExpressionException {
        return chain(Kind.AND, Connective.AND, this::not);
    }

    private interface Level {
        Node parse() throws ExpressionException;
    }

    private Node chain(Kind separator, Connective connective, Level operand) throws ExpressionException {
        Token start = peek(0);
        Node first = operand.parse();
        if (!peek(0).is(separator)) {
            return first;
        }
        List<Node> operands = new ArrayList<>();
        operands.add(asCondition(first, start));
        while (peek(0).is(separator)) {
            next();
            operands.add(condition(operand));
        }
        return new Logical(connective, operands);
    }

    private Node not() throws ExpressionException {
        if (!peek(0).is(Kind.NOT)) {
            return comparison();
        }
        Token not = next();
        enter(not);
        Node operand = condition(this::not);
        leave();
        return new Not(operand);
    }

    private Node comparison() throws ExpressionException {
        Node left = operand();
        Token at = peek(0);
        Operator operator = comparisonOperator();
        if (operator == null) {
            return left;
        }
        Node comparison = new Comparison(left, operator, operand());
        columns.put(comparison, at.column());
        if (comparisonOperatorFollows()) {
            throw new ExpressionException("unexpected " + peek(0).described() + " at column " + peek(0).column()
                    + ": comparisons do not chain; join them with 'and'", peek(0).column(), peek(0).text());
        }
        return comparison;
    }

    /** The comparison operator at the next token, consumed, or null when there is none. */
    private Operator comparisonOperator() throws ExpressionException {
        Operator operator = operatorAt(peek(0));
        if (operator == Operator.NOT_IN) {
            next();
        }
        if (operator != null) {
            next();
        }
        return operator;
    }

    private boolean comparisonOperatorFollows() throws ExpressionException {
        return operatorAt(peek(0)) != null;
    }

    private Operator operatorAt(Token token) throws ExpressionException {
        switch (token.kind()) {
            case EQUAL: return Operator.EQUAL;
            case NOT_EQUAL: return Operator.NOT_EQUAL;
            case LESS: return Operator.LESS;
            case LESS_OR_EQUAL: return Operator.LESS_OR_EQUAL;
            case GREATER: return Operator.GREATER;
            case GREATER_OR_EQUAL: return Operator.GREATER_OR_EQUAL;
            case IN: return Operator.IN;
            case NOT: return peek(1).is(Kind.IN) ? Operator.NOT_IN : null;
            default: return null;
        }
    }

    /** A value: what a comparison compares. */
    private Node operand() throws ExpressionException {
        Token token = peek(0);
        if (startsConstant(token)) {
            return constant();
        }
        switch (token.kind()) {
            case LEFT_PAREN:
                next();
                enter(token);
                Node inner = or();
                expect(Kind.RIGHT_PAREN, "an operator or ')' to close the '(' at column " + token.column());
                leave();
                return inner;
            case NAME:
                return peek(1).is(Kind.LEFT_PAREN) ? call() : path();
            default:
                throw unexpected(token, "a value");
        }
    }

    private static boolean startsConstant(Token token) {
        switch (token.kind()) {
            case NUMBER:
            case STRING:
            case TRUE:
            case FALSE:
            case NULL:
            case LEFT_BRACKET:
                return true;
            default:
                return false;
        }
    }

    /** A literal or a list of them. */
    private Node constant() throws ExpressionException {
        return peek(0).is(Kind.LEFT_BRACKET) ? list() : literal();
    }

    private Node literal() throws ExpressionException {
        Token token = next();
        switch (token.kind()) {
            case TRUE: return new Literal(BooleanNode.TRUE);
            case FALSE: return new Literal(BooleanNode.FALSE);
            case NULL: return new Literal(NullNode.getInstance());
            default: return new Literal(token.value());
        }
    }

    private Node list() throws ExpressionException {
        Token open = next();
        enter(open);
        List<Node> elements = new ArrayList<>();
        if (!peek(0).is(Kind.RIGHT_BRACKET)) {
            elements.add(element());
            while (peek(0).is(Kind.COMMA)) {
                next();
                elements.add(element());
            }
        }
        expect(Kind.RIGHT_BRACKET, "',' or ']' to close the list opened at column " + open.column());
        leave();
        return new ListValue(elements);
    }

    /** Lists hold constants only: a path in a list would make membership depend on what is absent. */
    private Node element() throws ExpressionException {
        if (!startsConstant(peek(0))) {
            throw unexpected(peek(0), "a list element: a string, a number, true, false, null or a list");
        }
        return constant();
    }

    private Node path() throws ExpressionException {
        Token root = next();
        List<String> segments = new ArrayList<>();
        segments.add(root.text());
        while (true) {
            if (peek(0).is(Kind.DOT)) {
                next();
                if (!peek(0).is(Kind.KEY)) {
                    throw unexpected(peek(0), "a key after '.'");
                }
                segments.add(next().text());
            } else if (peek(0).is(Kind.LEFT_BRACKET)) {
                segments.add(bracketed());
            } else {
                break;
            }
        }
        references.add(new Reference(segments, root.column()));
        return new Path(segments);
    }

    /** {@code ['content-type']} or {@code [0]}: a key or an index, never a computed one. */
    private String bracketed() throws ExpressionException {
        Token open = next();
        Token key = peek(0);
        String segment;
        if (key.is(Kind.STRING)) {
            segment = key.value().textValue();
        } else if (key.is(Kind.NUMBER) && key.text().chars().allMatch(Character::isDigit)) {
            segment = key.text();
        } else {
            throw unexpected(key, "a key in quotes or a list index (0, 1, ...) after '['");
        }
        next();
        expect(Kind.RIGHT_BRACKET, "']' to close the '[' at column " + open.column());
        return segment;
    }

    private Node call() throws ExpressionException {
        Token name = next();
        Builtin function = Builtin.named(name.text());
        if (function == null) {
            Builtin meant = Builtin.meant(name.text());
            throw new ExpressionException("unknown function '" + name.text() + "' at column " + name.column()
                    + (meant != null ? "; did you mean '" + meant.name + "'?"
                            : "; the functions are " + Builtin.names()),
                    name.column(), name.text());
        }
        Token open = next();
        enter(open);
        if (peek(0).is(Kind.RIGHT_PAREN)) {
            throw arity(function, name, peek(0));
        }
        Token argumentStart = peek(0);
        Node argument = or();
        if (peek(0).is(Kind.COMMA)) {
            throw arity(function, name, peek(0));
        }
        expect(Kind.RIGHT_PAREN, "an operator or ')' to close '" + function.name + "(' at column " + name.column());
        leave();
        if (function.takesPath && !(argument instanceof Path)) {
            throw new ExpressionException(function.name + "() at column " + name.column() + " takes a path, as in "
                    + function.name + "(build.exit_code), not " + Messages.shortened(CanonicalText.of(argument)),
                    argumentStart.column(), argumentStart.text());
        }
        Call call = new Call(function, argument);
        columns.put(call, name.column());
        return call;
    }

    private static ExpressionException arity(Builtin function, Token name, Token at) {
        return new ExpressionException(function.name + "() at column " + name.column() + " takes one argument",
                at.column(), at.text());
    }

    /** Parses an operand that decides true or false by itself, refusing one that can never be true. */
    private Node condition(Level level) throws ExpressionException {
        Token start = peek(0);
        return asCondition(level.parse(), start);
    }

    private Node asCondition(Node node, Token start) throws ExpressionException {
        String kind;
        if (node instanceof Literal literal && !literal.value().isBoolean()) {
            kind = literal.value().isNull() ? "" : " is " + Messages.kind(literal.value());
        } else if (node instanceof ListValue) {
            kind = " is a list";
        } else if (node instanceof Call call && !call.function().givesBoolean) {
            kind = " is a number";
        } else {
            return node;
        }
        throw new ExpressionException(Messages.shortened(CanonicalText.of(node)) + " at column " + start.column() + kind
                + " and can never be true; a condition is a comparison (such as len(x) > 0 or x == 'prod'),"
                + " a path, true, false, exists() or empty()", start.column(), start.text());
    }

    private void enter(Token at) throws ExpressionException {
        if (++depth > Expression.MAX_NESTING) {
            throw new ExpressionException("expression nests deeper than " + Expression.MAX_NESTING
                    + " levels at column " + at.column() + " (each '(', '[', function call and 'not' is a level)",
                    at.column(), at.text());
        }
    }

    private void leave() {
        depth--;
    }

    private void expect(Kind kind, String expected) throws ExpressionException {
        if (!peek(0).is(kind)) {
            throw unexpected(peek(0), expected);
        }
        next();
    }

    private static ExpressionException unexpected(Token token, String expected) {
        return new ExpressionException("unexpected " + token.described() + " at column " + token.column()
                + ": expected " + expected, token.column(), token.is(Kind.END) ? null : token.text());
    }

    private Token peek(int offset) throws ExpressionException {
        while (buffered <= offset) {
            ahead[buffered++] = lexer.next();
        }
        return ahead[offset];
    }

    private Token next() throws ExpressionException {
        Token token = peek(0);
        ahead[0] = ahead[1];
        ahead[1] = null;
        buffered--;
        return token;
    }
}
