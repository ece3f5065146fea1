package io.dagflow.cli;

import io.dagflow.handler.HandlerRegistry;
import io.dagflow.report.Printable;
import io.dagflow.validation.Problem;
import io.dagflow.validation.WorkflowLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks workflow files and lists every problem with its file, line and column.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Option(names = "--handlers", paramLabel = "JAR", split = ",", description = "Jars with custom handlers, so their types are known.")
    List<Path> handlerJars = new ArrayList<>();

    @Option(names = "--any-handler", description = "Accept handler types this command does not know (custom ones elsewhere).")
    boolean anyHandler;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HandlerRegistry handlers = Handlers.load(true, handlerJars);
        WorkflowLoader loader = anyHandler ? new WorkflowLoader() : new WorkflowLoader(handlers.types());
        int invalid = 0;
        for (Path file : files) {
            List<Problem> problems = loader.check(file);
            if (problems.isEmpty()) {
                out.println(Printable.inline(file.toString()) + ": valid");
            } else {
                invalid++;
                problems.forEach(problem -> err.println(problem.format()));
            }
        }
        return invalid == 0 ? Main.COMPLETED : Main.USAGE;
    }
}
