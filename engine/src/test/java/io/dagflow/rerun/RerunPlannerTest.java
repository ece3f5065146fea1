package io.dagflow.rerun;

import io.dagflow.run.ReusedNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.run.ReusedNode;
import io.dagflow.run.StartOptions;
import io.dagflow.store.memory.InMemoryResultStore;
import io.dagflow.timeline.ExecutionEvents;
import io.dagflow.timeline.WorkflowText;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RerunPlannerTest {

    private final InMemoryResultStore results = new InMemoryResultStore();

    /** extract -> transform -> load, and report depending on transform. */
    private static WorkflowText pipeline() {
        return WorkflowText.named("etl")
                .node("extract", "http", Json.tree("{\"url\":\"http://orders\"}"))
                .node("transform", "script", Json.tree("{\"expr\":\"{{extract.rows}}\"}"), "extract")
                .node("load", "sql", "transform")
                .node("report", "email", "transform");
    }

    /** The original run of {@link #pipeline()}: extract needed two attempts, load failed, report completed. */
    private List<WorkflowEvent> originalWhereLoadFailed() {
        results.put("e1", "extract", 1, Json.tree("{\"rows\":\"stale\"}"));
        results.put("e1", "extract", 2, Json.tree("{\"rows\":3}"));
        results.put("e1", "transform", 1, Json.tree("{\"clean\":3}"));
        results.put("e1", "report", 1, Json.tree("\"sent\""));
        return ExecutionEvents.started("e1", pipeline().text(), 1_000)
                .dispatched("extract", 1, 1_010).retry("extract", 1, 1_050, "HTTP 503", 100)
                .dispatched("extract", 2, 1_150).completed("extract", 2, 1_200, "w")
                .ran("transform", 1_210, 1_300, "w")
                .dispatched("load", 1, 1_310).failed("load", 1, 1_400, "deadlock detected\nat line 3")
                .ran("report", 1_310, 1_350, "w")
                .workflowFailed(1_401, "node 'load' failed")
                .list();
    }

    @Test
    void completedNodesKeepTheResultOfTheAttemptThatCompletedAndFailedNodesRunAgain() {
        List<WorkflowEvent> original = originalWhereLoadFailed();

        RerunPlan plan = RerunPlanner.plan(pipeline().definition(), original, results, Optional.empty());

        assertThat(plan.rerunOf()).isEqualTo("e1");
        assertThat(plan.reused()).containsOnlyKeys("extract", "transform", "report");
        assertThat(plan.reused().get("extract")).isEqualTo(new ReusedNode("e1", 2, Json.tree("{\"rows\":3}")));
        assertThat(plan.reused().get("report")).isEqualTo(new ReusedNode("e1", 1, Json.tree("\"sent\"")));
        assertThat(plan.explanations()).containsExactly("node 'load' runs again: it failed (deadlock detected)");
    }

    @Test
    void blockedCancelledAndNeverRunNodesRunAgainWithTheirReason() {
        results.put("e1", "extract", 1, Json.tree("{}"));
        String text = WorkflowText.named("w")
                .node("extract", "http")
                .node("broken", "http", "extract")
                .node("after_broken", "sql", "broken")
                .node("slow", "http", "extract")
                .node("later", "sql", "slow")
                .node("waiting", "http")
                .text();
        List<WorkflowEvent> original = ExecutionEvents.started("e1", text, 0)
                .ran("extract", 1, 10, "w")
                .dispatched("broken", 1, 11).failed("broken", 1, 20, "boom")
                .blocked("after_broken", 21, "broken")
                .dispatched("slow", 1, 11).cancelled("slow", 1, 30)
                .cancelled("later", 0, 30)
                .workflowCancelled(31, "stopped by bob")
                .list();
        WorkflowDefinition same = WorkflowText.named("w")
                .node("extract", "http").node("broken", "http", "extract").node("after_broken", "sql", "broken")
                .node("slow", "http", "extract").node("later", "sql", "slow").node("waiting", "http")
                .definition();

        RerunPlan plan = RerunPlanner.plan(same, original, results, Optional.empty());

        assertThat(plan.reused()).containsOnlyKeys("extract");
        assertThat(plan.explanations()).containsExactly(
                "node 'broken' runs again: it failed (boom)",
                "node 'after_broken' runs again: it was blocked by 'broken'",
                "node 'slow' runs again: it was cancelled",
                "node 'later' runs again: it was cancelled",
                "node 'waiting' runs again: it never ran");
    }

    @Test
    void rerunningFromANodeRunsItAndEverythingDownstreamEvenWhenTheyCompleted() {
        List<WorkflowEvent> original = originalWhereLoadFailed();

        RerunPlan plan = RerunPlanner.plan(pipeline().definition(), original, results, Optional.of("transform"));

        assertThat(plan.reused()).containsOnlyKeys("extract");
        assertThat(plan.explanations()).containsExactly(
                "node 'transform' runs again: the rerun starts from it",
                "node 'load' runs again: it is downstream of 'transform', where the rerun starts",
                "node 'report' runs again: it is downstream of 'transform', where the rerun starts");
    }

    @Test
    void rerunningFromANodeTheWorkflowDoesNotHaveIsRefused() {
        List<WorkflowEvent> original = originalWhereLoadFailed();

        assertThatThrownBy(() -> RerunPlanner.plan(pipeline().definition(), original, results, Optional.of("lod")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot rerun from node 'lod': workflow 'etl' has no such node");
    }

    @Test
    void aNodeWhoseConfigChangedRunsAgainAndSoDoesEverythingThatDependsOnIt() {
        List<WorkflowEvent> original = originalWhereLoadFailed();
        WorkflowDefinition edited = WorkflowText.named("etl")
                .node("extract", "http", Json.tree("{\"url\":\"http://orders\"}"))
                .node("transform", "script", Json.tree("{\"expr\":\"{{extract.rows}} * 2\"}"), "extract")
                .node("load", "sql", "transform")
                .node("report", "email", "transform")
                .definition();

        RerunPlan plan = RerunPlanner.plan(edited, original, results, Optional.empty());

        assertThat(plan.reused()).containsOnlyKeys("extract");
        assertThat(plan.explanations()).containsExactly(
                "node 'transform' runs again: its config changed",
                "node 'load' runs again: it failed (deadlock detected)",
                "node 'report' runs again: its dependency 'transform' runs again");
    }

    /** input, what reads it (directly, or through a template of the inputs), and what does not. */
    private static WorkflowText release() {
        return WorkflowText.named("release")
                .node("input", "input")
                .node("build", "http", Json.tree("{\"url\":\"http://ci/build/{{input.version}}\"}"), "input")
                .node("tag", "echo", Json.tree("{\"tag\":\"v{{workflow.inputs.version}}\"}"))
                .node("announce", "echo", Json.tree("{\"channel\":\"{{workflow.inputs.channel}}\"}"))
                .node("everything", "echo", Json.tree("{\"all\":\"{{workflow.inputs}}\"}"))
                .node("lint", "echo", Json.tree("{\"run\":\"{{workflow.id}}\"}"))
                .node("deploy", "kubectl");
    }

    /** The plan of a rerun with {@code inputs} of {@link #release()}, which completed with version 1.0 on channel ops. */
    private RerunPlan rerunOfReleaseWith(String inputs) {
        ExecutionEvents log = ExecutionEvents.startedWithInputs("e1", release().text(), 0,
                Json.tree("{\"version\":\"1.0\",\"channel\":\"ops\"}"));
        long at = 1;
        for (String node : List.of("input", "build", "tag", "announce", "everything", "lint", "deploy")) {
            results.put("e1", node, 1, Json.tree("{}"));
            log.ran(node, at, at + 5, "w");
            at += 10;
        }
        List<WorkflowEvent> original = log.workflowCompleted(at).list();
        return RerunPlanner.plan(release().definition(), original, results, Optional.empty(), Json.tree(inputs));
    }

    @Test
    void givenInputsThatChangedWhenRerunThenWhatReadsTheChangedInputsRunsAgainAndSaysWhy() {
        RerunPlan plan = rerunOfReleaseWith("{\"version\":\"2.0\",\"channel\":\"ops\"}");

        assertThat(plan.reused()).containsOnlyKeys("announce", "lint");
        assertThat(plan.explanations()).containsExactly(
                "node 'input' runs again: the workflow inputs it returns changed (version)",
                "node 'build' runs again: its dependency 'input' runs again",
                "node 'tag' runs again: its config reads workflow.inputs.version, which changed",
                "node 'everything' runs again: its config reads workflow.inputs, which changed (version)",
                "node 'deploy' runs again: its handler 'kubectl' may read the workflow inputs, which changed (version)");
    }

    @Test
    void givenAnInputAddedOrRemovedWhenRerunThenItCountsAsChanged() {
        RerunPlan plan = rerunOfReleaseWith("{\"version\":\"1.0\",\"dry_run\":true}");

        assertThat(plan.reused()).containsOnlyKeys("tag", "lint");
        assertThat(plan.explanations()).contains(
                "node 'input' runs again: the workflow inputs it returns changed (dry_run, channel)",
                "node 'announce' runs again: its config reads workflow.inputs.channel, which changed");
    }

    @Test
    void givenTheSameInputsWhenRerunThenNodesReadingThemAreReused() {
        RerunPlan plan = rerunOfReleaseWith("{\"channel\":\"ops\",\"version\":\"1.0\"}");

        assertThat(plan.reused()).containsOnlyKeys("input", "build", "tag", "announce", "everything", "lint", "deploy");
        assertThat(plan.explanations()).isEmpty();
    }

    @Test
    void aChangedHandlerOrChangedDependenciesMakeANodeRunAgain() {
        List<WorkflowEvent> original = originalWhereLoadFailed();
        WorkflowDefinition edited = WorkflowText.named("etl")
                .node("extract", "http", Json.tree("{\"url\":\"http://orders\"}"))
                .node("transform", "script", Json.tree("{\"expr\":\"{{extract.rows}}\"}"), "extract")
                .node("load", "sql", "transform")
                .node("report", "slack", "transform", "extract")
                .definition();

        RerunPlan plan = RerunPlanner.plan(edited, original, results, Optional.empty());

        assertThat(plan.reused()).containsOnlyKeys("extract", "transform");
        assertThat(plan.explanations()).contains("node 'report' runs again: its handler changed ('email' -> 'slack') "
                + "and its dependencies changed ([transform] -> [transform, extract])");
    }

    @Test
    void dependenciesListedInAnotherOrderAreNoChange() {
        results.put("e1", "a", 1, Json.tree("1"));
        results.put("e1", "b", 1, Json.tree("2"));
        results.put("e1", "c", 1, Json.tree("3"));
        List<WorkflowEvent> original = ExecutionEvents.started("e1",
                WorkflowText.named("w").node("a", "h").node("b", "h").node("c", "h", "a", "b").text(), 0)
                .ran("a", 1, 2, "w").ran("b", 1, 2, "w").ran("c", 3, 4, "w").workflowCompleted(5).list();

        RerunPlan plan = RerunPlanner.plan(
                WorkflowText.named("w").node("b", "h").node("a", "h").node("c", "h", "b", "a").definition(),
                original, results, Optional.empty());

        assertThat(plan.reused()).containsOnlyKeys("a", "b", "c");
        assertThat(plan.explanations()).isEmpty();
    }

    @Test
    void aNodeAddedToTheDefinitionRunsAndMakesItsDependentsRunToo() {
        List<WorkflowEvent> original = originalWhereLoadFailed();
        WorkflowDefinition edited = WorkflowText.named("etl")
                .node("extract", "http", Json.tree("{\"url\":\"http://orders\"}"))
                .node("validate", "script", "extract")
                .node("transform", "script", Json.tree("{\"expr\":\"{{extract.rows}}\"}"), "validate")
                .node("report", "email", "transform")
                .definition();

        RerunPlan plan = RerunPlanner.plan(edited, original, results, Optional.empty());

        assertThat(plan.reused()).containsOnlyKeys("extract");
        assertThat(plan.explanations()).containsExactly(
                "node 'validate' runs: it is new in this definition",
                "node 'transform' runs again: its dependencies changed ([extract] -> [validate])",
                "node 'report' runs again: its dependency 'transform' runs again");
    }

    @Test
    void aNodeReusedInTheOriginalIsReusedAgainFromTheExecutionThatProducedIt() {
        results.put("e0", "extract", 3, Json.tree("{\"rows\":9}"));
        results.put("e1", "transform", 1, Json.tree("{\"clean\":9}"));
        List<WorkflowEvent> firstRerun = ExecutionEvents.startedAsRerun("e1", pipeline().text(), 5_000, "e0")
                .reused("extract", 5_001, "e0", 3)
                .ran("transform", 5_010, 5_100, "w")
                .dispatched("load", 1, 5_110).failed("load", 1, 5_200, "still broken")
                .dispatched("report", 1, 5_110).failed("report", 1, 5_150, "smtp down")
                .workflowFailed(5_201, "2 nodes failed")
                .list();

        RerunPlan plan = RerunPlanner.plan(pipeline().definition(), firstRerun, results, Optional.empty());

        assertThat(plan.rerunOf()).isEqualTo("e1");
        assertThat(plan.reused().get("extract")).isEqualTo(new ReusedNode("e0", 3, Json.tree("{\"rows\":9}")));
        assertThat(plan.reused().get("transform")).isEqualTo(new ReusedNode("e1", 1, Json.tree("{\"clean\":9}")));
        assertThat(plan.explanations()).containsExactly(
                "node 'load' runs again: it failed (still broken)",
                "node 'report' runs again: it failed (smtp down)");
    }

    @Test
    void aCompletedNodeWhoseResultIsNoLongerStoredRunsAgainAndSaysSo() {
        List<WorkflowEvent> original = originalWhereLoadFailed();
        InMemoryResultStore partial = new InMemoryResultStore();
        partial.put("e1", "extract", 2, Json.tree("{\"rows\":3}"));

        RerunPlan plan = RerunPlanner.plan(pipeline().definition(), original, partial, Optional.empty());

        assertThat(plan.reused()).containsOnlyKeys("extract");
        assertThat(plan.explanations()).containsExactly(
                "node 'transform' runs again: its result (execution e1, attempt 1) is no longer stored",
                "node 'load' runs again: it failed (deadlock detected)",
                "node 'report' runs again: its dependency 'transform' runs again");
    }

    @Test
    void aReusedResultWhoseSourceIsGoneIsTakenFromTheCopyKeptByTheExecutionThatReusedIt() {
        results.put("e1", "extract", 3, Json.tree("{\"rows\":9}"));
        results.put("e1", "transform", 1, Json.tree("{\"clean\":9}"));
        List<WorkflowEvent> firstRerun = ExecutionEvents.startedAsRerun("e1", pipeline().text(), 5_000, "e0")
                .reused("extract", 5_001, "e0", 3)
                .ran("transform", 5_010, 5_100, "w")
                .dispatched("load", 1, 5_110).failed("load", 1, 5_200, "still broken")
                .ran("report", 5_110, 5_150, "w")
                .workflowFailed(5_201, "1 node failed")
                .list();

        RerunPlan plan = RerunPlanner.plan(pipeline().definition(), firstRerun, results, Optional.empty());

        assertThat(plan.reused().get("extract")).isEqualTo(new ReusedNode("e0", 3, Json.tree("{\"rows\":9}")));
    }

    @Test
    void nodesRemovedFromTheDefinitionAreLeftOut() {
        List<WorkflowEvent> original = originalWhereLoadFailed();
        WorkflowDefinition smaller = WorkflowText.named("etl")
                .node("extract", "http", Json.tree("{\"url\":\"http://orders\"}"))
                .node("transform", "script", Json.tree("{\"expr\":\"{{extract.rows}}\"}"), "extract")
                .definition();

        RerunPlan plan = RerunPlanner.plan(smaller, original, results, Optional.empty());

        assertThat(plan.reused()).containsOnlyKeys("extract", "transform");
        assertThat(plan.explanations()).isEmpty();
    }

    @Test
    void anExecutionThatWasStillRunningRerunsWhatHadNotFinished() {
        results.put("e1", "extract", 2, Json.tree("{}"));
        List<WorkflowEvent> original = ExecutionEvents.started("e1", pipeline().text(), 0)
                .dispatched("extract", 1, 1).retry("extract", 1, 2, "x", 10)
                .dispatched("extract", 2, 12).completed("extract", 2, 20, "w")
                .dispatched("transform", 1, 21)
                .list();

        RerunPlan plan = RerunPlanner.plan(pipeline().definition(), original, results, Optional.empty());

        assertThat(plan.reused()).containsOnlyKeys("extract");
        assertThat(plan.explanations()).containsExactly(
                "node 'transform' runs again: it was still running",
                "node 'load' runs again: it never ran",
                "node 'report' runs again: it never ran");
    }

    @Test
    void aPlanStartsTheRerunWithTheOriginalAndTheReusedResults() {
        RerunPlan plan = RerunPlanner.plan(pipeline().definition(), originalWhereLoadFailed(), results, Optional.empty());

        StartOptions options = plan.applyTo(StartOptions.defaults().withExecutionId("e2"));

        assertThat(options.executionId()).isEqualTo("e2");
        assertThat(options.rerunOf()).isEqualTo("e1");
        assertThat(options.reused()).containsOnlyKeys("extract", "transform", "report");
        assertThat(options.reused().get("extract")).isEqualTo(new ReusedNode("e1", 2, Json.tree("{\"rows\":3}")));
    }

    @Test
    void eventsThatDoNotStartAnExecutionCannotBeRerun() {
        assertThatThrownBy(() -> RerunPlanner.plan(pipeline().definition(), List.of(), results, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no events");
    }
}
