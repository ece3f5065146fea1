package io.dagflow.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/** The benchmarked workflow shapes. */
final class Shapes {

    private static final int[] NONE = new int[0];

    private Shapes() {
    }

    /** The shape a scenario runs, sized and parameterised from the options. */
    static GeneratedDag of(Scenario scenario, BenchOptions options) {
        int nodes = options.nodesOr(scenario.defaultNodes());
        return switch (scenario) {
            case WIDE -> wide(nodes);
            case CHAIN -> chain(nodes);
            case DIAMOND -> diamond(nodes, options.width());
            case RANDOM -> random(nodes, options.edgeProbability(), options.maxInDegree(), options.seed());
            default -> throw new IllegalArgumentException(scenario.cliName() + " is not a workflow shape");
        };
    }

    /** {@code nodes - 1} independent nodes, all feeding one fan-in node. */
    static GeneratedDag wide(int nodes) {
        requireAtLeast(nodes, 2, "wide");
        int[][] dependencies = new int[nodes][];
        Arrays.fill(dependencies, 0, nodes - 1, NONE);
        int[] all = new int[nodes - 1];
        Arrays.setAll(all, i -> i);
        dependencies[nodes - 1] = all;
        return new GeneratedDag("wide-" + nodes, dependencies);
    }

    /** Each node depends on the one before it. */
    static GeneratedDag chain(int nodes) {
        requireAtLeast(nodes, 1, "chain");
        int[][] dependencies = new int[nodes][];
        dependencies[0] = NONE;
        for (int i = 1; i < nodes; i++) {
            dependencies[i] = new int[] {i - 1};
        }
        return new GeneratedDag("chain-" + nodes, dependencies);
    }

    /** Layers of {@code width} nodes; every node depends on every node of the layer before. */
    static GeneratedDag diamond(int nodes, int width) {
        requireAtLeast(width, 1, "diamond width");
        if (nodes < width || nodes % width != 0) {
            throw new IllegalArgumentException(
                    "diamond: nodes (" + nodes + ") must be a positive multiple of width (" + width + ")");
        }
        int[][] dependencies = new int[nodes][];
        for (int i = 0; i < nodes; i++) {
            int layer = i / width;
            if (layer == 0) {
                dependencies[i] = NONE;
            } else {
                int[] previous = new int[width];
                int first = (layer - 1) * width;
                Arrays.setAll(previous, k -> first + k);
                dependencies[i] = previous;
            }
        }
        return new GeneratedDag("diamond-" + nodes + "x" + width, dependencies);
    }

    /**
     * Each node makes {@code maxInDegree} draws; each draw, with {@code edgeProbability}, adds an
     * edge from a uniformly chosen earlier node (repeats are dropped). The same seed gives the
     * same DAG.
     */
    static GeneratedDag random(int nodes, double edgeProbability, int maxInDegree, long seed) {
        requireAtLeast(nodes, 1, "random");
        if (edgeProbability < 0 || edgeProbability > 1) {
            throw new IllegalArgumentException("random: edge probability must be in [0, 1], was " + edgeProbability);
        }
        requireAtLeast(maxInDegree, 0, "random max in-degree");
        SplittableRandom random = new SplittableRandom(seed);
        int[][] dependencies = new int[nodes][];
        int[] drawn = new int[maxInDegree];
        for (int i = 0; i < nodes; i++) {
            int count = 0;
            for (int draw = 0; draw < maxInDegree && i > 0; draw++) {
                if (random.nextDouble() < edgeProbability) {
                    int parent = random.nextInt(i);
                    if (!contains(drawn, count, parent)) {
                        drawn[count++] = parent;
                    }
                }
            }
            dependencies[i] = count == 0 ? NONE : Arrays.copyOf(drawn, count);
        }
        return new GeneratedDag("random-" + nodes + "-p" + edgeProbability + "-d" + maxInDegree + "-s" + seed,
                dependencies);
    }

    private static boolean contains(int[] values, int count, int value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    private static void requireAtLeast(int value, int minimum, String what) {
        if (value < minimum) {
            throw new IllegalArgumentException(what + ": needs at least " + minimum + ", was " + value);
        }
    }
}
