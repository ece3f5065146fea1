package io.dagflow.bench;

import io.dagflow.redis.RedisConfig;
import io.dagflow.store.Stores;
import io.dagflow.transport.Transport;
import io.dagflow.worker.WorkerOptions;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where tasks, results and state live during a benchmark run: any {@link Transport} with its
 * {@link Stores}. Each measured run opens a fresh one, so runs do not inherit each other's data.
 */
interface Backend extends AutoCloseable {

    /** The name used on the command line ({@code --transport}). */
    String name();

    Environment open();

    /** Releases what the backend keeps between runs (a server it started). */
    @Override
    default void close() {
    }

    /** One run's transport and stores. */
    interface Environment extends AutoCloseable {

        Transport transport();

        Stores stores();

        /** How a worker on this transport is configured (queues, poll wait, inline result size). */
        WorkerOptions workerOptions(String workerId, int threads);

        /** How workers record and report attempts: one call per write unless the backend groups them. */
        default io.dagflow.worker.AttemptReporter attemptReporter() {
            return io.dagflow.worker.AttemptReporter.separateCalls(transport(), stores().results(),
                    stores().idempotency());
        }

        /** How orchestrators write their batches: one call per step unless the backend groups them. */
        default io.dagflow.run.OrchestratorWrites orchestratorWrites() {
            return io.dagflow.run.OrchestratorWrites.separateCalls(transport(), stores());
        }

        /**
         * The server and key prefix of this run, for workers in processes of their own; empty
         * where the transport lives inside the benchmark's JVM.
         */
        default Optional<RedisConfig> redisConfig() {
            return Optional.empty();
        }

        /** Starts counting server commands afresh; nothing to do where there is no server. */
        default void resetCommandCounts() {
        }

        /** Server commands since the last reset, by command name; empty where there is no server. */
        default Optional<Map<String, Long>> commandCounts() {
            return Optional.empty();
        }

        /** CPU time used so far by a server process the benchmark started (Linux); empty otherwise. */
        default OptionalLong serverCpuNanos() {
            return OptionalLong.empty();
        }

        @Override
        void close();
    }
}
