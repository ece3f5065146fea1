package io.dagflow.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.console.ModelHyperlinkNote;
import hudson.model.Cause;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Objects;

/**
 * Why a build runs: a user asked to rerun the failed nodes of an earlier build of the job. A rerun
 * always belongs to the job of the original build, so the link is made from the rerun's own job
 * when shown and follows a rename or a move; only the job name of the moment is stored.
 */
public final class RerunCause extends Cause {

    private final String jobName;
    private final int buildNumber;

    private transient Run<?, ?> rerun;

    RerunCause(Run<?, ?> original) {
        this.jobName = original.getParent().getFullName();
        this.buildNumber = original.getNumber();
    }

    @Override
    public void onAddedTo(@NonNull Run build) {
        this.rerun = build;
    }

    @Override
    public void onLoad(@NonNull Run<?, ?> build) {
        this.rerun = build;
    }

    public int getBuildNumber() {
        return buildNumber;
    }

    /** The original build's URL relative to the Jenkins root, or null while the cause is not yet a build's. */
    @CheckForNull
    public String getBuildUrl() {
        return rerun == null ? null : rerun.getParent().getUrl() + buildNumber + "/";
    }

    @Override
    public String getShortDescription() {
        return "Rerun of the failed workflow nodes of " + jobDisplayName() + " #" + buildNumber;
    }

    @Override
    public void print(TaskListener listener) {
        String build = jobDisplayName() + " #" + buildNumber;
        String url = getBuildUrl();
        listener.getLogger().println("Rerun of the failed workflow nodes of "
                + (url == null ? build : ModelHyperlinkNote.encodeTo("/" + url, build)));
    }

    private String jobDisplayName() {
        return rerun == null ? jobName : rerun.getParent().getFullName();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RerunCause that && that.jobName.equals(jobName) && that.buildNumber == buildNumber;
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobName, buildNumber);
    }
}
