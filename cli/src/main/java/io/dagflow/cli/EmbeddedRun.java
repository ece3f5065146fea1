package io.dagflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.embedded.EmbeddedEngine;
import io.dagflow.handler.HandlerRegistry;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.report.EventLine;
import io.dagflow.run.ExecutionHandle;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.StartOptions;
import io.dagflow.store.Stores;
import io.dagflow.timeline.TimelineBuilder;
import io.dagflow.timeline.TimelineHtml;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Runs one execution on the embedded engine, printing progress and the outcome; returns the exit code. */
final class EmbeddedRun {

    private EmbeddedRun() {
    }

    static int run(HandlerRegistry handlers, Stores stores, int workers, WorkflowDefinition definition,
            JsonNode inputs, StartOptions options, boolean json, Path timelineHtml, PrintWriter out)
            throws InterruptedException {
        try (EmbeddedEngine engine = EmbeddedEngine.builder(handlers).workers(workers).stores(stores)
                .definitionParser(Definitions::parseStored).build()) {
            StartOptions withProgress = json ? options : options.withListener(event -> {
                String line = EventLine.format(event);
                if (line != null) {
                    out.println(line);
                    out.flush();
                }
            });
            ExecutionHandle handle = engine.engine().start(definition, inputs, withProgress);
            Thread cancelOnInterrupt = new Thread(() -> {
                handle.cancel("interrupted");
                handle.completion().join();
            });
            Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
            ExecutionResult result = handle.await();
            Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
            ResultPrinter.print(result, json, out);
            if (timelineHtml != null) {
                TimelineHtml.write(TimelineBuilder.from(stores.events().read(result.executionId())), timelineHtml);
                if (!json) {
                    out.println("timeline written to " + timelineHtml);
                }
            }
            out.flush();
            return result.status() == WorkflowStatus.COMPLETED ? Main.COMPLETED : Main.WORKFLOW_FAILED;
        }
    }
}
