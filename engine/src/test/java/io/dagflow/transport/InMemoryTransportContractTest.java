package io.dagflow.transport;

class InMemoryTransportContractTest extends TransportContract {

    @Override
    protected Transport newTransport() {
        return new InMemoryTransport();
    }
}
