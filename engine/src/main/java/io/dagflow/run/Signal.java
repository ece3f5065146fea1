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

    /** Changes nothing: it wakes the writer to write what an earlier try could not. */
    record WriteAgain() implements Signal {
    }
}
