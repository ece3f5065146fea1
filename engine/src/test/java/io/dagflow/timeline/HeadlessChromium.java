package io.dagflow.timeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the system's headless Chromium on a page, for tests that check what a browser really renders.
 * The binary is {@code $DAGFLOW_CHROMIUM}, else the first of chromium, chromium-browser,
 * google-chrome found on the PATH.
 */
final class HeadlessChromium {

    /** What one run printed: the DOM (for --dump-dom) and Chromium's log with the page's console. */
    record Run(String dom, String log) {

        /**
         * Everything the page wrote to its console (Chromium logs console.error, uncaught exceptions
         * and CSP refusals alike as CONSOLE lines): the renderer writes nothing there when all is well.
         */
        List<String> pageErrors() {
            List<String> errors = new ArrayList<>();
            for (String line : log.split("\n")) {
                if (line.contains(":CONSOLE") || line.contains("Refused to")) {
                    errors.add(line);
                }
            }
            return errors;
        }
    }

    private static final long TIMEOUT_SECONDS = 120;

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    static Optional<HeadlessChromium> find() {
        String configured = System.getenv("DAGFLOW_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(new HeadlessChromium(path)) : Optional.empty();
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String directory : pathVariable.split(java.io.File.pathSeparator)) {
                if (directory.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(directory, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new HeadlessChromium(candidate));
                }
            }
        }
        return Optional.empty();
    }

    Run dumpDom(String url, Path workDir) throws IOException, InterruptedException {
        return run(url, workDir, List.of("--dump-dom"));
    }

    /** The DOM as a window {@code width} pixels wide renders it. */
    Run dumpDom(String url, Path workDir, int width) throws IOException, InterruptedException {
        return run(url, workDir, List.of("--dump-dom", "--window-size=" + width + ",900"));
    }

    Run screenshot(String url, Path png, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        return run(url, workDir, List.of("--screenshot=" + png.toAbsolutePath(), "--hide-scrollbars"));
    }

    private Run run(String url, Path workDir, List<String> mode) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        Path out = workDir.resolve("chromium-" + System.nanoTime() + ".out");
        Path err = workDir.resolve("chromium-" + System.nanoTime() + ".err");
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1400,900",
                "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000"));
        command.addAll(mode);
        command.add(url);
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("chromium did not finish within " + TIMEOUT_SECONDS + " s on " + url);
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        String log = Files.readString(err, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("chromium exited with " + process.exitValue() + " on " + url + ":\n" + log);
        }
        return new Run(dom, log);
    }
}
