package io.dagflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @Test
    void everyExampleIsValid() {
        CommandOutput run = CommandOutput.run("validate",
                RunCommandTest.example("linear.json").toString(),
                RunCommandTest.example("fan-out-fan-in.json").toString(),
                RunCommandTest.example("retry.json").toString(),
                RunCommandTest.example("failure.json").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("linear.json: valid").contains("failure.json: valid");
    }

    @Test
    void reportsMalformedJsonWithLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"name\": \"x\",\n  \"dag\": { \"nodes\": [ }\n}\n");

        CommandOutput run = CommandOutput.run("validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("broken.json:3:");
    }

    @Test
    void unknownHandlersAreAcceptedWithAnyHandler(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("custom.json");
        Files.writeString(file, "{\"name\": \"c\", \"dag\": {\"nodes\": [{\"id\": \"a\", \"handler\": \"my_custom\"}]}}");

        assertThat(CommandOutput.run("validate", file.toString()).exitCode()).isEqualTo(2);
        assertThat(CommandOutput.run("validate", "--any-handler", file.toString()).exitCode()).isZero();
    }
}
