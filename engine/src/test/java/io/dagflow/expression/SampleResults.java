package io.dagflow.expression;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Upstream results and a workflow as a node's condition would see them, recording what is read. */
final class SampleResults implements Scope {

    static final JsonNode BUILD = Json.tree("""
            {"exit_code": 0, "ok": true, "failed": false, "name": "api", "ratio": 0.5, "count": 3,
             "version": "1.10", "flag_text": "true", "nothing": null,
             "tags": ["fast", "linux"], "items": [{"id": 7}, {"id": 8}],
             "headers": {"content-type": "application/json", "x.y": 1, "a/b~c": "slashed"},
             "empty_text": "", "empty_list": [], "empty_object": {}}""");
    static final JsonNode WORKFLOW = Json.tree("""
            {"id": "exec-1", "name": "release", "inputs": {"env": "prod", "replicas": 3}}""");

    private final Scope values = Scope.of(Map.of("build", BUILD, "workflow", WORKFLOW));
    private final List<String> read = new ArrayList<>();

    @Override
    public Optional<JsonNode> resolve(List<String> path) {
        read.add(CanonicalText.path(path));
        return values.resolve(path);
    }

    /** The paths resolved so far, in order. */
    List<String> read() {
        return read;
    }

    static boolean evaluate(String expression) throws ExpressionException {
        return Expression.parse(expression).evaluate(new SampleResults());
    }
}
