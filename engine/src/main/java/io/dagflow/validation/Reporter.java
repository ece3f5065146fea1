package io.dagflow.validation;

/** Where a problem found while reading goes: straight to the file's list, or held by a node until its id is known. */
@FunctionalInterface
interface Reporter {

    /** @param field the field concerned (relative to the node for a node's reporter), or null */
    void report(long at, String field, String message);
}
