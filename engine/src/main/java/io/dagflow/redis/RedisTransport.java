package io.dagflow.redis;

import io.dagflow.transport.Delivery;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskAttempt;
import io.dagflow.transport.TaskMessage;
import io.dagflow.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;

/**
 * The transport over Redis Streams (protocol in docs/protocol.md).
 *
 * <ul>
 *   <li>Tasks: one stream per queue, {@code {prefix}:q:{queue}}, read by the consumer group
 *       {@value RedisKeys#TASK_GROUP}; each worker is a consumer of that group.</li>
 *   <li>Results: one stream per orchestrator, {@code {prefix}:r:{orchestratorId}}, read by the
 *       group {@value RedisKeys#RESULT_GROUP}, so the cost of a result does not grow with the
 *       number of executions and orchestrators never see each other's results.</li>
 *   <li>An entry stays pending until acknowledged; acknowledging deletes it (XACK + XDEL), so
 *       streams hold only work in flight.</li>
 *   <li>Entries pending longer than the visibility timeout belong to a consumer presumed dead:
 *       receivers claim them (XAUTOCLAIM) at most once per claim interval and hand them out again
 *       with their delivery count.</li>
 *   <li>Entries that cannot be read, or were delivered more than {@code maxDeliveries} times, are
 *       moved to the dead-letter stream {@code {prefix}:dead} with the reason.</li>
 * </ul>
 *
 * <p>Connections belong to the {@link RedisBackend} that made this transport; {@link #close()}
 * leaves them open.
 */
public final class RedisTransport implements Transport {

    /**
     * @param visibilityTimeout how long an entry may stay unacknowledged before another consumer
     *     may take it over; longer than any handler runs between receiving and acknowledging
     * @param claimInterval how often a receiver looks for such entries, per stream
     * @param maxDeliveries deliveries after which an entry is dead-lettered instead of handed out again
     */
    public record Settings(Duration visibilityTimeout, Duration claimInterval, int maxDeliveries) {

        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(30), Duration.ofSeconds(5), 10);

        public Settings {
            if (visibilityTimeout == null || visibilityTimeout.toMillis() < 1) {
                throw new IllegalArgumentException("Visibility timeout must be at least 1 ms, got " + visibilityTimeout);
            }
            if (claimInterval == null || claimInterval.toMillis() < 1) {
                throw new IllegalArgumentException("Claim interval must be at least 1 ms, got " + claimInterval);
            }
            if (maxDeliveries < 1) {
                throw new IllegalArgumentException("Max deliveries must be at least 1, got " + maxDeliveries);
            }
        }

        public Settings withVisibilityTimeout(Duration timeout) {
            return new Settings(timeout, claimInterval, maxDeliveries);
        }

        public Settings withClaimInterval(Duration interval) {
            return new Settings(visibilityTimeout, interval, maxDeliveries);
        }

