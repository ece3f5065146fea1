package io.dagflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import io.dagflow.json.TextFile;
import io.dagflow.json.UnreadableTextException;
import io.dagflow.report.Printable;
import io.dagflow.worker.Secrets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The secrets of the workers of this process: {@code DAGFLOW_SECRET_<NAME>} variables of its
 * environment, and, when given, a JSON file of names and values that wins over them. Values are
 * never printed; a broken file is named with what is wrong, not with what it holds.
 */
final class SecretsFile {

    private SecretsFile() {
    }

    static Secrets load(Path file) {
        Secrets environment = Secrets.fromEnvironment(System.getenv());
        if (file == null) {
            return environment;
        }
        String name = Printable.inline(file.toString());
        JsonNode secrets;
        try {
            secrets = Json.parse(TextFile.read(file));
        } catch (UnreadableTextException e) {
            throw new UserError("secrets file " + name + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new UserError("secrets file " + name + " is not valid JSON");
        }
        if (!secrets.isObject()) {
            throw new UserError("secrets file " + name + " must hold a JSON object of names and string values");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> secret : (Iterable<Map.Entry<String, JsonNode>>) secrets::fields) {
            if (!secret.getValue().isTextual()) {
                throw new UserError("secrets file " + name + ": the value of '" + Printable.inline(secret.getKey())
                        + "' must be a string");
            }
            values.put(secret.getKey(), secret.getValue().textValue());
        }
        return Secrets.of(values).or(environment);
    }
}
