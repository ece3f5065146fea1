package io.dagflow.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    private static final String VARIED = """
            {
              "int": 1, "negative": -7, "long": 12345678901, "big": 123456789012345678901234567890,
              "double": 2.5, "exponent": 1e3, "tiny": -4.2E-8,
              "text": "tab\\t quote\\" unicode \\u00e9 \\ud83d\\ude00", "empty": "",
              "yes": true, "no": false, "nothing": null,
              "list": [1, "two", [3, [4]], {"five": 5}, [], {}],
              /* nested */ "object": {"a": {"b": {"c": [null]}}}
            }""";

    private record Read(JsonNode config, NodeDraft node) {
    }

    private static Read read(String config) throws Exception {
        try (JsonParser parser = Json.mapper().getFactory().createParser(config)) {
            Tokens tokens = new Tokens(parser);
            tokens.next();
            NodeDraft node = new NodeDraft(0, tokens.position());
            node.id = "n";
            JsonNode read = new ConfigReader(tokens).read(node);
            assertThat(tokens.next()).as("the closing brace was consumed, nothing after it").isNull();
            return new Read(read, node);
        }
    }

    @Test
    void buildsTheSameTreeAsTheProjectMapper() throws Exception {
        JsonNode config = read(VARIED).config();

        assertThat(config).isEqualTo(Json.mapper().readTree(VARIED));
        assertThat(config.get("int").isInt()).isTrue();
        assertThat(config.get("long").isLong()).isTrue();
        assertThat(config.get("big").isBigInteger()).isTrue();
        assertThat(config.get("double").isDouble()).isTrue();
    }

    @Test
    void notesEveryStringHoldingATemplateWithItsPlace() throws Exception {
        Read read = read("""
                {"url": "http://x/{{a.id}}", "plain": "no template",
                 "headers": {"X-{{b.k}}": "v"},
                 "items": ["x", {"deep": ["{{c}}", "{ not {{ one"]}]}""");

        assertThat(read.node().templates).containsExactly(
                new TemplateSite("http://x/{{a.id}}", Position.of(1, 9), List.of("config", "url")),
                new TemplateSite("X-{{b.k}}", Position.of(2, 14), List.of("config", "headers", "X-{{b.k}}")),
                new TemplateSite("{{c}}", Position.of(3, 27), List.of("config", "items", 1, "deep", 0)),
                new TemplateSite("{ not {{ one", Position.of(3, 36), List.of("config", "items", 1, "deep", 1)));
        assertThat(read.node().templates.get(2).field()).isEqualTo("config.items[1].deep[0]");
    }

    @Test
    void aRepeatedKeyKeepsItsFirstValueAndIsReported() throws Exception {
        Read read = read("{\"a\": 1, \"b\": {\"c\": 2, \"c\": 3}, \"a\": {\"x\": \"{{t}}\"}}");
        Problems problems = new Problems("twice.json");

        read.node().reportTo(problems);

        assertThat(read.config()).isEqualTo(Json.tree("{\"a\": 1, \"b\": {\"c\": 2}}"));
        assertThat(problems.inFileOrder()).containsExactly(
                new Problem("twice.json", 1, 24, "n", "config.b.c",
                        "is written twice (first at line 1, column 16); JSON keeps only one, so remove the other"),
                new Problem("twice.json", 1, 33, "n", "config.a",
                        "is written twice (first at line 1, column 2); JSON keeps only one, so remove the other"));
    }

    @Test
    void aRepeatedKeyInALargeObjectIsFoundToo() throws Exception {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 50; i++) {
            json.append("\"k").append(i).append("\": ").append(i).append(", ");
        }
        json.append("\"k7\": 0}");
        Problems problems = new Problems("large.json");

        Read read = read(json.toString());
        read.node().reportTo(problems);

        assertThat(read.config().get("k7").intValue()).isEqualTo(7);
        assertThat(read.config().size()).isEqualTo(50);
        assertThat(problems.inFileOrder()).extracting(Problem::field).containsExactly("config.k7");
    }
}
