package io.dagflow.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import io.dagflow.model.RetryPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The published schema and examples must agree with what the loader accepts. */
class WorkflowSchemaTest {

    private static final Path ROOT = projectRoot();

    private final JsonNode schema = readSchema();

    @Test
    void schemaIsJsonSchemaDraft202012() {
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("type").asText()).isEqualTo("object");
    }

    @Test
    void schemaAcceptsExactlyTheFieldsTheLoaderAccepts() {
        JsonNode defs = schema.path("$defs");

        assertThat(fields(schema)).isEqualTo(new TreeSet<>(FieldSet.WORKFLOW.names()));
        assertThat(fields(schema.path("properties").path("defaults")))
                .isEqualTo(new TreeSet<>(FieldSet.DEFAULTS.names()));
        assertThat(fields(schema.path("properties").path("dag"))).isEqualTo(new TreeSet<>(FieldSet.DAG.names()));
        assertThat(fields(defs.path("node"))).isEqualTo(new TreeSet<>(FieldSet.NODE.names()));
        assertThat(fields(defs.path("retryPolicy"))).isEqualTo(new TreeSet<>(FieldSet.RETRY_POLICY.names()));
        assertThat(schema.path("required")).containsExactlyInAnyOrder(Json.tree("\"name\""), Json.tree("\"dag\""));
        assertThat(defs.path("node").path("required"))
                .containsExactlyInAnyOrder(Json.tree("\"id\""), Json.tree("\"handler\""));
    }

    @Test
    void schemaStatesTheLimitsEveryReaderApplies() {
        assertThat(schema.path("$comment").asText()).contains(
                Json.MAX_NESTING_DEPTH + " levels", Json.MAX_STRING_LENGTH + " characters",
                "field names of at most " + Json.MAX_NAME_LENGTH, "numbers of at most " + Json.MAX_NUMBER_LENGTH);
        assertThat(schema.path("$defs").path("nonBlankText").path("maxLength").intValue())
                .isEqualTo(Json.MAX_STRING_LENGTH);
    }

    @Test
    void schemaDefaultsAreTheLoadersDefaults() {
        JsonNode retry = schema.path("$defs").path("retryPolicy").path("properties");
        RetryPolicy defaults = RetryPolicy.DEFAULT;

        assertThat(retry.path("max_attempts").path("default").intValue()).isEqualTo(defaults.maxAttempts());
        assertThat(retry.path("initial_backoff_seconds").path("default").doubleValue())
                .isEqualTo(defaults.initialBackoff().toMillis() / 1000.0);
        assertThat(retry.path("backoff_multiplier").path("default").doubleValue())
                .isEqualTo(defaults.backoffMultiplier());
        assertThat(retry.path("max_backoff_seconds").path("default").doubleValue())
                .isEqualTo(defaults.maxBackoff().toMillis() / 1000.0);
        assertThat(retry.path("strategy").path("default").asText())
                .isEqualTo(defaults.strategy().name().toLowerCase());
        assertThat(retry.path("jitter").path("default").doubleValue()).isEqualTo(defaults.jitter());
        assertThat(schema.path("$defs").path("queue").path("default").asText()).isEqualTo("default");
    }

    @Test
    void everyReferenceInTheSchemaResolves() {
        List<String> references = new ArrayList<>();
        collectReferences(schema, references);

        assertThat(references).isNotEmpty().allSatisfy(reference -> {
            assertThat(reference).startsWith("#/");
            assertThat(schema.at(reference.substring(1)).isMissingNode()).as(reference).isFalse();
        });
    }

    @Test
    void everyExampleWorkflowPassesTheLoader() throws IOException {
        Path examples = ROOT.resolve("examples");
        if (!Files.isDirectory(examples)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(examples)) {
            files = walk.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        }
        WorkflowLoader loader = new WorkflowLoader();
        for (Path file : files) {
            assertThat(loader.check(Files.readString(file), ROOT.relativize(file).toString()))
                    .as("problems of %s", file).isEmpty();
        }
    }

    private static Set<String> fields(JsonNode objectSchema) {
        assertThat(objectSchema.path("additionalProperties").isBoolean()).isTrue();
        assertThat(objectSchema.path("additionalProperties").booleanValue()).isFalse();
        Set<String> names = new TreeSet<>();
        objectSchema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject() && node.has("$ref")) {
            references.add(node.get("$ref").asText());
        }
        for (JsonNode child : node) {
            collectReferences(child, references);
        }
    }

    private static JsonNode readSchema() {
        try {
            return Json.mapper().readTree(Files.readString(ROOT.resolve("docs/workflow.schema.json")));
        } catch (IOException e) {
            throw new AssertionError("docs/workflow.schema.json must be readable JSON", e);
        }
    }

    /** The checkout's root: tests run in the engine module, the schema lives in the top-level docs folder. */
    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("docs/workflow.schema.json"))) {
                return dir;
            }
        }
        throw new AssertionError("no docs/workflow.schema.json above " + Path.of("").toAbsolutePath());
    }
}
