package io.dagflow.validation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A workflow as read, before the graph checks; fields are null where nothing usable was written. */
final class DraftWorkflow {

    String name;
    RetrySettings defaultRetry = RetrySettings.NONE;
    Duration defaultTimeout;
    String defaultQueue;
    Duration defaultQueueTimeout;
    Duration deadline;
    final List<NodeDraft> nodes = new ArrayList<>();
}
