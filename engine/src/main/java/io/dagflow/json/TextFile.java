package io.dagflow.json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the files a user names (definitions, inputs files) as UTF-8 text, with one set of
 * messages for every way that fails, so that every command says the same about the same file.
 */
public final class TextFile {

    private TextFile() {
    }

    /** The file's text, without a leading byte order mark. */
    public static String read(Path file) throws UnreadableTextException {
        if (Files.isDirectory(file)) {
            throw new UnreadableTextException(0, 0, "is a directory, not a file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UnreadableTextException(0, 0, reason(e));
        }
        String text = decode(bytes);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Why a file operation failed, in words about the file rather than the exception. */
    public static String reason(IOException failure) {
        if (failure instanceof NoSuchFileException) {
            return "no such file";
        }
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (failure instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (failure instanceof FileSystemException system && system.getReason() != null) {
            return system.getReason().toLowerCase(Locale.ROOT);
        }
        return failure.getMessage() != null ? failure.getMessage() : "it cannot be read";
    }

    private static String decode(byte[] bytes) throws UnreadableTextException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < out.position(); i++) {
                if (out.get(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new UnreadableTextException(line, out.position() - lineStart + 1, String.format(Locale.ROOT,
                    "is not UTF-8 text (byte 0x%02x); save it as UTF-8", bytes[in.position()] & 0xff));
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
