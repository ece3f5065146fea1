package io.dagflow.store.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import io.dagflow.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads and writes the JSON files of the file stores, naming the file in every error. */
final class JsonFiles {

    private JsonFiles() {
    }

    static void writeAtomically(Path file, Object value) {
        AtomicFiles.write(file, Json.write(value).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] bytes(Object value) {
        return Json.write(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The file's content, or empty when it does not exist. */
    static <T> Optional<T> read(Path file, Class<T> type) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        try {
            return Optional.of(Json.mapper().readValue(content, type));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new UncheckedIOException("stored file " + file + " is not a valid " + type.getSimpleName()
                    + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
