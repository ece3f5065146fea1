package io.dagflow.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The processes of one test's command, found by a marker in their command line wherever they
 * were re-parented. The marker is a sleep duration ({@code 30.0481726354}): every {@code sleep}
 * the command starts carries it, and so does the shell whose script names it, also in the
 * moment between a fork and the exec of {@code sleep}.
 *
 * <p>A process killed whose parent died is a zombie until init reaps it, and ProcessHandle
 * counts a zombie as alive: the waits here are generous for that reason, not because killing
 * is slow.
 */
public final class MarkedProcesses {

    /** How long processes may take to disappear once their owner is gone, reaping included. */
    public static final Duration GONE_WITHIN = Duration.ofSeconds(15);

    private final String marker;

    private MarkedProcesses(String marker) {
        this.marker = marker;
    }

    /** A marker that is a sleep of {@code seconds} and a little, unique to this call. */
    public static MarkedProcesses sleepingFor(int seconds) {
        long nonce = ThreadLocalRandom.current().nextLong(100_000_000L, 1_000_000_000L);
        return new MarkedProcesses(seconds + ".0" + nonce);
    }

    /** The argument to give {@code sleep}. */
    public String sleepSeconds() {
        return marker;
    }

    /** The processes that carry the marker now; zombies have no command line and are left out. */
    public List<ProcessHandle> running() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .toList();
    }

    /**
     * Waits until each of {@code processes} has ended, then checks that no marked process is
     * left. On failure it kills what is left, so that a failing test does not leave it running.
     */
    public void assertAllGone(Collection<ProcessHandle> processes) throws InterruptedException {
        try {
            awaitEnd(processes);
            assertThat(running()).as("processes still carrying the marker " + marker).isEmpty();
        } catch (AssertionError failure) {
            running().forEach(ProcessHandle::destroyForcibly);
            throw failure;
        }
    }

    private static void awaitEnd(Collection<ProcessHandle> processes) throws InterruptedException {
        long deadline = System.nanoTime() + GONE_WITHIN.toNanos();
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("process " + process.pid() + " (" + process.info().commandLine().orElse("?")
                        + ") still runs " + GONE_WITHIN.toSeconds() + " s after its owner stopped it");
            } catch (ExecutionException e) {
                throw new AssertionError(e);
            }
        }
    }
}
