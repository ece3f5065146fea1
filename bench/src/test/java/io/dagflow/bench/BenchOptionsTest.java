package io.dagflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void readsEveryOptionInBothSpellings() {
        BenchOptions options = BenchOptions.parse("random", "--nodes", "500", "--edge-probability=0.25",
                "--max-in-degree", "3", "--seed", "9", "--workers", "2", "--worker-instances", "3",
                "--orchestrators", "2", "--warmup", "0", "--runs", "1", "--sizes", "10, 20");

        assertThat(options.scenario()).isEqualTo(Scenario.RANDOM);
        assertThat(options.nodesOr(1)).isEqualTo(500);
        assertThat(options.edgeProbability()).isEqualTo(0.25);
        assertThat(options.maxInDegree()).isEqualTo(3);
        assertThat(options.seed()).isEqualTo(9);
        assertThat(options.workers()).isEqualTo(2);
        assertThat(options.workerInstances()).isEqualTo(3);
        assertThat(options.orchestrators()).isEqualTo(2);
        assertThat(options.executions()).as("one execution per orchestrator unless told").isEqualTo(2);
        assertThat(options.warmup()).isZero();
        assertThat(options.sizes()).containsExactly(10, 20);
    }

    @Test
    void usesTheScenarioDefaultWhenNoNodeCountIsGiven() {
        BenchOptions options = BenchOptions.parse("chain");

        assertThat(options.nodesOr(Scenario.CHAIN.defaultNodes())).isEqualTo(1_000);
        assertThat(options.sizes()).isEqualTo(List.of(1_000, 10_000, 100_000));
    }

    @Test
    void namesTheOptionThatIsWrong() {
        assertThatThrownBy(() -> BenchOptions.parse("wide", "--workers", "0"))
                .hasMessage("--workers must be an integer of at least 1, was 0");
        assertThatThrownBy(() -> BenchOptions.parse("wide", "--runs", "many"))
                .hasMessage("--runs must be an integer, was 'many'");
        assertThatThrownBy(() -> BenchOptions.parse("wide", "--nodes"))
                .hasMessage("option --nodes needs a value");
        assertThatThrownBy(() -> BenchOptions.parse("wide", "--speed", "11"))
                .hasMessage("unknown option --speed");
        assertThatThrownBy(() -> BenchOptions.parse("memory", "--shape", "suite"))
                .hasMessageContaining("--shape must be wide, chain, diamond or random");
    }

    @Test
    void runsTheWorkersInProcessesOfTheirOwnOnlyOnRedis() {
        BenchOptions options = BenchOptions.parse("wide", "--worker-processes", "2", "--transport", "redis");

        assertThat(options.workerProcesses()).isEqualTo(2);
        assertThat(options.workerInstances()).as("no worker in the benchmark's JVM").isZero();
        assertThatThrownBy(() -> BenchOptions.parse("wide", "--worker-processes", "2"))
                .hasMessageStartingWith("--worker-processes needs --transport redis");
        assertThatThrownBy(() -> BenchOptions.parse("wide", "--transport", "memory", "--worker-processes", "2"))
                .hasMessageStartingWith("--worker-processes needs --transport redis");
        assertThatThrownBy(() -> BenchOptions.parse("wide", "--transport", "redis", "--worker-processes", "2",
                "--worker-instances", "2"))
                .hasMessageStartingWith("--worker-instances and --worker-processes exclude each other");
    }

    @Test
    void listsTheScenariosWhenOneIsUnknown() {
        assertThatThrownBy(() -> BenchOptions.parse("deep"))
                .hasMessageContaining("unknown scenario 'deep'")
                .hasMessageContaining("wide, chain, diamond, random, validation, memory, suite");
    }
}
