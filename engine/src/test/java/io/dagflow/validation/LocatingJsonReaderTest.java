package io.dagflow.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import org.junit.jupiter.api.Test;

class LocatingJsonReaderTest {

    private static final String VARIED = """
            // every kind of JSON value
            {
              "int": 1, "negative": -7, "long": 12345678901, "big": 123456789012345678901234567890,
              "double": 2.5, "exponent": 1e3, "tiny": -4.2E-8,
              "text": "tab\\t quote\\" unicode \\u00e9 \\ud83d\\ude00", "empty": "",
              "yes": true, "no": false, "nothing": null,
              "list": [1, "two", [3, [4]], {"five": 5}, [], {}],
              /* nested */ "object": {"a": {"b": {"c": [null]}}}
            }
            """;

    private final LocatingJsonReader reader = new LocatingJsonReader();

    @Test
    void buildsTheSameTreeAsTheProjectMapper() throws Exception {
        LocatedJson located = reader.read(VARIED, new Problems("varied.json"));

        JsonNode expected = Json.mapper().readTree(VARIED);
        assertThat(located.root()).isEqualTo(expected);
        assertThat(located.root().get("long").isLong()).isTrue();
        assertThat(located.root().get("big").isBigInteger()).isTrue();
        assertThat(located.root().get("int").isInt()).isTrue();
        assertThat(located.root().get("double").isDouble()).isTrue();
    }

    @Test
    void recordsWhereEveryKeyAndValueStarts() {
        LocatedJson located = reader.read(VARIED, new Problems("varied.json"));

        SourceMap root = located.rootMap();
        assertThat(position(located.rootPosition())).isEqualTo("2:1");
        assertThat(root.name(0)).isEqualTo("int");
        assertThat(position(root.keyPosition(0))).isEqualTo("3:3");
        assertThat(position(root.valuePosition(0))).isEqualTo("3:10");
        int list = root.indexOf("list");
        assertThat(position(root.valuePosition(list))).isEqualTo("7:11");
        SourceMap listMap = root.child(list);
        assertThat(position(listMap.valuePosition(1))).isEqualTo("7:15");
        assertThat(position(listMap.child(2).child(1).valuePosition(0))).isEqualTo("7:27");
        assertThat(listMap.child(0)).isNull();
        SourceMap deepest = root.child(root.indexOf("object")).child(0).child(0).child(0);
        assertThat(position(deepest.start())).isEqualTo("8:44");
        assertThat(deepest.value(0).isNull()).isTrue();
    }

    @Test
    void aRepeatedFieldKeepsItsFirstValueAndIsReported() {
        Problems problems = new Problems("twice.json");

        LocatedJson located = reader.read("{\"a\": 1, \"b\": {\"c\": 2, \"c\": 3}, \"a\": 4}", problems);

        assertThat(located.root()).isEqualTo(Json.tree("{\"a\": 1, \"b\": {\"c\": 2}}"));
        assertThat(located.rootMap().size()).isEqualTo(2);
        assertThat(problems.inFileOrder()).containsExactly(
                new Problem("twice.json", 1, 24, null, "b.c",
                        "is written twice (first at line 1, column 16); JSON keeps only one, so remove the other"),
                new Problem("twice.json", 1, 33, null, "a",
                        "is written twice (first at line 1, column 2); JSON keeps only one, so remove the other"));
    }

    @Test
    void aRepeatedFieldInALargeObjectIsFoundToo() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 50; i++) {
            json.append("\"k").append(i).append("\": ").append(i).append(", ");
        }
        json.append("\"k7\": 0}");
        Problems problems = new Problems("large.json");

        LocatedJson located = reader.read(json.toString(), problems);

        assertThat(located.root().get("k7").intValue()).isEqualTo(7);
        assertThat(problems.inFileOrder()).extracting(Problem::field).containsExactly("k7");
    }

    private static String position(long packed) {
        return Position.line(packed) + ":" + Position.column(packed);
    }
}
