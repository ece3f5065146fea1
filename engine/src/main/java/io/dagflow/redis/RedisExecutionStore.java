package io.dagflow.redis;

import io.dagflow.json.Json;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.store.ExecutionQuery;
import io.dagflow.store.ExecutionRecord;
import io.dagflow.store.ExecutionStore;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Response;

/**
 * Each execution's record as JSON at {@code {prefix}:exec:{executionId}:record}, and three kinds
 * of sorted-set index scored by start time: all executions, executions of one workflow, and
 * executions in one status. A save rewrites the record and moves the id between status indexes
 * in one transaction, so a query never sees an execution under two statuses.
 */
public final class RedisExecutionStore implements ExecutionStore {

    /** Index entries read per round trip when a query filters by both workflow and status. */
    private static final int SCAN_PAGE = 200;

    private final RedisKeys keys;
    private final RedisExecutor redis;

    public RedisExecutionStore(RedisKeys keys, RedisExecutor redis) {
        this.keys = keys;
        this.redis = redis;
    }

    @Override
    public void save(ExecutionRecord record) {
        if (record.executionId() == null || record.executionId().isBlank()) {
            throw new IllegalArgumentException("Execution record of workflow " + record.workflowName() + " has no id");
        }
        if (record.status() == null) {
            throw new IllegalArgumentException("Execution record " + record.executionId() + " has no status");
        }
        String id = record.executionId();
        String json = Json.write(record);
        redis.run("save execution " + id, jedis -> {
            try (AbstractTransaction tx = jedis.multi()) {
                List<Response<?>> responses = new ArrayList<>();
                responses.add(tx.set(keys.executionRecord(id), json));
                responses.add(tx.zadd(keys.executionsByStart(), record.startedAt(), id));
                if (record.workflowName() != null) {
                    responses.add(tx.zadd(keys.executionsOfWorkflow(record.workflowName()), record.startedAt(), id));
                }
                for (WorkflowStatus status : WorkflowStatus.values()) {
                    if (status == record.status()) {
                        responses.add(tx.zadd(keys.executionsWithStatus(status), record.startedAt(), id));
                    } else {
                        responses.add(tx.zrem(keys.executionsWithStatus(status), id));
                    }
                }
                tx.exec();
                Pipelines.check(responses);
            }
        });
    }

    @Override
    public Optional<ExecutionRecord> find(String executionId) {
        String json = redis.call("find execution " + executionId, jedis -> jedis.get(keys.executionRecord(executionId)));
        return Optional.ofNullable(json).map(text -> parse(executionId, text));
    }

    @Override
    public List<ExecutionRecord> query(ExecutionQuery query) {
        if (query.limit() <= 0) {
            return List.of();
        }
        String min = "(" + query.startedAfter();
        String max = query.startedBefore() > 0 ? "(" + query.startedBefore() : "+inf";
        if (query.workflowName() != null && query.status() != null) {
            return scan(keys.executionsOfWorkflow(query.workflowName()), min, max, query);
        }
        String index = query.workflowName() != null ? keys.executionsOfWorkflow(query.workflowName())
                : query.status() != null ? keys.executionsWithStatus(query.status())
                : keys.executionsByStart();
        List<String> ids = redis.call("query executions",
                jedis -> jedis.zrevrangeByScore(index, max, min, Math.max(0, query.offset()), query.limit()));
        return load(ids).stream().filter(query::matches).toList();
    }

    /** Walks one index newest first and filters the records, for queries that no single index answers. */
    private List<ExecutionRecord> scan(String index, String min, String max, ExecutionQuery query) {
        List<ExecutionRecord> page = new ArrayList<>();
        int toSkip = Math.max(0, query.offset());
        int position = 0;
        while (true) {
            int from = position;
            List<String> ids = redis.call("query executions",
                    jedis -> jedis.zrevrangeByScore(index, max, min, from, SCAN_PAGE));
            for (ExecutionRecord record : load(ids)) {
                if (!query.matches(record)) {
                    continue;
                }
                if (toSkip > 0) {
                    toSkip--;
                } else {
                    page.add(record);
                    if (page.size() == query.limit()) {
                        return page;
                    }
                }
            }
            if (ids.size() < SCAN_PAGE) {
                return page;
            }
            position += ids.size();
        }
    }

    private List<ExecutionRecord> load(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> texts = redis.call("load " + ids.size() + " execution records", jedis -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                List<Response<String>> responses = new ArrayList<>(ids.size());
                for (String id : ids) {
                    responses.add(pipeline.get(keys.executionRecord(id)));
                }
                pipeline.sync();
                List<String> values = new ArrayList<>(ids.size());
                for (Response<String> response : responses) {
                    values.add(response.get());
                }
                return values;
            }
        });
        List<ExecutionRecord> records = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            if (texts.get(i) != null) {
                records.add(parse(ids.get(i), texts.get(i)));
            }
        }
        return records;
    }

    private ExecutionRecord parse(String executionId, String json) {
        try {
            return Json.read(json, ExecutionRecord.class);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("The record of execution " + executionId + " at "
                    + keys.executionRecord(executionId) + " is not valid JSON: " + e.getCause().getMessage(), e);
        }
    }
}
