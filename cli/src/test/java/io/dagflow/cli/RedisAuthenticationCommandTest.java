package io.dagflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.redis.RedisServerProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A Redis that requires a password for its default user and has an ACL user of its own. */
@Timeout(120)
class RedisAuthenticationCommandTest {

    private static final String DEFAULT_PASSWORD = "default-secret-4711";
    private static final String APP_PASSWORD = "app-secret-0815";
    private static final String WRONG_PASSWORD = "not-the-password-2342";
    private static final String LIMITED_PASSWORD = "limited-secret-1234";

    private static RedisServerProcess server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() {
        server = RedisServerProcess.builder().requirePass(DEFAULT_PASSWORD).aclUser("app", APP_PASSWORD)
                // The least docs/redis.md recommends: its own key prefix, no administrative commands.
                .option("user", "limited", "on", ">" + LIMITED_PASSWORD, "~limited:*", "resetchannels", "-@all",
                        "+@read", "+@write", "+@stream", "+@scripting", "+@transaction", "+@connection")
                .start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private String url(String userInfo) {
        return "redis://" + userInfo + "@127.0.0.1:" + server.port() + "/0";
    }

    @Test
    void anAclUserWithItsPasswordInTheUrlRunsAWorkflow() {
        CommandOutput run = CommandOutput.run("run", RunCommandTest.example("linear.json").toString(),
                "--input", "user=ada", "--redis", url("app:" + APP_PASSWORD), "--key-prefix", "auth-url", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void aUserLimitedToItsKeyPrefixAndToWorkflowCommandsRunsAWorkflowButNothingUnderAnotherPrefix() {
        String limited = url("limited:" + LIMITED_PASSWORD);

        CommandOutput run = CommandOutput.run("run", RunCommandTest.example("fan-out-fan-in.json").toString(),
                "--redis", limited, "--key-prefix", "limited", "--json");
        CommandOutput history = CommandOutput.run("history", "--redis", limited, "--key-prefix", "limited");
        CommandOutput elsewhere = CommandOutput.run("history", "--redis", limited, "--key-prefix", "other");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(history.out()).contains("fan-out-fan-in").contains("COMPLETED");
        assertThat(elsewhere.exitCode()).isEqualTo(2);
        assertThat(elsewhere.err()).contains("does not allow user 'limited'").doesNotContain(LIMITED_PASSWORD);
    }

    @Test
    void theDefaultUserWithOnlyAPasswordInTheUrlCanReadTheHistory() {
        CommandOutput history = CommandOutput.run("history", "--redis", url(":" + DEFAULT_PASSWORD),
                "--key-prefix", "auth-default");

        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out()).contains("no executions");
    }

    @Test
    void aWrongPasswordIsAUsageErrorThatNamesTheUserButNeverThePassword() {
        CommandOutput run = CommandOutput.run("run", RunCommandTest.example("linear.json").toString(),
                "--redis", url("app:" + WRONG_PASSWORD));
        CommandOutput missing = CommandOutput.run("history", "--redis", "redis://127.0.0.1:" + server.port());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("refused the credentials for user 'app'").contains("127.0.0.1:" + server.port());
        assertThat(run.out() + run.err()).doesNotContain(WRONG_PASSWORD);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no password was given");
    }

    @Test
    void aMalformedUrlIsReportedWithThePasswordMasked() {
        CommandOutput run = CommandOutput.run("history", "--redis", "redis://app:" + WRONG_PASSWORD + "@host:port");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--redis").contains("app:***@host:port").doesNotContain(WRONG_PASSWORD);
    }

    @Test
    void thePasswordMayComeFromTheEnvironmentInsteadOfTheCommandLine() throws Exception {
        try (ProcessCluster cluster = new ProcessCluster(url("app"), dir)) {
            Path workflow = cluster.workflow("from-env", true, "one:0");
            List<String> args = new java.util.ArrayList<>(List.of("run", workflow.toString(), "--handlers",
                    cluster.handlerJar().toString()));
            args.addAll(cluster.redisOptions());

            DagflowProcess withPassword = cluster.start("with-password",
                    Map.of(RedisOptions.PASSWORD_VARIABLE, APP_PASSWORD), args);
            DagflowProcess withWrongPassword = cluster.start("with-wrong-password",
                    Map.of(RedisOptions.PASSWORD_VARIABLE, WRONG_PASSWORD), args);

            assertThat(withPassword.awaitExit()).as(withPassword.transcript()).isZero();
            assertThat(withPassword.output()).contains("workflow completed").contains("redis://app:***@127.0.0.1:")
                    .doesNotContain(APP_PASSWORD);
            assertThat(withWrongPassword.awaitExit()).isEqualTo(2);
            assertThat(withWrongPassword.errors()).contains("refused the credentials for user 'app'");
            assertThat(withWrongPassword.transcript()).doesNotContain(WRONG_PASSWORD);
        }
    }
}
