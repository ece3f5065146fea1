package io.dagflow.store.memory;

import io.dagflow.store.DefinitionStore;
import io.dagflow.store.StoredDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryDefinitionStore implements DefinitionStore {

    private final Map<String, List<StoredDefinition>> byName = new ConcurrentHashMap<>();

    @Override
    public StoredDefinition save(String name, String source) {
        String version = DefinitionStore.versionOf(source);
        List<StoredDefinition> versions = byName.computeIfAbsent(name, n -> new ArrayList<>());
        synchronized (versions) {
            for (StoredDefinition existing : versions) {
                if (existing.version().equals(version)) {
                    return existing;
                }
            }
            StoredDefinition stored = new StoredDefinition(name, version, source, System.currentTimeMillis());
            versions.add(0, stored);
            return stored;
        }
    }

    @Override
    public Optional<StoredDefinition> get(String name, String version) {
        return versions(name).stream().filter(d -> d.version().equals(version)).findFirst();
    }

    @Override
    public Optional<StoredDefinition> latest(String name) {
        return versions(name).stream().findFirst();
    }

    @Override
    public List<StoredDefinition> versions(String name) {
        List<StoredDefinition> versions = byName.get(name);
        if (versions == null) {
            return List.of();
        }
        synchronized (versions) {
            return List.copyOf(versions);
        }
    }
}
