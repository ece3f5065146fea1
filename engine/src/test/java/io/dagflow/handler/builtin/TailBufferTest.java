package io.dagflow.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TailBufferTest {

    private static void write(TailBuffer buffer, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer.write(bytes, 0, bytes.length);
    }

    @Test
    void keepsEverythingWhileUnderCapacity() {
        TailBuffer buffer = new TailBuffer(10);

        write(buffer, "abc");
        write(buffer, "def");

        assertThat(buffer.text()).isEqualTo("abcdef");
        assertThat(buffer.truncated()).isFalse();
    }

    @Test
    void keepsTheLastBytesAcrossManyWritesAndWrapArounds() {
        TailBuffer buffer = new TailBuffer(5);

        write(buffer, "abc");
        write(buffer, "defg");
        write(buffer, "h");

        assertThat(buffer.text()).isEqualTo("defgh");
        assertThat(buffer.truncated()).isTrue();
    }

    @Test
    void aWriteLargerThanCapacityKeepsItsEnd() {
        TailBuffer buffer = new TailBuffer(4);

        write(buffer, "ab");
        write(buffer, "0123456789");

        assertThat(buffer.text()).isEqualTo("6789");
    }

    @Test
    void aCharacterCutByTruncationIsDropped() {
        TailBuffer buffer = new TailBuffer(4);

        write(buffer, "xé€");

        // "é€" is 5 bytes; the 4 kept start inside "é".
        assertThat(buffer.text()).isEqualTo("€");
    }
}
