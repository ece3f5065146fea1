package io.dagflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slips on the command line and in the files it names: every answer names the file, the place
 * and what is wrong, in the user's terms, and the same slip gets the same answer from every command.
 */
class UserSlipsTest {

    private static final String VALID = """
            {"name": "slips", "dag": {"nodes": [{"id": "in", "handler": "input"}]}}
            """;

    @Test
    void validateAndRunSayTheSameOfAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("missing.json");

        CommandOutput validate = CommandOutput.run("validate", missing.toString());
        CommandOutput run = CommandOutput.run("run", missing.toString());

        assertThat(validate.exitCode()).isEqualTo(2);
        assertThat(validate.err()).isEqualTo(missing + ": no such file\n");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("dagflow: " + missing + ": no such file\n");
    }

    @Test
    void validateAndRunPlaceTheFirstByteThatIsNotUtf8(@TempDir Path dir) throws Exception {
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, "{\n \"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        String problem = latin1 + ":2:14: is not UTF-8 text (byte 0xe9); save it as UTF-8\n";

        CommandOutput validate = CommandOutput.run("validate", latin1.toString());
        CommandOutput run = CommandOutput.run("run", latin1.toString());

        assertThat(validate.err()).isEqualTo(problem);
        assertThat(run.err()).isEqualTo(problem + "dagflow: " + latin1 + " is not a valid workflow (1 problem)\n");
    }

    @Test
    void aDirectoryGivenAsAWorkflowIsNotAFile(@TempDir Path dir) {
        CommandOutput validate = CommandOutput.run("validate", dir.toString());

        assertThat(validate.err()).isEqualTo(dir + ": is a directory, not a file\n");
    }

    @Test
    void anInputsFileIsReadLikeADefinitionAndItsProblemsSpeakOfTheFile(@TempDir Path dir) throws Exception {
        Path workflow = dir.resolve("workflow.json");
        Files.writeString(workflow, VALID);
        Path notANumber = dir.resolve("nan.json");
        Files.writeString(notANumber, "{\"count\": NaN}");
        Path deep = dir.resolve("deep.json");
        Files.writeString(deep, "{\"a\": " + "[".repeat(1001) + "]".repeat(1001) + "}");
        Path missing = dir.resolve("missing.json");

        CommandOutput nan = CommandOutput.run("run", workflow.toString(), "--inputs-file", notANumber.toString());
        CommandOutput tooDeep = CommandOutput.run("run", workflow.toString(), "--inputs-file", deep.toString());
        CommandOutput absent = CommandOutput.run("run", workflow.toString(), "--inputs-file", missing.toString());

        assertThat(nan.exitCode()).isEqualTo(2);
        assertThat(nan.err()).isEqualTo("dagflow: inputs file " + notANumber + ":1:14: malformed JSON: NaN is not a"
                + " JSON number; JSON has no NaN or Infinity, and a number has no '+'\n");
        assertThat(tooDeep.err()).isEqualTo("dagflow: inputs file " + deep + ":1:1006: nesting limit exceeded: level"
                + " 1001 starts here, and objects and lists may be nested at most 1000 levels deep\n");
        assertThat(absent.err()).isEqualTo("dagflow: inputs file " + missing + ": no such file\n");
    }

    @Test
    void aStoreThatIsAFileIsSaidToBeOneInsteadOfAdvisingToCreateIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("store"), "not a store");
        Path workflow = Files.writeString(dir.resolve("workflow.json"), VALID);

        CommandOutput history = CommandOutput.run("history", "--store", file.toString());
        CommandOutput run = CommandOutput.run("run", workflow.toString(), "--store", file.toString());
        CommandOutput below = CommandOutput.run("run", workflow.toString(), "--store", file.resolve("runs").toString());

        assertThat(history.exitCode()).isEqualTo(2);
        assertThat(history.err()).isEqualTo("dagflow: --store " + file + " is a file, not a store directory\n");
        assertThat(run.err()).isEqualTo("dagflow: --store " + file + " is a file, not a store directory\n");
        assertThat(below.exitCode()).isEqualTo(2);
        assertThat(below.err()).isEqualTo("dagflow: cannot create the store directory " + file.resolve("runs")
                + ": not a directory\n");
    }

    @Test
    void controlCharactersFromTheCommandLineAreEscapedInEveryMessage(@TempDir Path dir) {
        String hostile = "e\u0000\u001b[2J\u001b]0;owned\u0007\u007f\u009b";

        CommandOutput show = CommandOutput.run("show", hostile, "--store", dir.toString());
        CommandOutput unknownOption = CommandOutput.run("history", "--" + hostile);

        assertThat(show.exitCode()).isEqualTo(2);
        assertThat(show.err()).isEqualTo("dagflow: no execution e\\u0000\\u001b[2J\\u001b]0;owned\\u0007\\u007f\\u009b\n");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("--e\\u0000\\u001b[2J").doesNotContain("\u001b", "\u0000");
    }
}
