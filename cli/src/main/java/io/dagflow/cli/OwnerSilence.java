package io.dagflow.cli;

import io.dagflow.redis.OrchestratorPresence;
import io.dagflow.redis.RedisBackend;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/**
 * Tells a crashed orchestrator from a live one before its executions are taken over: a running
 * orchestrator keeps its presence key alive ({@link OrchestratorPresence}); a crashed one's key
 * expires within seconds. Taking over a live one would run its executions twice.
 */
final class OwnerSilence {

    private OwnerSilence() {
    }

    /** Returns once {@code owner}'s presence key is gone; a usage error when it is still renewed. */
    static void await(RedisBackend redis, String owner, PrintWriter out) throws InterruptedException {
        Optional<Duration> expiresIn = OrchestratorPresence.expiresIn(redis, owner);
        if (expiresIn.isEmpty()) {
            return;
        }
        out.println("orchestrator " + owner + " was seen less than " + OrchestratorPresence.TTL.toSeconds()
                + " s ago; waiting " + expiresIn.get().toMillis() + " ms to see whether it still runs");
        out.flush();
        // A liveness check, not synchronisation: a running owner renews its key meanwhile.
        Thread.sleep(expiresIn.get().toMillis() + 100);
        if (OrchestratorPresence.expiresIn(redis, owner).isPresent()) {
            throw new UserError("orchestrator " + owner + " still runs: resuming now would run its executions twice."
                    + " Stop it first, or pass --force if you are sure it stopped");
        }
    }
}
