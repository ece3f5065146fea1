package io.dagflow.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON document read with the position of every value.
 *
 * @param root the document, or null when it could not be read at all
 * @param rootPosition where the root value starts
 * @param rootMap positions inside the root, or null when the root is not an object or array
 */
record LocatedJson(JsonNode root, long rootPosition, SourceMap rootMap) {
}
