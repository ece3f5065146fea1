package io.dagflow.redis;

import io.dagflow.json.Json;
import io.dagflow.store.DefinitionStore;
import io.dagflow.store.StoredDefinition;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * Definitions by name: a hash {@code {prefix}:def:{name}:versions} from version to the stored
 * definition as JSON, and a list {@code {prefix}:def:{name}:order} of versions, newest first.
 * Saving runs a script so that a version is listed exactly once however many savers race.
 */
public final class RedisDefinitionStore implements DefinitionStore {

    private static final String SAVE_SCRIPT = """
            if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
              redis.call('LPUSH', KEYS[2], ARGV[1])
              return ARGV[2]
            end
            return redis.call('HGET', KEYS[1], ARGV[1])
            """;

    private final RedisKeys keys;
    private final RedisExecutor redis;

    public RedisDefinitionStore(RedisKeys keys, RedisExecutor redis) {
        this.keys = keys;
        this.redis = redis;
    }

    @Override
    public StoredDefinition save(String name, String source) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A workflow definition needs a name to be saved");
        }
        String version = DefinitionStore.versionOf(source);
        String json = Json.write(new StoredDefinition(name, version, source, System.currentTimeMillis()));
        Object stored = redis.call("save definition " + name,
                jedis -> jedis.eval(SAVE_SCRIPT, List.of(keys.definitionVersions(name), keys.definitionOrder(name)),
                        List.of(version, json)));
        return parse(name, version, String.valueOf(stored));
    }

    @Override
    public Optional<StoredDefinition> get(String name, String version) {
        String json = redis.call("read definition " + name,
                jedis -> jedis.hget(keys.definitionVersions(name), version));
        return Optional.ofNullable(json).map(text -> parse(name, version, text));
    }

    @Override
    public Optional<StoredDefinition> latest(String name) {
        String version = redis.call("read definition " + name, jedis -> jedis.lindex(keys.definitionOrder(name), 0));
        return version == null ? Optional.empty() : get(name, version);
    }

    @Override
    public List<StoredDefinition> versions(String name) {
        return redis.call("list versions of definition " + name, jedis -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                Response<List<String>> order = pipeline.lrange(keys.definitionOrder(name), 0, -1);
                Response<Map<String, String>> byVersion = pipeline.hgetAll(keys.definitionVersions(name));
                pipeline.sync();
                List<StoredDefinition> versions = new ArrayList<>();
                for (String version : order.get()) {
                    String json = byVersion.get().get(version);
                    if (json != null) {
                        versions.add(parse(name, version, json));
                    }
                }
                return versions;
            }
        });
    }

    private StoredDefinition parse(String name, String version, String json) {
        try {
            return Json.read(json, StoredDefinition.class);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("Version " + version + " of definition " + name + " at "
                    + keys.definitionVersions(name) + " is not valid JSON: " + e.getCause().getMessage(), e);
        }
    }
}
