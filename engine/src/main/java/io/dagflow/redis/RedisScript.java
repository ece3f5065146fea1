package io.dagflow.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script called by its SHA-1 ({@code EVALSHA}), so that a batch of calls does not send and
 * hash the script's text once per call. The server forgets scripts when it restarts; a call that
 * meets {@code NOSCRIPT} loads the script and runs once more, so only calls that may run twice
 * (scripts whose second run finds their own first one and changes nothing) use this.
 */
final class RedisScript {

    private final String body;
    private final String sha;

    RedisScript(String body) {
        this.body = body;
        this.sha = sha1(body);
    }

    Response<Object> addTo(AbstractPipeline pipeline, List<String> keys, List<String> args) {
        return pipeline.evalsha(sha, keys, args);
    }

    Object eval(UnifiedJedis jedis, List<String> keys, List<String> args) {
        return jedis.evalsha(sha, keys, args);
    }

    /** Runs {@code call}, loading the script and running it again when the server did not know it. */
    <T> T call(UnifiedJedis jedis, Function<UnifiedJedis, T> call) {
        try {
            return call.apply(jedis);
        } catch (JedisDataException e) {
            if (!isNoScript(e)) {
                throw e;
            }
            jedis.scriptLoad(body);
            return call.apply(jedis);
        }
    }

    private static boolean isNoScript(JedisDataException e) {
        return e instanceof JedisNoScriptException || (e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT"));
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }
}
