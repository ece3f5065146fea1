package io.dagflow.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllProblemsAtOnceTest {

    private static final String BROKEN = """
            // user report, with one mistake of each kind
            {
              "name": "user-report",
              "defaults": { "timeout_seconds": -5 },
              "dag": { "nodes": [
                { "id": "input", "handler": "input" },
                { "id": "get_user", "handler": "htp", "dependencies": ["input"],
                  "config": { "url": "http://svc/api/users/{{input.user_id}}" },
                  "retry_policy": { "max_attempts": 0, "stratgy": "fixed" } },
                { "id": "orders", "handler": "http", "dependecies": ["input"],
                  "config": { "url": "http://svc/orders/{{get_user.user.id}}" } },
                { "id": "get_user", "handler": "http", "dependencies": ["fetch"] },
                { "id": "a", "handler": "http", "dependencies": ["b"] },
                { "id": "b", "handler": "http", "dependencies": ["a"], "timeout_seconds": "30" },
                { "id": "output", "handler": "output", "dependencies": ["get_user", "orders"],
                  "config": { "summary": "{{workflow.nam}}" } }
              ] }
            }
            """;

    @Test
    void everyProblemIsReportedInFileOrderWithItsPlace() {
        WorkflowLoader loader = new WorkflowLoader(Set.of("input", "http", "output"));

        List<String> problems = loader.check(BROKEN, "user-report.json").stream().map(Problem::format).toList();

        assertThat(problems).containsExactly(
                "user-report.json:4:36: field 'defaults.timeout_seconds': must be greater than 0, was -5",
                "user-report.json:7:36: node 'get_user', field 'handler': unknown handler 'htp', did you mean 'http'?",
                "user-report.json:9:41: node 'get_user', field 'retry_policy.max_attempts': must be at least 1"
                        + " (1 means no retry), was 0",
                "user-report.json:9:44: node 'get_user', field 'retry_policy': unknown field 'stratgy', did you mean"
                        + " 'strategy'?",
                "user-report.json:10:42: node 'orders': unknown field 'dependecies', did you mean 'dependencies'?",
                "user-report.json:11:26: node 'orders', field 'config.url': template {{get_user.user.id}} refers to"
                        + " node 'get_user', which is not upstream of 'orders'; add 'get_user' to the dependencies of"
                        + " 'orders' (or of a node it depends on)",
                "user-report.json:12:13: node 'get_user', field 'id': duplicate id: the node at line 7, column 13"
                        + " already uses it",
                "user-report.json:12:61: node 'get_user', field 'dependencies': depends on 'fetch', which is not a"
                        + " node",
                "user-report.json:13:54: node 'a', field 'dependencies': dependency cycle a -> b -> a (each node"
                        + " depends on the next)",
                "user-report.json:14:79: node 'b', field 'timeout_seconds': must be a number, not a string (\"30\")",
                "user-report.json:16:30: node 'output', field 'config.summary': template {{workflow.nam}} reads 'nam'"
                        + " of the workflow, which has only id, name and inputs; did you mean {{workflow.name}}?");
    }
}
