package io.dagflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dagflow.redis.RedisServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://}: a Redis that speaks TLS with a certificate for {@code localhost}, trusted
 * through the JVM's trust store as an operator would configure it. Needs openssl and a
 * redis-server built with TLS (Debian's is).
 */
@Timeout(120)
class RedisTlsCommandTest {

    private static final String TRUST_PASSWORD = "changeit";

    @TempDir
    static Path certificates;

    private static RedisServerProcess server;
    private static int tlsPort;
    private final List<DagflowProcess> processes = new ArrayList<>();

    @BeforeAll
    static void startServerWithTls() throws Exception {
        assumeTrue(run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-keyout", certificates.resolve("key.pem").toString(),
                "-out", certificates.resolve("cert.pem").toString(),
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"), "openssl is needed");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        assertThat(run(keytool, "-importcert", "-noprompt", "-alias", "redis",
                "-file", certificates.resolve("cert.pem").toString(),
                "-keystore", certificates.resolve("trust.p12").toString(), "-storetype", "PKCS12",
                "-storepass", TRUST_PASSWORD)).isTrue();
        tlsPort = freePort();
        try {
            server = RedisServerProcess.builder()
                    .option("tls-port", Integer.toString(tlsPort))
                    .option("tls-cert-file", certificates.resolve("cert.pem").toString())
                    .option("tls-key-file", certificates.resolve("key.pem").toString())
                    .option("tls-ca-cert-file", certificates.resolve("cert.pem").toString())
                    .option("tls-auth-clients", "no")
                    .start();
        } catch (IllegalStateException noTls) {
            assumeTrue(false, "redis-server without TLS: " + noTls.getMessage());
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (DagflowProcess process : processes) {
            process.close();
        }
    }

    @Test
    void aServerWhoseCertificateIsTrustedAndNamesTheHostRunsAWorkflow() throws Exception {
        DagflowProcess run = dagflow(true, "run", RunCommandTest.example("linear.json").toString(),
                "--input", "user=tls", "--redis", "rediss://localhost:" + tlsPort, "--key-prefix", "tls");

        assertThat(run.awaitExit()).as(run.transcript()).isZero();
        assertThat(run.output()).contains("on rediss://localhost:" + tlsPort).contains("workflow completed");
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        DagflowProcess history = dagflow(true, "history", "--redis", "rediss://127.0.0.1:" + tlsPort);

        assertThat(history.awaitExit()).isEqualTo(2);
        assertThat(history.errors()).contains("Cannot reach Redis at 127.0.0.1:" + tlsPort)
                .contains("No subject alternative names matching IP address 127.0.0.1");
    }

    @Test
    void anUntrustedCertificateIsRefused() throws Exception {
        DagflowProcess history = dagflow(false, "history", "--redis", "rediss://localhost:" + tlsPort);

        assertThat(history.awaitExit()).isEqualTo(2);
        assertThat(history.errors()).contains("Cannot reach Redis at localhost:" + tlsPort)
                .contains("unable to find valid certification path");
    }

    private DagflowProcess dagflow(boolean trusting, String... args) {
        List<String> jvm = trusting
                ? List.of("-Djavax.net.ssl.trustStore=" + certificates.resolve("trust.p12"),
                        "-Djavax.net.ssl.trustStorePassword=" + TRUST_PASSWORD)
                : List.of();
        DagflowProcess process = DagflowProcess.start(args[0], Map.of(), jvm, List.of(args));
        processes.add(process);
        return process;
    }

    private static boolean run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(certificates.resolve("tool.log").toFile()).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
