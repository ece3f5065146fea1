package io.dagflow.cli;

import io.dagflow.redis.RedisBackendException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dagflow} command. Exit codes: 0 completed or valid, 1 workflow failed or cancelled (or
 * stopped before it ended), 2 bad usage, an invalid definition, or an unusable backend.
 */
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
            WorkerCommand.class,
            ResumeCommand.class,
            CancelCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main {

    public static final int COMPLETED = 0;
    public static final int WORKFLOW_FAILED = 1;
    public static final int USAGE = 2;

    /**
     * The engine logs only what an operator should see (a backend unreachable, a message
     * dead-lettered): warnings and errors, one line each on standard error, unless the
     * {@code org.slf4j.simpleLogger.*} system properties say otherwise.
     */
    private static void configureLogging() {
        setUnlessGiven("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setUnlessGiven("org.slf4j.simpleLogger.logFile", "System.err");
        setUnlessGiven("org.slf4j.simpleLogger.showDateTime", "true");
        setUnlessGiven("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setUnlessGiven("org.slf4j.simpleLogger.showThreadName", "false");
        setUnlessGiven("org.slf4j.simpleLogger.showShortLogName", "true");
    }

    private static void setUnlessGiven(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this, not main). */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        configureLogging();
        // Help without colours: its escape sequences would be escaped like any other control character.
        CommandLine commandLine = new CommandLine(new Main())
                .setOut(new java.io.PrintWriter(new PrintableWriter(out), true))
                .setErr(new java.io.PrintWriter(new PrintableWriter(err), true))
                .setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                .setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            if (exception instanceof UserError error) {
                line.getErr().println("dagflow: " + error.getMessage());
                return error.exitCode();
            }
            if (exception instanceof RedisBackendException redis) {
                // Its message names the server and the operation, never the password.
                line.getErr().println("dagflow: " + redis.getMessage());
                return USAGE;
            }
            // An unexpected failure still speaks of what failed, not of the class that reported it.
            line.getErr().println("dagflow: " + (exception.getMessage() != null ? exception.getMessage()
                    : "unexpected " + exception.getClass().getSimpleName()));
            return USAGE;
        });
        commandLine.setExitCodeExceptionMapper(exception -> USAGE);
        try {
            return commandLine.execute(args);
        } finally {
            // Auto-flush acts on println only: text a command print()s would be lost when main exits.
            out.flush();
            err.flush();
        }
    }
}
