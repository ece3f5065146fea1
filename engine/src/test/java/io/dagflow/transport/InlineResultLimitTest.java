package io.dagflow.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dagflow.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InlineResultLimitTest {

    private final TaskMessage task = new TaskMessage("e1", "wf", "n1", 1, "noop", "q", Json.object(), Map.of(),
            Json.object(), "orchestrator", 1, 0);

    @Test
    void aResultUpToTheLimitTravelsInline() {
        InlineResultLimit limit = new InlineResultLimit(10);
        JsonNode tenBytes = TextNode.valueOf("12345678"); // "12345678" with quotes

        ResultMessage message = limit.succeeded(task, "w", 1, 2, tenBytes);

        assertThat(limit.fits(tenBytes)).isTrue();
        assertThat(message.result()).isEqualTo(tenBytes);
        assertThat(message.resultStored()).isTrue();
    }

    @Test
    void aLargerResultIsLeftToTheResultStore() {
        InlineResultLimit limit = new InlineResultLimit(10);
        JsonNode elevenBytes = TextNode.valueOf("123456789");

        ResultMessage message = limit.succeeded(task, "w", 1, 2, elevenBytes);

        assertThat(limit.fits(elevenBytes)).isFalse();
        assertThat(message.result()).isNull();
        assertThat(message.resultStored()).isTrue();
        assertThat(message.kind()).isEqualTo(ResultMessage.Kind.SUCCEEDED);
    }

    @Test
    void theDefaultLimitIs64KibOfJson() {
        InlineResultLimit limit = InlineResultLimit.defaultLimit();
        String justUnder = "x".repeat(64 * 1024 - 2);

        assertThat(limit.maxBytes()).isEqualTo(65_536);
        assertThat(limit.fits(TextNode.valueOf(justUnder))).isTrue();
        assertThat(limit.fits(TextNode.valueOf(justUnder + "x"))).isFalse();
        assertThat(limit.fits(null)).isTrue();
    }

    @Test
    void multiByteCharactersCountAsTheirUtf8Bytes() {
        InlineResultLimit limit = new InlineResultLimit(10);

        assertThat(limit.fits(TextNode.valueOf("éééé"))).isTrue();
        assertThat(limit.fits(TextNode.valueOf("ééééé"))).isFalse();
    }
}
