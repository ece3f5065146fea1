package io.dagflow.expression;

/** The comparison operators, written as the canonical text renders them. */
enum Operator {
    EQUAL("=="),
    NOT_EQUAL("!="),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    IN("in"),
    NOT_IN("not in");

    final String text;

    Operator(String text) {
        this.text = text;
    }

    /**
     * What the comparison gives when a side is absent: nothing equals, orders against or is in what
     * is not there, so only the negated operators hold.
     */
    boolean whenAbsent() {
        return this == NOT_EQUAL || this == NOT_IN;
    }

    boolean orders() {
        return this == LESS || this == LESS_OR_EQUAL || this == GREATER || this == GREATER_OR_EQUAL;
    }
}
