package io.dagflow.bench;

import java.util.List;

/**
 * Live heap held by one execution at three moments, measured after full collections.
 *
 * @param definitionBytes the definition and its indexed DAG
 * @param runningBytes on top of the definition, with every ready node dispatched and its task
 *     queued or held by a worker, none finished
 * @param finishedBytes on top of the definition, once finished, while its in-memory stores (events,
 *     results, idempotency keys) and its result are still held
 * @param peakLiveBytes the largest live heap seen, the JVM's own baseline included
 */
record MemoryResult(
        String kind,
        String shape,
        String workflow,
        String transport,
        int nodes,
        long edges,
        int workers,
        long heapMaxBytes,
        long baselineBytes,
        long definitionBytes,
        long runningBytes,
        long finishedBytes,
        long peakLiveBytes,
        double definitionBytesPerNode,
        double runningBytesPerNode,
        double finishedBytesPerNode,
        double wallMillis,
        double nodesPerSecond,
        String status) implements BenchResult {

    static final List<String> HEADER = List.of("memory", "transport", "nodes", "heap max MB", "definition B/node",
            "running B/node", "finished B/node", "peak live MB", "wall ms", "nodes/s", "status");

    @Override
    public List<String> header() {
        return HEADER;
    }

    @Override
    public List<String> row() {
        return List.of(workflow, transport, Integer.toString(nodes), Format.number(heapMaxBytes / 1048576.0, 0),
                Format.number(definitionBytesPerNode, 0), Format.number(runningBytesPerNode, 0),
                Format.number(finishedBytesPerNode, 0), Format.number(peakLiveBytes / 1048576.0, 1),
                Format.number(wallMillis, 0), Format.number(nodesPerSecond, 0), status);
    }
}
