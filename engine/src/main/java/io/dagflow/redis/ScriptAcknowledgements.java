package io.dagflow.redis;

import io.dagflow.transport.Delivery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Acknowledging entries at the end of a script, the same way in every script that does: the
 * script's last part reads, from ARGV at {@code a}, the number of chunks and, per chunk, the
 * number of ids and the ids, acknowledging (XACK + XDEL) on the stream at KEYS {@code k}.
 */
final class ScriptAcknowledgements {

    /** Lua for the end of a script; {@code %GROUP%} stands for the consumer group. */
    static final String LUA = """
            local chunks = tonumber(ARGV[a])
            a = a + 1
            for c = 1, chunks do
              local ids = tonumber(ARGV[a])
              a = a + 1
              redis.call('XACK', KEYS[k], '%GROUP%', unpack(ARGV, a, a + ids - 1))
              redis.call('XDEL', KEYS[k], unpack(ARGV, a, a + ids - 1))
              a = a + ids
              k = k + 1
            end
            """;

    /** Ids per XACK/XDEL, below Lua's limit on unpacked arguments. */
    private static final int CHUNK = 1000;

    private ScriptAcknowledgements() {
    }

    static String lua(String group) {
        return LUA.replace("%GROUP%", group);
    }

    /** Adds the keys and arguments that {@link #LUA} reads for these deliveries. */
    static void add(List<? extends Delivery<?>> deliveries, List<String> keys, List<String> args) {
        Map<String, List<String>> idsByStream = new LinkedHashMap<>();
        for (Delivery<?> delivery : deliveries) {
            idsByStream.computeIfAbsent(delivery.channel(), stream -> new ArrayList<>()).add(delivery.id());
        }
        List<String> chunkArgs = new ArrayList<>();
        int chunks = 0;
        for (Map.Entry<String, List<String>> stream : idsByStream.entrySet()) {
            List<String> ids = stream.getValue();
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                keys.add(stream.getKey());
                chunkArgs.add(Integer.toString(chunk.size()));
                chunkArgs.addAll(chunk);
                chunks++;
            }
        }
        args.add(Integer.toString(chunks));
        args.addAll(chunkArgs);
    }
}
