package io.dagflow.jenkins;

import hudson.AbortException;
import hudson.model.Action;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.ParametersAction;
import hudson.model.Queue;
import hudson.model.Run;
import io.dagflow.ci.RerunMatcher;
import io.dagflow.ci.RunMode;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.report.ExecutionOverview;
import io.dagflow.run.ExecutionResult;
import io.dagflow.timeline.TimelineBuilder;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jenkins.model.ParameterizedJobMixIn;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * One workflow run by one call of the step in a build: its summary on the build page, its DAG
 * timeline page (at {@code dagflow-N/}), the timeline JSON, and the rerun of failed nodes. A build
 * that runs several workflows has one action per call.
 */
public final class DagWorkflowAction implements RunAction2 {

    static final String URL_PREFIX = "dagflow-";
    private static final String TIMELINE_JS = "/io/dagflow/timeline/timeline.js";
    private static final String TIMELINE_CSS = "/io/dagflow/timeline/timeline.css";

    private final int number;
    private final String executionId;
    private final String workflowName;
    private final RunMode mode;
    private final String rerunOf;
    private volatile WorkflowStatus status = WorkflowStatus.RUNNING;
    private volatile Map<NodeStatus, Integer> nodeCounts = new TreeMap<>();
    private final long startedAt;
    private volatile long durationMillis;
    private volatile String error;

    private transient Run<?, ?> run;

    private DagWorkflowAction(
            int number, String executionId, String workflowName, RunMode mode, String rerunOf, long startedAt) {
        this.number = number;
        this.executionId = executionId;
        this.workflowName = workflowName;
        this.mode = mode;
        this.rerunOf = rerunOf;
        this.startedAt = startedAt;
    }

    /** Adds the action of a new call to its build, numbered after the calls before it. */
    static DagWorkflowAction attach(Run<?, ?> run, String executionId, String workflowName, RunMode mode,
            String rerunOf) throws IOException {
        DagWorkflowAction action;
        // Parallel branches may start workflows at the same moment: numbers must stay unique.
        synchronized (DagWorkflowAction.class) {
            action = new DagWorkflowAction(run.getActions(DagWorkflowAction.class).size() + 1, executionId,
                    workflowName, mode, rerunOf, System.currentTimeMillis());
            run.addAction(action);
        }
        run.save();
        return action;
    }

    void finished(ExecutionResult result) throws IOException {
        Map<NodeStatus, Integer> counts = new TreeMap<>(result.nodeCounts());
        nodeCounts = counts;
        durationMillis = result.durationMillis();
        error = result.error();
        status = result.status();
        run.save();
    }

    /** The execution stopped without an ending of its own (a store failure, a lost connection). */
    void broken(String why) throws IOException {
        error = why;
        durationMillis = System.currentTimeMillis() - startedAt;
        status = WorkflowStatus.FAILED;
        run.save();
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "/plugin/dagflow/images/dagflow.svg";
    }

    @Override
    public String getDisplayName() {
        return "DAG Timeline: " + workflowName;
    }

    @Override
    public String getUrlName() {
        return URL_PREFIX + number;
    }

    public String getExecutionId() {
        return executionId;
    }

    public String getWorkflowName() {
        return workflowName;
    }

    public RunMode getMode() {
        return mode;
    }

    public String getRerunOf() {
        return rerunOf;
    }

    public WorkflowStatus getStatus() {
        return status;
    }

    public ExecutionOverview getOverview() {
        Map<NodeStatus, Integer> counts = new EnumMap<>(NodeStatus.class);
        counts.putAll(nodeCounts);
        long duration = status == WorkflowStatus.RUNNING ? System.currentTimeMillis() - startedAt : durationMillis;
        return new ExecutionOverview(executionId, workflowName, status, counts, duration, error);
    }

