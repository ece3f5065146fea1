package io.dagflow.run;

import io.dagflow.transport.TaskAttempt;
import io.dagflow.transport.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * Attempts an execution decided to take back from the workers, kept until the next flush (after
 * the events that explain them are stored), then asked of the transport. The transport's answer
 * (whether each attempt will never start) goes back to the execution's writer as a signal, since
 * what to record depends on it.
 */
final class Withdrawals {

    enum Purpose {
        /** The execution stops: a claimed attempt's worker is told to interrupt it. */
        CANCEL,
        /** The attempt waited too long in its queue: a claimed one runs on. */
        QUEUE_TIMEOUT
    }

    record Request(int node, TaskAttempt attempt, Purpose purpose) {
    }

    /** @param withdrawn true when the attempt will never start */
    record Answer(Request request, boolean withdrawn) {
    }

    private final List<Request> requested = new ArrayList<>();

    void add(int node, TaskAttempt attempt, Purpose purpose) {
        requested.add(new Request(node, attempt, purpose));
    }

    boolean isEmpty() {
        return requested.isEmpty();
    }

    /**
     * Asks the transport; forgets the requests only once it answered, so that a failed call is
     * made again on the next flush (taking an attempt back twice changes nothing).
     */
    List<Answer> send(Transport transport) {
        List<Answer> answers = new ArrayList<>(requested.size());
        for (Purpose purpose : Purpose.values()) {
            List<Request> some = requested.stream().filter(request -> request.purpose() == purpose).toList();
            if (some.isEmpty()) {
                continue;
            }
            List<Boolean> taken = transport.withdrawTasks(some.stream().map(Request::attempt).toList(),
                    purpose == Purpose.CANCEL);
            List<TaskAttempt> running = new ArrayList<>();
            for (int i = 0; i < some.size(); i++) {
                answers.add(new Answer(some.get(i), taken.get(i)));
                if (!taken.get(i) && purpose == Purpose.CANCEL) {
                    running.add(some.get(i).attempt());
                }
            }
            transport.sendCancellations(running);
        }
        requested.clear();
        return answers;
    }
}
