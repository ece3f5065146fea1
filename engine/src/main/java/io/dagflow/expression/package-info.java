/**
 * A small expression language for conditions such as a node's {@code when}: literals, paths into
 * upstream results and the workflow, comparisons, {@code and}/{@code or}/{@code not}, {@code in}
 * and three functions. It is parsed by hand into an immutable tree and evaluated over Jackson
 * values; nothing in it can run code, reach a class or loop. See docs/expressions.md.
 */
package io.dagflow.expression;
