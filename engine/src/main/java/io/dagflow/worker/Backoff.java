package io.dagflow.worker;

/** Pauses before retrying a failed call to the backend, so that a long outage is not met with a busy loop. */
public final class Backoff {

    private Backoff() {
    }

    /** 200 ms after a first failure, doubling up to 2 s. */
    public static void pauseAfterFailure(int failures) {
        try {
            // Not synchronisation: a pause before retrying a failed connection (e.g. Redis restarting).
            Thread.sleep(Math.min(2000, 200L << Math.min(failures - 1, 4)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
