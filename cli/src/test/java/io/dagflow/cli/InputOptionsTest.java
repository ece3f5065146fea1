package io.dagflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputOptionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"42", "-3", "1.5", "1.0", "12345678901234567890", "true", "false", "null"})
    void givenAScalarThatReadsBackAsTheSameTextWhenParsedThenItKeepsItsJsonType(String text) {
        JsonNode value = InputOptions.parseValue(text);

        assertThat(value.isTextual()).as(text).isFalse();
        assertThat(Json.write(value)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.10", "007", "1e3", "-0", "+1", "0x10", "1.5.3", " 42", "42 // answer", "42 abc",
            "True", "v2.0", "", "{\"a\":1} and more", "[1,"})
    void givenTextWhoseJsonFormWouldReadBackDifferentlyWhenParsedThenItStaysTheTextGiven(String text) {
        JsonNode value = InputOptions.parseValue(text);

        assertThat(value.isTextual()).as(text).isTrue();
        assertThat(value.textValue()).isEqualTo(text);
    }

    @Test
    void givenAQuotedJsonStringWhenParsedThenItIsTheStringInside() {
        assertThat(InputOptions.parseValue("\"1.10\"")).isEqualTo(Json.tree("\"1.10\""));
    }

    @Test
    void givenAnObjectOrAListWhenParsedThenItIsJsonWhateverItsSpacing() {
        assertThat(InputOptions.parseValue("{\"a\":1}")).isEqualTo(Json.tree("{\"a\":1}"));
        assertThat(InputOptions.parseValue("{ \"a\": 1, \"b\": [true] }")).isEqualTo(Json.tree("{\"a\":1,\"b\":[true]}"));
        assertThat(InputOptions.parseValue("[1, 2]")).isEqualTo(Json.tree("[1,2]"));
    }
}
