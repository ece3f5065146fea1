package io.dagflow.bench;

import java.util.List;

/**
 * Turning one definition's text into a schedulable DAG.
 *
 * @param reader what read the text: the validating loader, or plain JSON parsing for reference
 * @param parseMillis text to definition (parsing, and every check when the reader is the loader)
 * @param planMillis definition to indexed {@code Dag}
 * @param totalNanosPerNode parse and plan, per node: flat when the cost is linear
 * @param allocatedBytesPerNode heap allocated while reading and planning, per node (median): what
 *     the garbage collector has to deal with
 * @param gcMillis time the collectors reported during reading and planning (pauses, included in
 *     the total)
 */
record ValidationResult(
        String kind,
        String workflow,
        String reader,
        int nodes,
        long edges,
        int textBytes,
        int warmup,
        int runs,
        Summary parseMillis,
        Summary planMillis,
        Summary totalMillis,
        Summary totalNanosPerNode,
        double allocatedBytesPerNode,
        Summary gcMillis) implements BenchResult {

    static final List<String> HEADER = List.of("validation", "reader", "nodes", "edges", "text KB",
            "parse ms", "plan ms", "total ms median [min..max]", "ns/node", "allocated B/node", "gc ms");

    @Override
    public List<String> header() {
        return HEADER;
    }

    @Override
    public List<String> row() {
        return List.of(workflow, reader, Integer.toString(nodes), Long.toString(edges),
                Format.number(textBytes / 1024.0, 0), Format.number(parseMillis.median(), 2),
                Format.number(planMillis.median(), 2), Format.spread(totalMillis, 2),
                Format.number(totalNanosPerNode.median(), 0), Format.number(allocatedBytesPerNode, 0),
                Format.number(gcMillis.median(), 1));
    }
}
