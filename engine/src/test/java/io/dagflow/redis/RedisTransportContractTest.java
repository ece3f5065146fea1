package io.dagflow.redis;

import io.dagflow.transport.Transport;
import io.dagflow.transport.TransportContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class RedisTransportContractTest extends TransportContract {

    private RedisBackend backend;

    @Override
    protected Transport newTransport() {
        backend = RedisBackend.connect(
                RedisServerProcess.shared().config("test-" + UUID.randomUUID().toString().substring(0, 8)));
        return backend.transport();
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }
}
