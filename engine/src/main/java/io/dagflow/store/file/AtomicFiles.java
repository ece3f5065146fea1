package io.dagflow.store.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Whole-file writes that a crash cannot tear: the content goes to a temporary file in the same
 * directory, is forced to disk, then renamed over the target in one step. A reader sees the old
 * file or the new one, never a mix. Temporary files start with a dot so that listings skip them.
 */
final class AtomicFiles {

    static final String TEMP_PREFIX = ".tmp-";

    private AtomicFiles() {
    }

    static void write(Path target, byte[] content) {
        Path temp = temporaryFor(target);
        try {
            writeAndForce(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new UncheckedIOException("the file system of " + target.getParent()
                        + " cannot rename files atomically, which the file store needs", e);
            }
            forceDirectory(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** A fully written and forced file next to {@code target}, for callers that publish it their own way. */
    static Path writeTemporary(Path target, byte[] content) throws IOException {
        Path temp = temporaryFor(target);
        writeAndForce(temp, content);
        return temp;
    }

    static Path temporaryFor(Path target) {
        return target.resolveSibling(TEMP_PREFIX + UUID.randomUUID() + "-" + target.getFileName());
    }

    static void writeAndForce(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /**
     * Makes a rename or a file creation in {@code directory} durable. Some platforms cannot open a
     * directory for this; there the entry becomes durable with the file system's next commit.
     */
    static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows refuses to open directories; its rename is already journaled by NTFS.
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temporary file left behind is removed by the next cleanup; it is never read.
        }
    }

    /** Removes temporary files that a crash left in {@code directory}. */
    static void removeLeftovers(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (var files = Files.list(directory)) {
            files.filter(f -> f.getFileName().toString().startsWith(TEMP_PREFIX)).forEach(AtomicFiles::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + directory + ": " + e.getMessage(), e);
        }
    }

    static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create directory " + directory + ": " + e.getMessage(), e);
        }
    }
}
