package io.dagflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.json.Json;
import io.dagflow.json.TextFile;
import io.dagflow.json.UnreadableTextException;
import io.dagflow.report.Printable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --input k=v} and {@code --inputs-file F}: the execution's inputs object. */
final class InputOptions {

    @Option(names = "--input", paramLabel = "KEY=VALUE",
            description = "An input value; JSON literals (42, true, {...}) keep their type, anything else is a string.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--inputs-file", paramLabel = "FILE", description = "A JSON object of inputs; --input values override it.")
    Path inputsFile;

    ObjectNode toJson() {
        ObjectNode object = Json.object();
        if (inputsFile != null) {
            JsonNode fromFile = readInputsFile();
            if (!fromFile.isObject()) {
                throw new UserError("inputs file " + Printable.inline(inputsFile.toString())
                        + " must hold a JSON object");
            }
            object.setAll((ObjectNode) fromFile);
        }
        for (String input : inputs) {
            int equals = input.indexOf('=');
            if (equals <= 0) {
                throw new UserError("--input needs KEY=VALUE, got '" + input + "'");
            }
            object.set(input.substring(0, equals), parseValue(input.substring(equals + 1)));
        }
        return object;
    }

    /** Read as definitions are: the same file errors, the same JSON limits and messages. */
    private JsonNode readInputsFile() {
        String file = Printable.inline(inputsFile.toString());
        try {
            return Json.parse(TextFile.read(inputsFile));
        } catch (UnreadableTextException e) {
            throw new UserError("inputs file " + file + (e.line() > 0 ? ":" + e.line() + ":" + e.column() : "") + ": "
                    + e.reason());
        }
    }

    static JsonNode parseValue(String text) {
        try {
            JsonNode parsed = Json.mapper().readTree(text);
            if (parsed != null && !parsed.isMissingNode() && !parsed.isTextual()) {
                return parsed;
            }
        } catch (IOException notJson) {
            // Plain text: the common case for ids and names.
        }
        return Json.mapper().getNodeFactory().textNode(text);
    }
}
