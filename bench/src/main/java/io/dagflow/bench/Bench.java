package io.dagflow.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark command. Figures are printed, never asserted: see docs/performance.md for the
 * commands and the figures they gave.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws InterruptedException {
        BenchOptions options;
        Backend backend;
        try {
            options = BenchOptions.parse(args);
            backend = Backends.named(options.transport(), options);
        } catch (IllegalArgumentException e) {
            System.err.println("dagflow-bench: " + e.getMessage());
            System.err.print(BenchOptions.usage());
            System.exit(2);
            return;
        }
        System.err.printf("dagflow-bench: %s on %s, %d processors, max heap %d MB, load average %.2f%n",
                options.scenario().cliName(), backend.name(), Runtime.getRuntime().availableProcessors(),
                Heap.maxBytes() / 1048576, loadAverage());
        List<BenchResult> results = new ArrayList<>();
        try (backend) {
            if (options.scenario() == Scenario.SUITE) {
                for (BenchOptions step : suite(options)) {
                    System.err.println("dagflow-bench: running " + step.scenario().cliName()
                            + (step.nodes() > 0 ? " " + step.nodes() : ""));
                    results.addAll(run(step, backend));
                }
            } else {
                results.addAll(run(options, backend));
            }
        }
        new Report(System.out).print(results);
        // Other processes on the machine skew the figures: say how busy it was.
        System.err.printf("dagflow-bench: done, load average %.2f%n", loadAverage());
    }

    private static double loadAverage() {
        return ProcessCpu.loadAverage();
    }

    private static List<BenchResult> run(BenchOptions options, Backend backend) throws InterruptedException {
        return switch (options.scenario()) {
            case WIDE, CHAIN, DIAMOND, RANDOM -> List.of(new ThroughputBenchmark(options, backend).run());
            case VALIDATION -> List.copyOf(new ValidationBenchmark(options).run());
            case MEMORY -> List.of(new MemoryBenchmark(options, backend).run());
            case SUITE -> throw new IllegalArgumentException("the suite does not contain itself");
        };
    }

    /**
     * The runs behind docs/performance.md. Validation goes first, as in {@code dagflow run}: in a
     * heap that 100,000-node executions left behind, its collections cost more than they would.
     */
    static List<BenchOptions> suite(BenchOptions options) {
        List<BenchOptions> steps = new ArrayList<>();
        steps.add(options.forScenario(Scenario.VALIDATION, 0));
        for (int nodes : new int[] {1_000, 10_000, 100_000}) {
            steps.add(options.forScenario(Scenario.WIDE, nodes));
        }
        steps.add(options.forScenario(Scenario.CHAIN, 1_000));
        steps.add(options.forScenario(Scenario.CHAIN, 10_000));
        steps.add(options.forScenario(Scenario.DIAMOND, 10_000));
        steps.add(options.forScenario(Scenario.RANDOM, 10_000));
        steps.add(options.forScenario(Scenario.RANDOM, 100_000));
        steps.add(options.forScenario(Scenario.WIDE, 10_000).withExecutions(2, 2));
        steps.add(options.forScenario(Scenario.WIDE, 1_000).withExecutions(2, 20));
        steps.add(options.forScenario(Scenario.MEMORY, 100_000));
        return steps;
    }
}
