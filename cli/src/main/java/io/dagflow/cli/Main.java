package io.dagflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dagflow} command. Exit codes: 0 completed or valid, 1 workflow failed or cancelled, 2 bad usage or definition. */
@Command(
        name = "dagflow",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Runs DAG workflows, embedded or on Redis.",
        subcommands = {
            RunCommand.class,
            ValidateCommand.class,
            HistoryCommand.class,
            ShowCommand.class,
            TimelineCommand.class,
            RerunCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main {

    public static final int COMPLETED = 0;
    public static final int WORKFLOW_FAILED = 1;
    public static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this, not main). */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Main()).setOut(out).setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            if (exception instanceof UserError error) {
                line.getErr().println("dagflow: " + error.getMessage());
                return error.exitCode();
            }
            line.getErr().println("dagflow: " + exception);
            return USAGE;
        });
        commandLine.setExitCodeExceptionMapper(exception -> USAGE);
        return commandLine.execute(args);
    }
}
