package io.dagflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line of the benchmark.
 *
 * @param nodes nodes per execution; 0 for the scenario's default
 * @param executions executions started together in one measured run, spread round-robin over
 *     the orchestrators
 * @param workerInstances workers in the benchmark's JVM; 0 when they run in worker processes
 * @param workerProcesses JVMs of their own, each running one worker (Redis only); 0 for none
 * @param sizes definition sizes for the validation scenario
 * @param shape the shape the memory scenario runs
 */
record BenchOptions(
        Scenario scenario,
        int nodes,
        int width,
        double edgeProbability,
        int maxInDegree,
        long seed,
        int workers,
        int workerInstances,
        int workerProcesses,
        int orchestrators,
        int executions,
        int warmup,
        int runs,
        String transport,
        List<Integer> sizes,
        Scenario shape,
        String redisServer) {

    static final String USAGE = """
            usage: java -Xmx512m -jar bench/target/dagflow-bench.jar <scenario> [options]

            scenarios:
            %s
            options:
              --nodes N              nodes per execution (default: per scenario, above)
              --width W              diamond layer width (default 100)
              --edge-probability P   random: chance of each candidate edge (default 0.5)
              --max-in-degree D      random: candidate edges per node (default 4)
              --seed S               random: generator seed (default 42)
              --workers T            worker threads per worker instance (default 4)
              --worker-instances K   worker instances, each with its own receiver (default 1)
              --worker-processes K   redis: the workers run in K JVMs of their own instead, one
                                     worker of --workers threads each
              --orchestrators O      orchestrators (engines) sharing the transport (default 1)
              --executions E         executions started together per run (default: orchestrators)
              --warmup W             unmeasured runs first (default 5)
              --runs R               measured runs (default 10)
              --transport NAME       memory (default) or redis
              --redis-server PATH    redis: the server binary the benchmark starts (default redis-server)
              --sizes A,B,C          validation: definition sizes (default 1000,10000,100000)
              --shape NAME           memory: wide, chain, diamond or random (default wide)
            Prints a table, then one JSON line per result (lines starting with '{').
            """;

    static String usage() {
        StringBuilder scenarios = new StringBuilder();
        for (Scenario scenario : Scenario.values()) {
            scenarios.append(String.format(Locale.ROOT, "  %-11s %s%s%n", scenario.cliName(), scenario.description(),
                    scenario.defaultNodes() > 0 ? " (default " + scenario.defaultNodes() + " nodes)" : ""));
        }
        return String.format(Locale.ROOT, USAGE, scenarios);
    }

    static BenchOptions parse(String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no scenario given");
        }
        Scenario scenario = Scenario.named(args[0]);
        int nodes = 0;
        int width = 100;
        double edgeProbability = 0.5;
        int maxInDegree = 4;
        long seed = 42;
        int workers = 4;
        int workerInstances = 1;
        boolean workerInstancesGiven = false;
        int workerProcesses = 0;
        int orchestrators = 1;
        int executions = 0;
        int warmup = 5;
        int runs = 10;
        String transport = "memory";
        List<Integer> sizes = List.of(1_000, 10_000, 100_000);
        Scenario shape = Scenario.WIDE;
        String redisServer = "redis-server";
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            String value;
            int equals = name.indexOf('=');
            if (equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            switch (name) {
                case "--nodes" -> nodes = positive(name, value);
                case "--width" -> width = positive(name, value);
                case "--edge-probability" -> edgeProbability = number(name, value);
                case "--max-in-degree" -> maxInDegree = atLeast(name, value, 0);
                case "--seed" -> seed = longNumber(name, value);
                case "--workers" -> workers = positive(name, value);
                case "--worker-instances" -> {
                    workerInstances = positive(name, value);
                    workerInstancesGiven = true;
                }
                case "--worker-processes" -> workerProcesses = positive(name, value);
                case "--orchestrators" -> orchestrators = positive(name, value);
                case "--executions" -> executions = positive(name, value);
                case "--warmup" -> warmup = atLeast(name, value, 0);
                case "--runs" -> runs = positive(name, value);
                case "--transport" -> transport = value;
                case "--sizes" -> sizes = sizes(name, value);
                case "--shape" -> shape = shape(name, value);
                case "--redis-server" -> redisServer = value;
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (edgeProbability < 0 || edgeProbability > 1) {
            throw new IllegalArgumentException("--edge-probability must be between 0 and 1, was " + edgeProbability);
        }
        if (workerProcesses > 0) {
            if (!transport.equals("redis")) {
                throw new IllegalArgumentException("--worker-processes needs --transport redis: a worker in another "
                        + "process reaches the orchestrators only through Redis");
            }
            if (workerInstancesGiven) {
                throw new IllegalArgumentException("--worker-instances and --worker-processes exclude each other: "
                        + "with worker processes no worker runs in the benchmark's JVM");
            }
            workerInstances = 0;
        }
        return new BenchOptions(scenario, nodes, width, edgeProbability, maxInDegree, seed, workers, workerInstances,
                workerProcesses, orchestrators, executions == 0 ? orchestrators : executions, warmup, runs, transport, sizes, shape,
                redisServer);
    }

    /** The nodes per execution, the scenario's default unless given. */
    int nodesOr(int scenarioDefault) {
        return nodes > 0 ? nodes : scenarioDefault;
    }

    /** The same options for another scenario (the suite runs each with its defaults). */
    BenchOptions forScenario(Scenario other, int otherNodes) {
        return new BenchOptions(other, otherNodes, width, edgeProbability, maxInDegree, seed, workers, workerInstances,
                workerProcesses, orchestrators, executions, warmup, runs, transport, sizes, shape, redisServer);
    }

    BenchOptions withExecutions(int orchestratorCount, int executionCount) {
        return new BenchOptions(scenario, nodes, width, edgeProbability, maxInDegree, seed, workers, workerInstances,
                workerProcesses, orchestratorCount, executionCount, warmup, runs, transport, sizes, shape, redisServer);
    }

    private static Scenario shape(String name, String value) {
        Scenario shape = Scenario.named(value);
        if (!shape.isShape()) {
            throw new IllegalArgumentException(name + " must be wide, chain, diamond or random, was '" + value + "'");
        }
        return shape;
    }

    private static List<Integer> sizes(String name, String value) {
        List<Integer> sizes = new ArrayList<>();
        for (String part : value.split(",")) {
            sizes.add(positive(name, part.trim()));
        }
        return List.copyOf(sizes);
    }

    private static int positive(String name, String value) {
        return atLeast(name, value, 1);
    }

    private static int atLeast(String name, String value, int minimum) {
        long parsed = longNumber(name, value);
        if (parsed < minimum || parsed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be an integer of at least " + minimum + ", was " + value);
        }
        return (int) parsed;
    }

    private static long longNumber(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, was '" + value + "'");
        }
    }

    private static double number(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + value + "'");
        }
    }
}
