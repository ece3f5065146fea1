package io.dagflow.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Names for this process as an orchestrator or a worker: host, process id and a random suffix,
 * so that two processes never share one, and a person reading Redis sees where each runs.
 */
final class ProcessIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ProcessIds() {
    }

    static String generate(String role) {
        byte[] random = new byte[2];
        RANDOM.nextBytes(random);
        return role + "-" + hostName() + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
    }

    private static String hostName() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            // gethostname without a DNS look-up, which may hang on a badly configured machine.
            try {
                name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).trim();
            } catch (IOException | UnsupportedOperationException notLinux) {
                try {
                    name = InetAddress.getLocalHost().getHostName();
                } catch (IOException unknown) {
                    name = "host";
                }
            }
        }
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "");
        int dot = cleaned.indexOf('.');
        cleaned = dot > 0 ? cleaned.substring(0, dot) : cleaned;
        return cleaned.isEmpty() ? "host" : cleaned;
    }
}
