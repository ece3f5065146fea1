package io.dagflow.handler.builtin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A program together with every process it starts, ended as one, and never outliving this JVM.
 *
 * <p>Where {@code /bin/sh} and setsid(1) exist (Linux), the program runs in a session of its
 * own: its process group holds everything it starts, also the grandchildren whose parent
 * exited, unless one starts a session or group of its own. A watchdog process kills that group
 * when this JVM closes the program's standard input, which it does when the program exits, is
 * interrupted or timed out, and which the kernel does when this JVM dies, {@code kill -9}
 * included. The program's own standard input is {@code /dev/null}.
 *
 * <p>Elsewhere the program is started directly, and killing it kills the program and the
 * descendants it still has; a process re-parented away, what the program leaves behind when it
 * exits, and everything when this JVM is killed with {@code kill -9}, keep running.
 */
final class ProcessTree {

    /**
     * Run as {@code setsid /bin/sh -c WATCHDOG dagflow-command SETSID PROGRAM ARGS...}: this shell
     * leads a new session, so its pid names the process group of all the program will start.
     * Standard input is the lifeline: nothing is ever written to it, so reading it returns only
     * when this JVM closes it or dies. The watchdog then kills the group. It runs in a session
     * of its own so that signals sent to this JVM's process group (Ctrl-C in a terminal) do not
     * stop it, and is detached (double fork) so that it is never a child the program could wait
     * for. It keeps standard output open until it has sent the kill, so that the JVM, waiting
     * for the output to end, knows the group was killed. The fd 3 copy exists because a
     * background command's standard input is /dev/null.
     */
    private static final String WATCHDOG = String.join("\n",
            "setsid=$1; shift",
            "exec 3<&0",
            "(\"$setsid\" /bin/sh -c 'trap \"\" HUP INT QUIT TERM; read -r _; kill -s KILL -- \"-$1\"'"
                    + " dagflow-watchdog \"$$\" <&3 2>/dev/null &)",
            "exec \"$@\" </dev/null 3<&-");

    /** What dash searches when PATH is unset. */
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static final Optional<String> SETSID = findSetsid();

    private final Process process;
    private final boolean grouped;
    private volatile boolean killed;

    private ProcessTree(Process process, boolean grouped) {
        this.process = process;
        this.grouped = grouped;
    }

    /**
     * Starts {@code builder}'s command, replacing the builder's command line and standard input
     * with the watched ones where processes are grouped.
     *
     * @throws IOException when the program cannot be started (not found, not executable)
     */
    static ProcessTree start(ProcessBuilder builder) throws IOException {
        if (SETSID.isEmpty()) {
            Process process = builder.start();
            closeInput(process);
            return new ProcessTree(process, false);
        }
        List<String> command = builder.command();
        checkRunnable(command.get(0), builder.environment().get("PATH"), builder.directory());
        List<String> watched = new ArrayList<>(List.of(SETSID.get(), "/bin/sh", "-c", WATCHDOG, "dagflow-command",
                SETSID.get()));
        watched.addAll(command);
        return new ProcessTree(builder.command(watched).redirectInput(ProcessBuilder.Redirect.PIPE).start(), true);
    }

    Process process() {
        return process;
    }

    /** Whether {@link #kill} was called: the program did not end on its own. */
    boolean killed() {
        return killed;
    }

    /** The program has exited: kills what it left running in its process group. */
    void release() {
        if (grouped) {
            closeInput(process);
        }
    }

    /** Kills the program and its whole tree now. */
    void kill() {
        killed = true;
        release();
        // Also the direct way, which is all there is without a process group, and covers a
        // watchdog that someone killed. Listed first: once the parent dies its children are re-parented.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static void closeInput(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already closed, or the program is gone: either way the pipe no longer holds anything.
        }
    }

    /**
     * The shell would report a program it cannot run with exit code 127 or 126, which reads as
     * a failure of the program; looked up here, as exec would, it is a failure to start.
     */
    private static void checkRunnable(String program, String path, File directory) throws IOException {
        Path base = directory == null ? Path.of("") : directory.toPath();
        if (program.contains("/")) {
            Path file = base.resolve(program);
            if (!Files.exists(file)) {
                throw new IOException("no such file");
            }
            if (Files.isDirectory(file) || !Files.isExecutable(file)) {
                throw new IOException("not an executable file");
            }
            return;
        }
        boolean foundNotExecutable = false;
        for (String entry : (path == null ? DEFAULT_PATH : path).split(":", -1)) {
            Path file = base.resolve(entry.isEmpty() ? "." : entry).resolve(program);
            if (Files.isRegularFile(file)) {
                if (Files.isExecutable(file)) {
                    return;
                }
                foundNotExecutable = true;
            }
        }
        throw new IOException(foundNotExecutable ? "not executable" : "no such program on the PATH");
    }

    private static Optional<String> findSetsid() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
                || !Files.isExecutable(Path.of("/bin/sh"))) {
            return Optional.empty();
        }
        String path = System.getenv("PATH");
        Stream<String> directories = Stream.concat(
                path == null ? Stream.empty() : Stream.of(path.split(":")), Stream.of("/usr/bin", "/bin"));
        return directories.filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, "setsid"))
                .filter(file -> file.isAbsolute() && Files.isRegularFile(file) && Files.isExecutable(file))
                .map(Path::toString)
                .findFirst();
    }
}
