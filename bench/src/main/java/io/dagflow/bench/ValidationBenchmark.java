package io.dagflow.bench;

import io.dagflow.model.Dag;
import io.dagflow.model.WorkflowDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads, checks and plans generated definitions of growing size, as {@code dagflow run} does
 * before the first dispatch: {@link io.dagflow.validation.WorkflowLoader} then {@code Dag.of}.
 * The definitions are seeded random DAGs (see {@link Shapes#random}).
 */
final class ValidationBenchmark {

    /** Small definitions are read this many nodes' worth before measuring, so the JIT has seen them. */
    private static final int WARM_UP_NODES = 100_000;

    private final BenchOptions options;

    ValidationBenchmark(BenchOptions options) {
        this.options = options;
    }

    List<ValidationResult> run() {
        List<ValidationResult> results = new ArrayList<>();
        for (DefinitionReaders reader : DefinitionReaders.values()) {
            for (int size : options.sizes()) {
                GeneratedDag shape = Shapes.random(size, options.edgeProbability(), options.maxInDegree(),
                        options.seed());
                results.add(measure(shape, reader));
            }
        }
        return results;
    }

    private ValidationResult measure(GeneratedDag shape, DefinitionReaders reader) {
        String text = shape.toJson();
        int warmup = Math.max(options.warmup(), (WARM_UP_NODES + shape.size() - 1) / shape.size());
        int rounds = warmup + options.runs();
        double[] parse = new double[options.runs()];
        double[] plan = new double[options.runs()];
        double[] total = new double[options.runs()];
        double[] perNode = new double[options.runs()];
        double[] allocated = new double[options.runs()];
        double[] gc = new double[options.runs()];
        for (int round = 0; round < rounds; round++) {
            long allocatedAtStart = Allocation.currentThreadBytes();
            long gcAtStart = GcTime.millis();
            long start = System.nanoTime();
            WorkflowDefinition definition = reader.read(text);
            long parsed = System.nanoTime();
            Dag dag = Dag.of(definition);
            long planned = System.nanoTime();
            long allocatedBytes = Allocation.currentThreadBytes() - allocatedAtStart;
            long gcMillis = GcTime.millis() - gcAtStart;
            if (dag.size() != shape.size()) {
                throw new IllegalStateException("planned " + dag.size() + " nodes of " + shape.size());
            }
            int measured = round - warmup;
            if (measured >= 0) {
                parse[measured] = (parsed - start) / 1e6;
                plan[measured] = (planned - parsed) / 1e6;
                total[measured] = (planned - start) / 1e6;
                perNode[measured] = (double) (planned - start) / shape.size();
                allocated[measured] = (double) allocatedBytes / shape.size();
                gc[measured] = gcMillis;
            }
        }
        return new ValidationResult("validation", shape.name(), reader.label(), shape.size(),
                shape.edges(), text.getBytes(StandardCharsets.UTF_8).length, warmup, options.runs(),
                Summary.of(parse), Summary.of(plan), Summary.of(total), Summary.of(perNode),
                Summary.of(allocated).median(), Summary.of(gc));
    }
}
