package io.dagflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import io.dagflow.model.NodeDefinition;
import io.dagflow.model.RetryPolicy;
import io.dagflow.model.WorkflowDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds definitions in code for orchestration tests, without going through the JSON loader. */
final class Workflows {

    private final String name;
    private final List<NodeDefinition> nodes = new ArrayList<>();

    private Workflows(String name) {
        this.name = name;
    }

    static Workflows named(String name) {
        return new Workflows(name);
    }

    Workflows node(String id, String handler, String... dependencies) {
        return node(id, handler, "{}", RetryPolicy.NONE, null, dependencies);
    }

    Workflows configured(String id, String handler, String config, String... dependencies) {
        return node(id, handler, config, RetryPolicy.NONE, null, dependencies);
    }

    Workflows node(String id, String handler, String config, RetryPolicy retry, Duration timeout,
            String... dependencies) {
        JsonNode parsed = Json.tree(config);
        nodes.add(new NodeDefinition(id, handler, Arrays.asList(dependencies), parsed, retry, timeout,
                NodeDefinition.DEFAULT_QUEUE));
        return this;
    }

    WorkflowDefinition build() {
        return new WorkflowDefinition(name, nodes, "{\"name\":\"" + name + "\"}");
    }

    static RetryPolicy retries(int attempts, long backoffMillis) {
        return new RetryPolicy(attempts, Duration.ofMillis(backoffMillis), 2.0, Duration.ofSeconds(10),
                RetryPolicy.Strategy.EXPONENTIAL, 0.0);
    }
}
