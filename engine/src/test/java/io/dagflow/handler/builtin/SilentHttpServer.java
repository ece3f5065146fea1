package io.dagflow.handler.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

/**
 * A server on a free loopback port that takes one HTTP connection, reads the request and never
 * answers. It tells when the request arrived and when the client closed the connection: a
 * client that gave up but kept the connection reading would never close it.
 * (com.sun.net.httpserver cannot tell that: its handlers never learn that a client went away.)
 */
final class SilentHttpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final CompletableFuture<Void> requestArrived = new CompletableFuture<>();
    private final CompletableFuture<Void> connectionClosed = new CompletableFuture<>();

    SilentHttpServer() throws IOException {
        socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serveOne, "silent-http-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    /** Completes once the first bytes of a request were read. */
    CompletableFuture<Void> requestArrived() {
        return requestArrived;
    }

    /** Completes when the client closed (or reset) the connection. */
    CompletableFuture<Void> connectionClosed() {
        return connectionClosed;
    }

    private void serveOne() {
        try (Socket connection = socket.accept(); InputStream in = connection.getInputStream()) {
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                requestArrived.complete(null);
            }
        } catch (IOException e) {
            // A reset is a close too; a failed accept means the server was closed first.
        }
        connectionClosed.complete(null);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
