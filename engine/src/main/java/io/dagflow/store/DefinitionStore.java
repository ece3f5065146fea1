package io.dagflow.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Versioned workflow definitions, kept as the JSON text they were read from. */
public interface DefinitionStore {

    /** Stores the text under its name and returns its version (the same text gives the same version). */
    StoredDefinition save(String name, String source);

    Optional<StoredDefinition> get(String name, String version);

    Optional<StoredDefinition> latest(String name);

    /** Versions of a definition, newest first. */
    List<StoredDefinition> versions(String name);

    static String versionOf(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
