package io.dagflow.cli;

import io.dagflow.json.Json;
import io.dagflow.store.Stores;
import io.dagflow.timeline.Timeline;
import io.dagflow.timeline.TimelineBuilder;
import io.dagflow.timeline.TimelineHtml;
import io.dagflow.timeline.TimelineText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = "Shows when each node ran: attempts on a time axis, retries, time-outs, blocking and the critical path.")
final class TimelineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXECUTION_ID")
    String executionId;

    @Mixin
    BackendOptions backend = new BackendOptions();

    @Option(names = "--json", description = "Print the timeline as JSON (the HTML view's data).")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML timeline to FILE.")
    Path html;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Stores stores = backend.openStores();
        Timeline timeline = TimelineBuilder.from(StoredExecutions.events(stores, executionId));
        if (html != null) {
            TimelineHtml.write(timeline, html);
            out.println("timeline written to " + html);
        }
        if (json) {
            out.println(Json.pretty(timeline));
        } else if (html == null) {
            out.print(TimelineText.render(timeline));
        }
        return Main.COMPLETED;
    }
}
