package io.dagflow.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainValuesTest {

    @Test
    void objectsBecomeOrderedMapsOfPlainValues() {
        JsonNode json = Json.tree("""
                {"name": "build", "count": 3, "big": 12345678901, "ratio": 0.5, "ok": true,
                 "nothing": null, "tags": ["a", 1, false], "nested": {"z": 1, "a": 2}}
                """);

        Object plain = PlainValues.toPlain(json);

        assertThat(plain).isInstanceOf(LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) plain;
        assertThat(map.keySet()).containsExactly("name", "count", "big", "ratio", "ok", "nothing", "tags", "nested");
        assertThat(map.get("name")).isEqualTo("build");
        assertThat(map.get("count")).isEqualTo(3);
        assertThat(map.get("big")).isEqualTo(12345678901L);
        assertThat(map.get("ratio")).isEqualTo(0.5);
        assertThat(map.get("ok")).isEqualTo(true);
        assertThat(map.containsKey("nothing")).isTrue();
        assertThat(map.get("nothing")).isNull();
        assertThat(map.get("tags")).isInstanceOf(ArrayList.class).isEqualTo(List.of("a", 1, false));
        assertThat(List.copyOf(((Map<?, ?>) map.get("nested")).keySet())).isEqualTo(List.of("z", "a"));
    }

    @Test
    void plainValuesCanBeSerialisedBecauseScriptHostsSaveThem() throws Exception {
        Object plain = PlainValues.toPlain(Json.tree("{\"a\": [1, {\"b\": \"c\"}], \"d\": 1.25}"));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(plain);
        }

        assertThat(bytes.size()).isPositive();
    }

    @Test
    void missingAndNullBecomeNullOrAnEmptyMap() {
        assertThat(PlainValues.toPlain(null)).isNull();
        assertThat(PlainValues.toPlain(Json.mapper().nullNode())).isNull();
        assertThat(PlainValues.toPlainMap(null)).isEmpty();
        assertThat(PlainValues.toPlainMap(Json.mapper().missingNode())).isEmpty();
    }

    @Test
    void aMapIsRefusedForAnythingButAnObject() {
        assertThatThrownBy(() -> PlainValues.toPlainMap(Json.tree("[1, 2]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a JSON object but got array");
    }

    @Test
    void plainInputsBecomeJsonWithCharSequencesAsText() {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("branch", new StringBuilder("main"));
        inputs.put("retries", 2);
        inputs.put("ratio", new BigDecimal("1.50"));
        inputs.put("flags", List.of(true, 'x'));
        inputs.put("array", new Object[] {"a", null});
        inputs.put("nested", Map.of("k", 3L));

        JsonNode json = PlainValues.fromPlainMap(inputs, "inputs");

        assertThat(json.toString()).isEqualTo(
                "{\"branch\":\"main\",\"retries\":2,\"ratio\":1.50,\"flags\":[true,\"x\"],"
                        + "\"array\":[\"a\",null],\"nested\":{\"k\":3}}");
    }

    @Test
    void aNullMapOfInputsIsAnEmptyObject() {
        assertThat(PlainValues.fromPlainMap(null, "inputs").isEmpty()).isTrue();
    }

    @Test
    void valuesThatAreNotPlainDataAreRefusedWithTheirPath() {
        Map<String, Object> inputs = Map.of("deploy", Map.of("targets", List.of("a", new File("x"))));

        assertThatThrownBy(() -> PlainValues.fromPlainMap(inputs, "inputs"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inputs.deploy.targets[1]: a java.io.File is not plain data; "
                        + "use strings, numbers, booleans, lists and maps");
    }

    @Test
    void mapKeysMustBeText() {
        assertThatThrownBy(() -> PlainValues.fromPlain(Map.of(1, "one"), "inputs"))
                .hasMessage("inputs: map keys must be strings, but key 1 is a java.lang.Integer");
    }

    @Test
    void numbersJsonCannotHoldAreRefused() {
        assertThatThrownBy(() -> PlainValues.fromPlain(List.of(Double.NaN), "inputs"))
                .hasMessage("inputs[0]: NaN cannot be written as JSON");
    }

    @Test
    void aRoundTripKeepsTheValues() {
        JsonNode json = Json.tree("{\"a\": [1, 2.5, \"x\", null, {\"b\": false}]}");

        JsonNode back = PlainValues.fromPlain(PlainValues.toPlain(json), "value");

        assertThat(back).isEqualTo(json);
    }
}
