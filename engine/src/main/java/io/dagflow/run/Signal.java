package io.dagflow.run;

import io.dagflow.transport.Delivery;
import io.dagflow.transport.ResultMessage;

/** What can happen to an execution; its single writer handles them one at a time, in order. */
sealed interface Signal {

    /** Start a new execution (its events are written first) or resume one from its stored events. */
    record Begin(boolean resumed) implements Signal {
    }

    record ResultArrived(Delivery<ResultMessage> delivery) implements Signal {
    }

    record TimeoutDue(int node, int attempt) implements Signal {
    }

    record RetryDue(int node, int attempt) implements Signal {
    }

    record Cancel(String reason) implements Signal {
    }

    /** An attempt has waited in its queue for as long as its node allows. */
    record QueueTimeoutDue(int node, int attempt) implements Signal {
    }

    /** The workflow's deadline passed. */
    record DeadlineDue() implements Signal {
    }

    /** The time workers had to confirm a cancellation is over. */
    record CancelGraceOver() implements Signal {
    }

    /** No live worker serves a queue this execution just sent tasks to. */
    record QueueUnserved(String queue) implements Signal {
    }

    /** The transport's answers to attempts this execution asked to take back. */
    record Withdrawn(java.util.List<Withdrawals.Answer> answers) implements Signal {
    }

    /** Changes nothing: it wakes the writer to write what an earlier try could not. */
    record WriteAgain() implements Signal {
    }
}
