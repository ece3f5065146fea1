package io.dagflow.redis;

import io.dagflow.json.Json;
import io.dagflow.transport.TaskAttempt;
import io.dagflow.worker.Backoff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Cancellations on one stream that every worker reads in full (no consumer group: each worker
 * needs every entry). A reader goes on from the last entry it read, so a connection lost for a
 * while loses nothing; entries are few (one per cancelled running attempt) and the stream is
 * capped.
 */
final class RedisCancellations {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCancellations.class);
    /** Far more than the attempts running at once anywhere; a reader away for longer has lost its tasks anyway. */
    static final long MAX_KEPT = 10_000;
    private static final int BLOCK_MILLIS = 2000;

    private final RedisKeys keys;
    private final RedisExecutor commands;
    private final RedisExecutor blocking;

    RedisCancellations(RedisKeys keys, RedisExecutor commands, RedisExecutor blocking) {
        this.keys = keys;
        this.commands = commands;
        this.blocking = blocking;
    }

    void send(List<TaskAttempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        commands.run("send " + attempts.size() + " cancellation(s)", jedis -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                List<Response<?>> responses = new ArrayList<>(attempts.size());
                XAddParams capped = XAddParams.xAddParams().maxLen(MAX_KEPT).approximateTrimming();
                for (TaskAttempt attempt : attempts) {
                    responses.add(pipeline.xadd(keys.cancellations(), capped,
                            Map.of(RedisKeys.MESSAGE_FIELD, Json.write(attempt))));
                }
                pipeline.sync();
                Pipelines.check(responses);
            }
        });
    }

    /** Starts a reader thread that hands each cancellation sent from now on to {@code listener}. */
    AutoCloseable subscribe(String consumer, Consumer<TaskAttempt> listener) {
        Reader reader = new Reader(listener, latestId());
        Thread thread = new Thread(reader, consumer + "-cancellations");
        thread.setDaemon(true);
        thread.start();
        return () -> {
            reader.close();
            thread.interrupt();
        };
    }

    private StreamEntryID latestId() {
        List<StreamEntry> last = commands.call("read the last cancellation",
                jedis -> jedis.xrevrange(keys.cancellations(), "+", "-", 1));
        return last.isEmpty() ? new StreamEntryID(0, 0) : last.get(0).getID();
    }

    private final class Reader implements Runnable {
        private final Consumer<TaskAttempt> listener;
        private StreamEntryID after;
        private volatile boolean closed;

        Reader(Consumer<TaskAttempt> listener, StreamEntryID after) {
            this.listener = listener;
            this.after = after;
        }

        synchronized void close() {
            closed = true;
        }

        @Override
        public void run() {
            int failures = 0;
            while (!closed) {
                List<Map.Entry<String, List<StreamEntry>>> read;
                try {
                    read = blocking.call("read cancellations", jedis -> jedis.xread(
                            XReadParams.xReadParams().block(BLOCK_MILLIS).count(256),
                            Map.of(keys.cancellations(), after)));
                    failures = 0;
                } catch (RuntimeException e) {
                    if (closed) {
                        return;
                    }
                    failures++;
                    LOG.warn("could not read cancellations, retrying: {}", e.toString());
                    Backoff.pauseAfterFailure(failures);
                    continue;
                }
                if (read == null) {
                    continue;
                }
                for (Map.Entry<String, List<StreamEntry>> stream : read) {
                    for (StreamEntry entry : stream.getValue()) {
                        after = entry.getID();
                        deliver(entry);
                    }
                }
            }
        }

        /** Under the reader's lock, so that nothing is delivered once {@link #close} returned. */
        private synchronized void deliver(StreamEntry entry) {
            if (closed) {
                return;
            }
            try {
                listener.accept(Json.mapper().readValue(entry.getFields().get(RedisKeys.MESSAGE_FIELD),
                        TaskAttempt.class));
            } catch (Exception e) {
                LOG.warn("ignored unreadable cancellation {}: {}", entry.getID(), e.toString());
            }
        }
    }
}
