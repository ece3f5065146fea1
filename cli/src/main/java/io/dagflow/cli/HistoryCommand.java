package io.dagflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.json.Json;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.report.Durations;
import io.dagflow.store.ExecutionQuery;
import io.dagflow.store.ExecutionRecord;
import io.dagflow.store.Stores;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Lists executions, newest first: name, status, start, duration and node counts.")
final class HistoryCommand implements Callable<Integer> {

    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backend = new BackendOptions();

    @Option(names = "--name", description = "Only executions of this workflow.")
    String name;

    @Option(names = "--status", description = "Only executions in this status: ${COMPLETION-CANDIDATES}.")
    WorkflowStatus status;

    @Option(names = "--limit", defaultValue = "20", description = "Page size (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--offset", defaultValue = "0", description = "Executions to skip (for paging).")
    int offset;

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Stores stores = backend.openStores();
        List<ExecutionRecord> page = stores.executions().query(
                ExecutionQuery.all().withName(name).withStatus(status).page(offset, limit));
        if (json) {
            ArrayNode array = Json.mapper().createArrayNode();
            page.forEach(record -> array.add(toJson(record)));
            out.println(Json.pretty(array));
            return Main.COMPLETED;
        }
        if (page.isEmpty()) {
            out.println("no executions");
            return Main.COMPLETED;
        }
        String row = "%-20s  %-24s  %-9s  %-19s  %9s  %s%n";
        out.printf(Locale.ROOT, row, "EXECUTION", "WORKFLOW", "STATUS", "STARTED (UTC)", "DURATION", "NODES");
        long now = System.currentTimeMillis();
        for (ExecutionRecord record : page) {
            out.printf(Locale.ROOT, row, record.executionId(), record.workflowName(), record.status(),
                    START.format(Instant.ofEpochMilli(record.startedAt())),
                    Durations.format(record.durationMillis(now)), counts(record.nodeCounts())
                            + (record.rerunOf() == null ? "" : "  (rerun of " + record.rerunOf() + ")"));
        }
        return Main.COMPLETED;
    }

    private static String counts(Map<NodeStatus, Integer> counts) {
        List<String> parts = new ArrayList<>();
        for (NodeStatus status : NodeStatus.values()) {
            Integer count = counts.get(status);
            if (count != null && count > 0) {
                parts.add(count + " " + status.name().toLowerCase(Locale.ROOT));
            }
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    private static ObjectNode toJson(ExecutionRecord record) {
        ObjectNode node = (ObjectNode) Json.toTree(record);
        node.put("duration_ms", record.durationMillis(System.currentTimeMillis()));
        return node;
    }
}