    /** Whether the build page offers to rerun: the build is over, a workflow of it did not complete, and the user may build. */
    public boolean isRerunnable() {
        return run != null && !run.isBuilding() && worthRerunning(run)
                && run.getParent().hasPermission(Item.BUILD);
    }

    // ---- web methods -------------------------------------------------------------------------

    /** The execution's timeline as JSON, for the timeline page (and any client that can read the build). */
    public void doTimelineJson(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        run.getParent().checkPermission(Item.READ);
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.setHeader("Cache-Control", "no-cache");
        List<WorkflowEvent> events;
        try {
            events = ExecutionStores.of(run, mode).events().read(executionId);
        } catch (AbortException e) {
            unavailable(rsp, e.getMessage());
            return;
        } catch (RuntimeException e) {
            // A connection that was fine when opened and is lost now (Redis stopped): the page polls on.
            unavailable(rsp, "the executions cannot be read: " + e.getMessage());
            return;
        }
        if (events.isEmpty()) {
            rsp.setStatus(HttpServletResponse.SC_NOT_FOUND);
            rsp.getWriter().write(Json.write(Map.of("error", "execution " + executionId + " has no events yet")));
            return;
        }
        rsp.getWriter().write(Json.write(TimelineBuilder.from(events, System.currentTimeMillis())));
    }

    /** The engine's timeline renderer, served from its jar so that the page needs no inline script. */
    public void doTimelineJs(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException, ServletException {
        run.getParent().checkPermission(Item.READ);
        serveResource(req, rsp, TIMELINE_JS);
    }

    public void doTimelineCss(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException, ServletException {
        run.getParent().checkPermission(Item.READ);
        serveResource(req, rsp, TIMELINE_CSS);
    }

    /**
     * Starts a new build of the job that reruns the workflows of this build: nodes that completed
     * are reused, the others run again.
     */
    @RequirePOST
    public HttpResponse doRerun() throws IOException {
        Job<?, ?> job = run.getParent();
        job.checkPermission(Item.BUILD);
        if (run.isBuilding()) {
            return HttpResponses.errorWithoutStack(HttpServletResponse.SC_CONFLICT,
                    run.getFullDisplayName() + " is still running");
        }
        if (!worthRerunning(run)) {
            return HttpResponses.errorWithoutStack(HttpServletResponse.SC_BAD_REQUEST,
                    "every workflow of " + run.getFullDisplayName() + " completed: nothing to rerun");
        }
        List<Action> actions = new ArrayList<>();
        actions.add(new CauseAction(new RerunCause(run), new Cause.UserIdCause()));
        actions.add(RerunRequest.of(run));
        ParametersAction parameters = run.getAction(ParametersAction.class);
        if (parameters != null) {
            actions.add(new ParametersAction(parameters.getParameters()));
        }
        Queue.Item item = ParameterizedJobMixIn.scheduleBuild2(job, 0, actions.toArray(new Action[0]));
        if (item == null) {
            return HttpResponses.errorWithoutStack(HttpServletResponse.SC_CONFLICT,
                    job.getFullDisplayName() + " cannot be built now (disabled?)");
        }
        return HttpResponses.redirectTo("../../");
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static void unavailable(StaplerResponse2 rsp, String why) throws IOException {
        rsp.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        rsp.getWriter().write(Json.write(Map.of("error", why)));
    }

    static boolean worthRerunning(Run<?, ?> run) {
        return RerunMatcher.worthRerunning(run.getActions(DagWorkflowAction.class).stream()
                .map(DagWorkflowAction::getStatus).toList());
    }

    private static void serveResource(StaplerRequest2 req, StaplerResponse2 rsp, String path)
            throws IOException, ServletException {
        URL resource = DagWorkflowAction.class.getResource(path);
        if (resource == null) {
            rsp.sendError(HttpServletResponse.SC_NOT_FOUND, path + " is missing from the engine jar");
            return;
        }
        rsp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        rsp.serveFile(req, resource);
    }
}
