package io.dagflow.expression;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed condition such as {@code build.exit_code == 0 and workflow.inputs.env in ['prod', 'staging']}.
 * Immutable and safe to share between threads; evaluating reads values only through a {@link Scope}.
 * The language is described in docs/expressions.md.
 */
public final class Expression {

    /** The longest text {@link #parse} accepts, in characters. */
    public static final int MAX_LENGTH = 10_000;
    /** How deep parentheses, lists, function calls and {@code not} may nest. */
    public static final int MAX_NESTING = 100;

    private final Node root;
    private final List<Reference> references;
    private final Map<Node, Integer> columns;

    Expression(Node root, List<Reference> references, Map<Node, Integer> columns) {
        this.root = root;
        this.references = List.copyOf(references);
        this.columns = Collections.unmodifiableMap(new IdentityHashMap<>(columns));
    }

    /**
     * Parses {@code text}.
     *
     * @throws ExpressionException for a syntax error, an unknown function, a condition that can never
     *     be true, or text beyond {@link #MAX_LENGTH} or {@link #MAX_NESTING}; it names the column
     */
    public static Expression parse(String text) throws ExpressionException {
        return Parser.parse(text);
    }

    /** Every path the expression reads, in the order written, each occurrence with its column. */
    public List<Reference> references() {
        return references;
    }

    /**
     * Whether the condition holds for the values of {@code scope}. Paths are read lazily: an
     * {@code and} or {@code or} stops at the first operand that decides it.
     *
     * @throws ExpressionException for a type error, such as ordering a string against a number
     */
    public boolean evaluate(Scope scope) throws ExpressionException {
        return new Evaluator(scope, columns).holds(root);
    }

    Node root() {
        return root;
    }

    /** Equal when the trees are: spacing, quotes and aliases such as {@code &&} do not count. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Expression expression && root.equals(expression.root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    /** The canonical text, which parses to an equal expression. */
    @Override
    public String toString() {
        return CanonicalText.of(root);
    }
}
