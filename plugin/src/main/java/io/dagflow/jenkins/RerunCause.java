package io.dagflow.jenkins;

import hudson.console.ModelHyperlinkNote;
import hudson.model.Cause;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Objects;

/** Why a build runs: a user asked to rerun the failed nodes of an earlier build of the job. */
public final class RerunCause extends Cause {

    private final String jobName;
    private final String jobUrl;
    private final int buildNumber;

    RerunCause(Run<?, ?> original) {
        this.jobName = original.getParent().getFullName();
        this.jobUrl = original.getParent().getUrl();
        this.buildNumber = original.getNumber();
    }

    public int getBuildNumber() {
        return buildNumber;
    }

    /** The original build's URL relative to the Jenkins root, for description.jelly. */
    public String getBuildUrl() {
        return jobUrl + buildNumber + "/";
    }

    @Override
    public String getShortDescription() {
        return "Rerun of the failed workflow nodes of " + jobName + " #" + buildNumber;
    }

    @Override
    public void print(TaskListener listener) {
        listener.getLogger().println("Rerun of the failed workflow nodes of "
                + ModelHyperlinkNote.encodeTo("/" + getBuildUrl(), jobName + " #" + buildNumber));
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
