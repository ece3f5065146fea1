package io.dagflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark with its workers in JVMs of their own, on a real redis-server it starts itself. */
class WorkerProcessesTest {

    @Test
    void runsTheWideScenarioOnTwoWorkerProcessesAndEndsThem() {
        BenchOptions options = BenchOptions.parse("wide", "--transport", "redis", "--nodes", "200",
                "--worker-processes", "2", "--workers", "2", "--warmup", "0", "--runs", "1");

        ThroughputResult result;
        try (Backend backend = Backends.named(options.transport(), options)) {
            result = new ThroughputBenchmark(options, backend).run();
        }

        assertThat(result.nodesPerWorkerProcess()).as("nodes each process ran").hasSize(2)
                .allSatisfy(nodes -> assertThat(nodes).isPositive());
        assertThat(result.nodesPerWorkerProcess().stream().mapToLong(Long::longValue).sum()).isEqualTo(200);
        assertThat(result.row()).contains("2px2");
        assertThat(result.cpuPerNodeMicros()).isPositive();
        assertThat(result.hopP50Micros()).as("handler times of other JVMs are not comparable").isNull();
        assertThat(result.firstTaskMillis()).isNull();
        assertThat(result.tailMillis()).isNull();
        assertThat(workerProcessesAlive()).isEmpty();
    }

    @Test
    void keepsTheHandlerTimingsOfWorkersInItsOwnJvm() {
        BenchOptions options = BenchOptions.parse("wide", "--nodes", "50", "--warmup", "0", "--runs", "1");

        ThroughputResult result;
        try (Backend backend = Backends.named(options.transport(), options)) {
            result = new ThroughputBenchmark(options, backend).run();
        }

        assertThat(result.nodesPerWorkerProcess()).isNull();
        assertThat(result.row()).contains("1x4");
        assertThat(result.hopP50Micros()).isNotNull();
        assertThat(result.firstTaskMillis()).isNotNull();
        assertThat(result.tailMillis()).isNotNull();
    }

    private static List<ProcessHandle> workerProcessesAlive() {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains(WorkerProcess.class.getName()))
                .toList();
    }
}
