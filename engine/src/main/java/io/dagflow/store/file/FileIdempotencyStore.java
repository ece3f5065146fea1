package io.dagflow.store.file;

import io.dagflow.store.IdempotencyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Idempotency keys as files: {@code <dir>/<key>.json} holding the value and its expiry.
 *
 * <p>A key is created by hard-linking a fully written temporary file to its name, which fails
 * when the name exists, so two processes creating the same fresh key cannot both succeed. Replacing
 * an expired key is guarded within this process only. Expired keys are removed when the store opens.
 */
public final class FileIdempotencyStore implements IdempotencyStore {

    private static final String EXTENSION = ".json";
    private static final int STRIPES = 64;

    /** What a key file holds. */
    record Entry(String value, long expiresAt) {
        boolean expired(long now) {
            return expiresAt > 0 && now >= expiresAt;
        }
    }

    private final Path directory;
    private final Object[] stripes = new Object[STRIPES];

    public FileIdempotencyStore(Path directory) {
        this.directory = directory;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
        AtomicFiles.createDirectories(directory);
        AtomicFiles.removeLeftovers(directory);
        removeExpired();
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        Path file = fileOf(key);
        long now = System.currentTimeMillis();
        byte[] content = JsonFiles.bytes(new Entry(value, expiry(now, ttl)));
        synchronized (lockOf(key)) {
            Optional<Entry> existing = JsonFiles.read(file, Entry.class);
            if (existing.isPresent()) {
                if (!existing.get().expired(now)) {
                    return false;
                }
                AtomicFiles.deleteQuietly(file);
            }
            return create(file, content);
        }
    }

    private boolean create(Path file, byte[] content) {
        Path temp = null;
        try {
            temp = AtomicFiles.writeTemporary(file, content);
            try {
                Files.createLink(file, temp);
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (e instanceof FileAlreadyExistsException) {
                    return false;
                }
                // No hard links here (some network and FUSE file systems): a plain rename that
                // refuses an existing target still settles races within this process.
                Files.move(temp, file);
            }
            AtomicFiles.forceDirectory(directory);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create idempotency key file " + file + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                AtomicFiles.deleteQuietly(temp);
            }
        }
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        Path file = fileOf(key);
        synchronized (lockOf(key)) {
            AtomicFiles.write(file, JsonFiles.bytes(new Entry(value, expiry(System.currentTimeMillis(), ttl))));
        }
    }

    @Override
    public Optional<String> get(String key) {
        return JsonFiles.read(fileOf(key), Entry.class)
                .filter(entry -> !entry.expired(System.currentTimeMillis()))
                .map(Entry::value);
    }

    private void removeExpired() {
        long now = System.currentTimeMillis();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(EXTENSION) && !name.startsWith(".")) {
                    JsonFiles.read(file, Entry.class).filter(e -> e.expired(now))
                            .ifPresent(e -> AtomicFiles.deleteQuietly(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + directory + ": " + e.getMessage(), e);
        }
    }

    private Object lockOf(String key) {
        return stripes[Math.floorMod(key.hashCode(), STRIPES)];
    }

    private Path fileOf(String key) {
        return directory.resolve(FileNames.encode("idempotency key", key) + EXTENSION);
    }

    private static long expiry(long now, Duration ttl) {
        return ttl == null || ttl.isZero() || ttl.isNegative() ? 0 : now + ttl.toMillis();
    }
}