        public Settings withMaxDeliveries(int deliveries) {
            return new Settings(visibilityTimeout, claimInterval, deliveries);
        }
    }

    /**
     * What differs between the task and the result side.
     *
     * @param reportsDeadLetters whether a dead-lettered entry that can be read is reported to the
     *     orchestrator waiting for it (a task's node then fails with the reason, instead of
     *     waiting for an answer that never comes)
     */
    private record Channel<T>(String group, Decoder<T> decoder, boolean singleConsumer, boolean reportsDeadLetters) {
    }

    @FunctionalInterface
    private interface Decoder<T> {
        T decode(Map<String, String> fields) throws MalformedMessageException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RedisTransport.class);

    private static final Channel<TaskMessage> TASKS =
            new Channel<>(RedisKeys.TASK_GROUP, StreamMessageCodec::decodeTask, false, true);
    /**
     * An orchestrator id is used by one process at a time, so the entries pending on its result
     * stream when it first reads are left over from its previous life: it takes them back at once
     * instead of after the visibility timeout.
     */
    private static final Channel<ResultMessage> RESULTS =
            new Channel<>(RedisKeys.RESULT_GROUP, StreamMessageCodec::decodeResult, true, false);

    /**
     * KEYS: a task stream. ARGV: the group, the consumer, entry ids. Claiming an entry again
     * resets its idle time without counting a delivery; an entry another consumer took over
     * meanwhile stays with it.
     */
    private static final String RENEW_SCRIPT = """
            local renewed = 0
            for i = 3, #ARGV do
              local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
              if #pending > 0 and pending[1][2] == ARGV[2] then
                redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'JUSTID')
                renewed = renewed + 1
              end
            end
            return renewed
            """;

    private static final String REMOVE_IF_EMPTY_SCRIPT = """
            if redis.call('XLEN', KEYS[1]) == 0 then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private final RedisKeys keys;
    private final RedisExecutor commands;
    private final RedisExecutor blocking;
    private final Settings settings;
    private final Set<String> streamsWithGroup = ConcurrentHashMap.newKeySet();
    private final Map<String, ClaimSchedule> claimSchedules = new ConcurrentHashMap<>();
    private final RedisWithdrawals withdrawals;
    private final RedisCancellations cancellations;
    private final RedisWorkerPresence presence;
    private final ReadAhead<TaskMessage> taskReadAhead;

    public RedisTransport(RedisKeys keys, RedisExecutor commands, RedisExecutor blocking, Settings settings) {
        this.keys = keys;
        this.commands = commands;
        this.blocking = blocking;
        this.settings = settings;
        this.withdrawals = new RedisWithdrawals(keys, commands);
        this.cancellations = new RedisCancellations(keys, commands, blocking);
        this.presence = new RedisWorkerPresence(keys, commands);
        this.taskReadAhead = new ReadAhead<>(settings.visibilityTimeout());
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public void sendTasks(List<TaskMessage> tasks) {
        append("send " + tasks.size() + " task(s)", taskEntries(tasks));
    }

    /** One pipeline: the tasks' XADDs, then XACK and XDEL of the results. */
    @Override
    public void sendTasksAndAckResults(List<TaskMessage> tasks, List<Delivery<ResultMessage>> results) {
        if (tasks.isEmpty() || results.isEmpty()) {
            sendTasks(tasks);
            ackResults(results);
            return;
        }
        List<Map.Entry<String, Map<String, String>>> entries = taskEntries(tasks);
        Map<String, List<StreamEntryID>> acks = idsByStream(results);
        commands.run("send " + tasks.size() + " task(s) and acknowledge " + results.size() + " result(s)", jedis -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                List<Response<?>> responses = new ArrayList<>();
                addAll(pipeline, entries, responses);
                acknowledgeAll(pipeline, RedisKeys.RESULT_GROUP, acks, responses);
                pipeline.sync();
                Pipelines.check(responses);
            }
        });
    }

    private List<Map.Entry<String, Map<String, String>>> taskEntries(List<TaskMessage> tasks) {
        List<Map.Entry<String, Map<String, String>>> entries = new ArrayList<>(tasks.size());
        for (TaskMessage task : tasks) {
            if (task.queue() == null || task.queue().isBlank()) {
                throw new IllegalArgumentException("Task of node '" + task.nodeId() + "' in execution "
                        + task.executionId() + " names no queue");
            }
            entries.add(Map.entry(keys.taskStream(task.queue()), StreamMessageCodec.encode(task)));
        }
        return entries;
    }

    @Override
    public void sendResults(List<ResultMessage> results) {
        List<Map.Entry<String, Map<String, String>>> entries = new ArrayList<>(results.size());
        for (ResultMessage result : results) {
            if (result.replyTo() == null || result.replyTo().isBlank()) {
                throw new IllegalArgumentException("Result of node '" + result.nodeId() + "' in execution "
                        + result.executionId() + " names no orchestrator to reply to");
            }
            entries.add(Map.entry(keys.resultStream(result.replyTo()), StreamMessageCodec.encode(result)));
        }
        append("send " + results.size() + " result(s)", entries);
    }

    @Override
    public List<Delivery<TaskMessage>> receiveTasks(String consumer, Collection<String> queues, int max, Duration wait)
            throws InterruptedException {
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("Consumer '" + consumer + "' asked for tasks of no queue");
        }
        List<String> streams = queues.stream().distinct().map(keys::taskStream).toList();
        List<Delivery<TaskMessage>> held = taskReadAhead.take(consumer, streams, max);
        if (!held.isEmpty()) {
            return held;
        }
        return taskReadAhead.keepBeyond(consumer, receive(TASKS, streams, consumer, max, wait), max);
    }

    @Override
    public List<Delivery<ResultMessage>> receiveResults(String orchestrator, int max, Duration wait)
            throws InterruptedException {
        return receive(RESULTS, List.of(keys.resultStream(orchestrator)), orchestrator, max, wait);
    }

    /** A third of the visibility timeout: a renewal may be late, or fail once, before a task goes back. */
    @Override
    public Duration taskRenewalInterval() {
        return settings.visibilityTimeout().dividedBy(3);
    }

    /** One script per stream: tasks still pending for {@code consumer} are claimed by it again (XCLAIM JUSTID). */
    @Override
    public void renewTasks(String consumer, List<Delivery<TaskMessage>> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        Map<String, List<String>> idsByStream = new LinkedHashMap<>();
        for (Delivery<TaskMessage> delivery : deliveries) {
            idsByStream.computeIfAbsent(delivery.channel(), stream -> new ArrayList<>()).add(delivery.id());
        }
        commands.run("renew " + deliveries.size() + " running task(s) of " + consumer, jedis -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                List<Response<?>> responses = new ArrayList<>();
                idsByStream.forEach((stream, ids) -> {
                    List<String> args = new ArrayList<>(ids.size() + 2);
                    args.add(RedisKeys.TASK_GROUP);
                    args.add(consumer);
                    args.addAll(ids);
                    responses.add(pipeline.eval(RENEW_SCRIPT, List.of(stream), args));
                });
                pipeline.sync();
                Pipelines.check(responses);
            }
        });
    }

    /**
     * Deletes an orchestrator's result stream (and its consumer group) when it holds no entry:
     * for an orchestrator id used once, whose executions all ended. One with entries is kept:
     * they are results a resumed orchestrator still has to read.
     *
     * @return whether the stream was deleted
     */
    public boolean removeResultStreamIfEmpty(String orchestratorId) {
        String stream = keys.resultStream(orchestratorId);
        Object deleted = commands.call("remove the result stream of " + orchestratorId,
                jedis -> jedis.eval(REMOVE_IF_EMPTY_SCRIPT, List.of(stream), List.of()));
        streamsWithGroup.remove(stream);
        return deleted instanceof Long count && count > 0;
    }

    @Override
    public List<Boolean> withdrawTasks(List<TaskAttempt> attempts, boolean evenIfClaimed) {
        return withdrawals.withdraw(attempts, evenIfClaimed);
    }

    @Override
    public void sendCancellations(List<TaskAttempt> attempts) {
        cancellations.send(attempts);
    }

    @Override
    public AutoCloseable subscribeCancellations(String consumer, Consumer<TaskAttempt> listener) {
        return cancellations.subscribe(consumer, listener);
    }

    @Override
    public AutoCloseable announceWorker(String workerId, Collection<String> queues) {
        return presence.announce(workerId, List.copyOf(queues));
    }

    @Override
    public boolean isServed(String queue) {
        return presence.isServed(queue);
    }

    @Override
    public void ackTasks(List<Delivery<TaskMessage>> deliveries) {
        acknowledge(RedisKeys.TASK_GROUP, deliveries);
    }

    @Override
    public void ackResults(List<Delivery<ResultMessage>> deliveries) {
        acknowledge(RedisKeys.RESULT_GROUP, deliveries);
    }

    /** Each result goes to the dead-letter stream as it was read (field {@code m}), then is acknowledged. */
    @Override
    public void deadLetterResults(String consumer, List<Delivery<ResultMessage>> deliveries, String reason) {
        List<DeadLetter> dead = new ArrayList<>(deliveries.size());
        for (Delivery<ResultMessage> delivery : deliveries) {
            dead.add(new DeadLetter(delivery.channel(), RedisKeys.RESULT_GROUP, new StreamEntryID(delivery.id()),
                    StreamMessageCodec.encode(delivery.message()), reason, consumer, null));
        }
        bury(dead);
    }

    private void append(String operation, List<Map.Entry<String, Map<String, String>>> entries) {
        if (entries.isEmpty()) {
            return;
        }
        commands.run(operation, jedis -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                List<Response<?>> responses = new ArrayList<>(entries.size());
                addAll(pipeline, entries, responses);
                pipeline.sync();
                Pipelines.check(responses);
            }
        });
    }

    private static void addAll(AbstractPipeline pipeline, List<Map.Entry<String, Map<String, String>>> entries,
            List<Response<?>> responses) {
        for (Map.Entry<String, Map<String, String>> entry : entries) {
            responses.add(pipeline.xadd(entry.getKey(), StreamEntryID.NEW_ENTRY, entry.getValue()));
        }
    }

    private void acknowledge(String group, List<? extends Delivery<?>> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        Map<String, List<StreamEntryID>> idsByStream = idsByStream(deliveries);
        commands.run("acknowledge " + deliveries.size() + " entries", jedis -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                List<Response<?>> responses = new ArrayList<>();
                acknowledgeAll(pipeline, group, idsByStream, responses);
                pipeline.sync();
                Pipelines.check(responses);
            }
        });
    }

    private static Map<String, List<StreamEntryID>> idsByStream(List<? extends Delivery<?>> deliveries) {
        Map<String, List<StreamEntryID>> idsByStream = new LinkedHashMap<>();
        for (Delivery<?> delivery : deliveries) {
            idsByStream.computeIfAbsent(delivery.channel(), s -> new ArrayList<>())
                    .add(new StreamEntryID(delivery.id()));
        }
        return idsByStream;
    }

    private static void acknowledgeAll(AbstractPipeline pipeline, String group,
            Map<String, List<StreamEntryID>> idsByStream, List<Response<?>> responses) {
        idsByStream.forEach((stream, ids) -> {
            StreamEntryID[] array = ids.toArray(StreamEntryID[]::new);
            responses.add(pipeline.xack(stream, group, array));
            responses.add(pipeline.xdel(stream, array));
        });
    }

    private <T> List<Delivery<T>> receive(Channel<T> channel, List<String> streams, String consumer, int max,
            Duration wait) throws InterruptedException {
        if (consumer == null || consumer.isBlank()) {
            throw new IllegalArgumentException("A receiver needs a consumer name");
        }
        if (max < 1) {
            throw new IllegalArgumentException("A receiver must take at least one message, asked for " + max);
        }
        ensureGroups(channel.group(), streams);
        long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException("Interrupted while receiving from " + streams);
            }
            List<Delivery<T>> claimed = claimIdle(channel, streams, consumer, max);
            if (!claimed.isEmpty()) {
                return claimed;
            }
            long now = System.nanoTime();
            long blockNanos = Math.min(deadline - now, nanosUntilClaimDue(streams, now));
            List<Delivery<T>> fresh = readNew(channel, streams, consumer, max, blockNanos);
            if (!fresh.isEmpty() || System.nanoTime() - deadline >= 0) {
                return fresh;
            }
        }
    }

    private <T> List<Delivery<T>> readNew(Channel<T> channel, List<String> streams, String consumer, int max,
            long blockNanos) {
        XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(max);
        if (blockNanos > 0) {
            // BLOCK 0 would wait forever: round up so that a short remaining wait still blocks briefly.
            params.block((int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(blockNanos + 999_999)));
        }
        Map<String, StreamEntryID> from = new LinkedHashMap<>();
        streams.forEach(stream -> from.put(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        List<Map.Entry<String, List<StreamEntry>>> read = blocking.call("read from " + String.join(", ", streams),
                jedis -> withGroups(jedis, channel.group(), streams,
                        () -> jedis.xreadGroup(channel.group(), consumer, params, from)));
        if (read == null || read.isEmpty()) {
            return List.of();
        }
        List<Delivery<T>> deliveries = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        for (Map.Entry<String, List<StreamEntry>> perStream : read) {
            for (StreamEntry entry : perStream.getValue()) {
                decode(channel, perStream.getKey(), consumer, entry, 1, deliveries, dead);
            }
        }
        bury(dead);
        return deliveries;
    }

    private <T> List<Delivery<T>> claimIdle(Channel<T> channel, List<String> streams, String consumer, int max) {
        List<Delivery<T>> deliveries = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        long intervalNanos = settings.claimInterval().toNanos();
        for (String stream : streams) {
            if (deliveries.size() >= max) {
                break;
            }
            ClaimSchedule schedule = claimSchedules.computeIfAbsent(stream, s -> new ClaimSchedule(System.nanoTime()));
            if (!schedule.tryStart(System.nanoTime())) {
                continue;
            }
            try {
                long minIdle = channel.singleConsumer() && !schedule.claimedBefore()
                        ? 0 : settings.visibilityTimeout().toMillis();
                int room = max - deliveries.size();
                Map.Entry<StreamEntryID, List<StreamEntry>> claim = commands.call("claim idle entries of " + stream,
                        jedis -> withGroups(jedis, channel.group(), List.of(stream),
                                () -> jedis.xautoclaim(stream, channel.group(), consumer, minIdle,
                                        schedule.cursor(), XAutoClaimParams.xAutoClaimParams().count(room))));
                List<StreamEntry> entries = claim.getValue().stream().filter(e -> e != null).toList();
                Map<StreamEntryID, Long> counts = entries.isEmpty() ? Map.of() : deliveryCounts(channel, stream, entries);
                for (StreamEntry entry : entries) {
                    long count = counts.getOrDefault(entry.getID(), 2L);
                    if (count > settings.maxDeliveries()) {
                        String reason = "delivered " + count + " times without being acknowledged";
                        dead.add(new DeadLetter(stream, channel.group(), entry.getID(), entry.getFields(), reason,
                                consumer, channel.reportsDeadLetters() ? DeadLetter.taskFailure(entry, reason, consumer)
                                        : null));
                    } else {
                        decode(channel, stream, consumer, entry, count, deliveries, dead);
                    }
                }
                schedule.finish(System.nanoTime(), claim.getKey(), intervalNanos);
            } catch (RuntimeException e) {
                schedule.abandon(System.nanoTime(), intervalNanos);
                throw e;
            }
        }
        bury(dead);
        return deliveries;
    }

    private Map<StreamEntryID, Long> deliveryCounts(Channel<?> channel, String stream, List<StreamEntry> entries) {
        return commands.call("read delivery counts of " + stream, jedis -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                List<Response<List<StreamPendingEntry>>> responses = new ArrayList<>(entries.size());
                for (StreamEntry entry : entries) {
                    responses.add(pipeline.xpending(stream, channel.group(),
                            XPendingParams.xPendingParams(entry.getID(), entry.getID(), 1)));
                }
                pipeline.sync();
                Map<StreamEntryID, Long> counts = new HashMap<>();
                for (Response<List<StreamPendingEntry>> response : responses) {
                    for (StreamPendingEntry pending : response.get()) {
                        counts.put(pending.getID(), pending.getDeliveredTimes());
                    }
                }
                return counts;
            }
        });
    }

    private <T> void decode(Channel<T> channel, String stream, String consumer, StreamEntry entry, long deliveryCount,
            List<Delivery<T>> deliveries, List<DeadLetter> dead) {
        try {
            T message = channel.decoder().decode(entry.getFields());
            deliveries.add(new Delivery<>(entry.getID().toString(), stream, message, deliveryCount));
        } catch (MalformedMessageException e) {
            dead.add(new DeadLetter(stream, channel.group(), entry.getID(), entry.getFields(), e.getMessage(),
                    consumer, null));
        }
    }

    /** Moves entries that will never be delivered to the dead-letter stream, in one round trip. */
    private void bury(List<DeadLetter> dead) {
        if (dead.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        commands.run("move " + dead.size() + " entries to " + keys.deadLetters(), jedis -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                List<Response<?>> responses = new ArrayList<>();
                dead.forEach(letter -> letter.addTo(pipeline, keys, now, responses));
                pipeline.sync();
                Pipelines.check(responses);
            }
        });
        for (DeadLetter letter : dead) {
            LOG.warn("Moved entry {} of {} to {}: {}", letter.id(), letter.stream(), keys.deadLetters(),
                    letter.reason());
        }
    }

    private long nanosUntilClaimDue(List<String> streams, long now) {
        long soonest = Long.MAX_VALUE;
        for (String stream : streams) {
            ClaimSchedule schedule = claimSchedules.get(stream);
            soonest = Math.min(soonest, schedule == null ? 0 : schedule.nanosUntilDue(now));
        }
        return soonest;
    }

    private void ensureGroups(String group, List<String> streams) {
        List<String> missing = streams.stream().filter(s -> !streamsWithGroup.contains(s)).toList();
        if (missing.isEmpty()) {
            return;
        }
        commands.run("create consumer group " + group + " on " + String.join(", ", missing),
                jedis -> createGroups(jedis, group, missing));
        streamsWithGroup.addAll(missing);
    }

    /**
     * Runs a stream read; when Redis lost the consumer group (a restart without persistence, or
     * a stream deleted by hand), creates it again and reads once more.
     */
    private <R> R withGroups(UnifiedJedis jedis, String group, List<String> streams,
            java.util.function.Supplier<R> read) {
        try {
            return read.get();
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("NOGROUP")) {
                throw e;
            }
            createGroups(jedis, group, streams);
            return read.get();
        }
    }

    /** Creates the group at the start of each stream, so entries sent before it existed are read too. */
    private static void createGroups(UnifiedJedis jedis, String group, List<String> streams) {
        try (AbstractPipeline pipeline = jedis.pipelined()) {
            List<Response<String>> responses = new ArrayList<>();
            for (String stream : streams) {
                responses.add(pipeline.xgroupCreate(stream, group, new StreamEntryID(0, 0), true));
            }
            pipeline.sync();
            for (Response<String> response : responses) {
                try {
                    response.get();
                } catch (JedisDataException e) {
                    if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                        throw e;
                    }
                }
            }
        }
    }
}
