package io.dagflow.redis;

import io.dagflow.worker.AttemptReporterContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class RedisAttemptReporterTest extends AttemptReporterContract {

    private RedisBackend backend;

    @Override
    protected void connect() {
        backend = RedisBackend.connect(
                RedisServerProcess.shared().config("attempts-" + UUID.randomUUID().toString().substring(0, 8)));
        transport = backend.transport();
        stores = backend.stores();
        reporter = backend.attemptReporter();
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }
}
