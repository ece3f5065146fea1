package io.dagflow.store;

/**
 * A version of a workflow definition.
 *
 * @param version a content hash of {@code source}: saving the same text twice gives one version
 * @param savedAt epoch milliseconds of the first save
 */
public record StoredDefinition(String name, String version, String source, long savedAt) {
}
