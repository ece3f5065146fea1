package io.dagflow.redis;

import redis.clients.jedis.exceptions.JedisDataException;

/** How the scripts that append events refuse events that do not follow the log, and how that is told. */
final class EventOrder {

    /** The start of a script's error reply; the log's last sequence follows it. */
    static final String REFUSED = "OUT_OF_ORDER ";

    /**
     * Lua that appends {@code events} (sequence, JSON) pairs read from ARGV at {@code a} to the
     * stream at KEYS[1], as entries {@code <sequence>-0}, leaving {@code a} after them. Every
     * event is checked before any is written: one at a sequence the log already holds must be that
     * very event (a batch written again after its reply was lost), else the script ends with the
     * refusal and writes nothing.
     */
    static final String APPEND_LUA = """
            local top = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
            local last = 0
            if #top > 0 then
              last = tonumber(string.match(top[1][1], '^(%d+)'))
            end
            for i = a, a + 2 * events - 1, 2 do
              if tonumber(ARGV[i]) <= last then
                local stored = redis.call('XRANGE', KEYS[1], ARGV[i] .. '-0', ARGV[i] .. '-0')
                if #stored == 0 or stored[1][2][2] ~= ARGV[i + 1] then
                  return redis.error_reply('%REFUSED%' .. last)
                end
              end
            end
            for i = a, a + 2 * events - 1, 2 do
              if tonumber(ARGV[i]) > last then
                redis.call('XADD', KEYS[1], ARGV[i] .. '-0', '%EVENT%', ARGV[i + 1])
              end
            end
            a = a + 2 * events
            """.replace("%REFUSED%", REFUSED).replace("%EVENT%", RedisKeys.EVENT_FIELD);

    private EventOrder() {
    }

    /** The refusal in words, or {@code e} itself when the error is something else. */
    static RuntimeException refusal(JedisDataException e, String executionId, Object firstSequence) {
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf(REFUSED);
        if (at < 0) {
            return e;
        }
        String last = message.substring(at + REFUSED.length()).split("\\s", 2)[0];
        return new IllegalStateException("Events of execution " + executionId + " from sequence " + firstSequence
                + " do not come after the log's last event " + last + "; events are appended once, in sequence order",
                e);
    }
}
