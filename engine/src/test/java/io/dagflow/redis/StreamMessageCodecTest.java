package io.dagflow.redis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Why a stream entry is not a message, as its dead letter's reason says it: in terms of the message. */
class StreamMessageCodecTest {

    @Test
    void aMessagePastAJsonLimitIsRefusedWithTheLimit() {
        // the object is the first level: its result's 1000th bracket, at column 53 + 1000, opens level 1001
        String deep = "{\"execution_id\": \"e\", \"kind\": \"SUCCEEDED\", \"result\": " + "[".repeat(1001)
                + "]".repeat(1001) + "}";

        assertThatThrownBy(() -> StreamMessageCodec.decodeResult(Map.of("m", deep)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("field 'm' is not a result message: line 1, column 1053: nesting limit exceeded: level"
                        + " 1001 starts here, and objects and lists may be nested at most 1000 levels deep");
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedWithTheTypeItNeeds() {
        assertThatThrownBy(() -> StreamMessageCodec.decodeTask(Map.of("m", "{\"attempt\": \"first\"}")))
                .hasMessage("field 'm' is not a task message: line 1, column 13: field 'attempt' must be a whole"
                        + " number");
        assertThatThrownBy(() -> StreamMessageCodec.decodeResult(Map.of("m", "{\"kind\": \"DONE\"}")))
                .hasMessage("field 'm' is not a result message: line 1, column 10: field 'kind' must be one of"
                        + " STARTED, SUCCEEDED, FAILED, CANCELLED, CANCEL_REQUESTED");
        assertThatThrownBy(() -> StreamMessageCodec.decodeTask(Map.of("m", "[1, 2]")))
                .hasMessage("field 'm' is not a task message: line 1, column 1: the value must be an object");
    }

    @Test
    void controlCharactersInAnEntryAreEscapedInTheReason() {
        assertThatThrownBy(() -> StreamMessageCodec.decodeTask(Map.of("\u001b[2J", "x")))
                .hasMessage("entry has no field 'm' (fields: [\\u001b[2J])");
    }
}
