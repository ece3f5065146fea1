package io.dagflow.jenkins;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.dagflow.ci.RunMode;
import io.dagflow.ci.WorkflowSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * One call of the step in one build: the request, where it runs and the id its execution gets.
 *
 * @param workspace the workspace, needed only when the definition is a file
 */
record WorkflowCall(
        Run<?, ?> run, TaskListener listener, FilePath workspace, WorkflowRequest request, RunMode mode,
        String executionId) {

    /** The definition text: as given, or read (as UTF-8) from the workspace file, wherever the workspace is. */
    String readDefinition() throws IOException, InterruptedException {
        WorkflowSource source = request.source();
        if (!source.isFile()) {
            return source.definition();
        }
        if (workspace == null) {
            throw new AbortException("dagWorkflow file: '" + source.file()
                    + "' needs a workspace: call it inside node { ... }");
        }
        // The path itself was checked when the request was made; a symbolic link can still lead out.
        if (!workspace.isDescendant(source.file())) {
            throw new AbortException("The workflow file '" + source.file() + "' is outside the workspace");
        }
        FilePath file = workspace.child(source.file());
        if (!file.exists()) {
            throw new AbortException("The workflow file " + file.getRemote() + " does not exist");
        }
        try (InputStream in = file.read()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
