package io.dagflow.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
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

    /** Refuses text after the value: {@code 42 abc} is a string, not 42. */
    private static final ObjectReader WHOLE_VALUE = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Option(names = "--input", paramLabel = "KEY=VALUE",
            description = "An input value; 42, true, null, \"text\", {...} and [...] are JSON, anything else is a string:"
                    + " a number that JSON would rewrite (1.10, 007, 1e3) stays the text given.")
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

    /**
     * A value as the user meant it. An object or a list is JSON; a scalar keeps its JSON type only
     * when it reads back as the very text given, so {@code 1.10} (which JSON reads as 1.1),
     * {@code 007} or {@code 1e3} stay the strings that were typed, as do version numbers and ids.
     */
    static JsonNode parseValue(String text) {
        JsonNode parsed;
        try {
            parsed = WHOLE_VALUE.readTree(text);
        } catch (IOException notJson) {
            parsed = null;
        }
        if (parsed != null && !parsed.isMissingNode()
                && (parsed.isContainerNode() || Json.write(parsed).equals(text))) {
            return parsed;
        }
        return Json.mapper().getNodeFactory().textNode(text);
    }
}
