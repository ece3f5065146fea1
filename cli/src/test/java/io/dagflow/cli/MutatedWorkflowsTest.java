package io.dagflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.report.Printable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples, mutated as an adversary (or a careless editor) would: characters deleted, inserted
 * and swapped, files cut short, numbers and strings replaced by hostile ones, keys misspelt, values
 * nested past the limit, bytes that are not UTF-8. Whatever a mutant holds, {@code validate} and
 * {@code run} answer like a tool, not like a crash: valid, or every problem named at its place.
 * Seeded, so that a failure names a mutant that can be made again.
 */
class MutatedWorkflowsTest {

    private static final long SEED = 15;
    private static final int MUTANTS_PER_EXAMPLE = 75;
    private static final List<String> EXAMPLES = List.of("linear.json", "fan-out-fan-in.json", "retry.json",
            "failure.json");

    private static final String[] HOSTILE_CHARACTERS = {"{", "}", "[", "]", "\"", ",", ":", "\\", "0", "-",
        "+", ".", "e", "/", "*", " ", "\n", "\u0000", "\u001b", "\u007f", "\u0085", "\u202e", "é"};
    private static final String[] HOSTILE_NUMBERS = {"0", "-1", "-0", "1.5", "2147483648", "2147483647", "1001",
        "1e999", "1e10", "1000000001", "NaN", "Infinity", "-Infinity", "+5", "0x10", "01", ".5", "5.", "\"3\"",
        "null", "true", "[]", "{}", "1".repeat(1001)};
    private static final String[] HOSTILE_STRINGS = {"\"\"", "\" \"", "\"a\\u0000b\"", "\"\\u001b[2J\\u001b[H\"",
        "\"x\\u007f\\u0085y\"", "\"\\u202egnp.exe\"", "\"\u001b[2J\"", "\"workflow\"", "\"{{nope.x}}\"",
        "\"{{workflow.nam}}\"", "\"{{input.a..b}}\"", "\"a.b\"", "\"\\ud800\"", "\"\\q\"", "'single'", "{}", "[]", "1",
        "null", "\"" + "[".repeat(1001) + "\""};
    private static final String[] HOSTILE_KEYS = {"\"dependecies\"", "\"depends_on\"", "\"type\"", "\"retryPolicy\"",
        "\"\"", "\"id\"", "\"name\"", "\"\\u001b]0;owned\\u0007\"", "\"a\\u0000\""};

    /** Words of the rules a problem can break: a message names at least one. */
    private static final List<String> RULES = List.of("malformed JSON", "limit exceeded", "is not UTF-8 text",
            "the file is empty", "must ", "is required", "unknown ", "twice", "duplicate id", "dependency cycle",
            "is not a node", "depends on", "lists an empty node id", "is reserved", "may contain only", "template ",
            "unexpected content", "is less than", "is empty");
    /** What a message about the user's file has no business saying. */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\bat [a-z]+\\.|Exception|\\bjava\\.|javax\\.|jdk\\.|com\\.fasterxml|jackson|JsonToken|Feature|"
                    + "Constraints|REDACTED|`|io\\.dagflow|VALUE_|START_|END_|FIELD_NAME", Pattern.CASE_INSENSITIVE);

    /** A JSON string literal; possessive, so that a long string does not overflow the matcher's stack. */
    private static final String STRING = "\"(?:[^\"\\\\]++|\\\\.)*+\"";

    private final Random random = new Random(SEED);

    @Test
    void everyMutantIsValidOrAnsweredWithItsProblemsAtTheirPlacesAndNothingElse(@TempDir Path dir)
            throws IOException {
        List<String> failures = new ArrayList<>();
        int invalid = 0;
        int mutantNumber = 0;
        for (String example : EXAMPLES) {
            String original = Files.readString(RunCommandTest.example(example));
            for (int i = 0; i < MUTANTS_PER_EXAMPLE; i++) {
                Path file = dir.resolve("mutant-" + mutantNumber++ + "-" + example);
                Files.write(file, mutate(original));

                CommandOutput validate = CommandOutput.run("validate", file.toString());

                List<String> wrong = new ArrayList<>(wrongInAnyMessage(validate));
                List<String> problems = validate.err().lines().toList();
                if (validate.exitCode() == Main.COMPLETED) {
                    expect(wrong, validate.out().equals(file + ": valid\n") && problems.isEmpty(),
                            "valid, yet: " + validate);
                } else {
                    invalid++;
                    expect(wrong, validate.exitCode() == Main.USAGE, "exit code " + validate.exitCode());
                    expect(wrong, !problems.isEmpty(), "exit code 2 and no problem");
                    for (String problem : problems) {
                        expect(wrong, problem.matches(Pattern.quote(file.toString()) + ":\\d+:\\d+: .*")
                                || problem.contains("node '"), "placed by neither line:column nor node: " + problem);
                        expect(wrong, RULES.stream().anyMatch(problem::contains), "names no rule: " + problem);
                    }

                    CommandOutput run = CommandOutput.run("run", file.toString());

                    wrong.addAll(wrongInAnyMessage(run));
                    String summary = "dagflow: " + file + " is not a valid workflow (" + problems.size()
                            + (problems.size() == 1 ? " problem)" : " problems)");
                    expect(wrong, run.exitCode() == Main.USAGE && run.out().isEmpty()
                            && run.err().equals(validate.err() + summary + "\n"),
                            "run does not report what validate reports: " + run);
                }
                if (!wrong.isEmpty()) {
                    failures.add(file.getFileName() + " (" + Printable.inline(Files.readString(file,
                            StandardCharsets.ISO_8859_1)) + "):\n  " + String.join("\n  ", wrong));
                }
            }
        }

        assertThat(failures).as("mutants answered wrongly").isEmpty();
        assertThat(invalid).as("invalid mutants").isGreaterThan(MUTANTS_PER_EXAMPLE * EXAMPLES.size() / 2);
    }

    /** No stack trace, no name from the implementation, no raw control character. */
    private static List<String> wrongInAnyMessage(CommandOutput output) {
        List<String> wrong = new ArrayList<>();
        for (String text : List.of(output.out(), output.err())) {
            Matcher internals = INTERNALS.matcher(text);
            if (internals.find()) {
                wrong.add("names '" + internals.group() + "' of the implementation: " + Printable.inline(text));
            }
            if (text.chars().anyMatch(c -> Printable.isControl((char) c) && c != '\n')) {
                wrong.add("prints a raw control character: " + Printable.inline(text));
            }
        }
        return wrong;
    }

    private static void expect(List<String> wrong, boolean holds, String otherwise) {
        if (!holds) {
            wrong.add(Printable.inline(otherwise));
        }
    }

    private byte[] mutate(String original) {
        String text = original;
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            text = mutateOnce(text);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(20) == 0) {
            return withByteThatIsNotUtf8(bytes);
        }
        return bytes;
    }

    private String mutateOnce(String text) {
        if (text.isEmpty()) {
            return pick(HOSTILE_CHARACTERS);
        }
        int at = random.nextInt(text.length());
        return switch (random.nextInt(10)) {
            case 0 -> text.substring(0, at) + text.substring(at + 1);
            case 1 -> text.substring(0, at) + pick(HOSTILE_CHARACTERS) + text.substring(at);
            case 2 -> text.substring(0, at);
            case 3 -> replaceOne(text, Pattern.compile("-?\\d+(\\.\\d+)?"), pick(HOSTILE_NUMBERS));
            case 4 -> replaceOne(text, Pattern.compile(STRING + "(?!\\s*:)"), pick(HOSTILE_STRINGS));
            case 5 -> replaceOne(text, Pattern.compile(STRING + "(?=\\s*:)"), pick(HOSTILE_KEYS));
            case 6 -> {
                int end = Math.min(text.length(), at + 1 + random.nextInt(40));
                int to = random.nextInt(text.length());
                yield text.substring(0, to) + text.substring(at, end) + text.substring(to);
            }
            case 7 -> swapLines(text);
            case 8 -> replaceOne(text, Pattern.compile("\\{\\s*\"[a-z_]+\"\\s*:\\s*\"[^\"]*\"\\s*}"),
                    "[".repeat(1001) + "]".repeat(1001));
            default -> replaceOne(text, Pattern.compile(STRING), "\"" + pick(HOSTILE_CHARACTERS)
                    + "\"");
        };
    }

    private String replaceOne(String text, Pattern pattern, String replacement) {
        Matcher matcher = pattern.matcher(text);
        List<int[]> matches = new ArrayList<>();
        while (matcher.find()) {
            matches.add(new int[] {matcher.start(), matcher.end()});
        }
        if (matches.isEmpty()) {
            return text;
        }
        int[] chosen = matches.get(random.nextInt(matches.size()));
        return text.substring(0, chosen[0]) + replacement + text.substring(chosen[1]);
    }

    private String swapLines(String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (lines.size() < 2) {
            return text;
        }
        int a = random.nextInt(lines.size());
        int b = random.nextInt(lines.size());
        String line = lines.get(a);
        lines.set(a, lines.get(b));
        lines.set(b, line);
        return String.join("\n", lines);
    }

    private byte[] withByteThatIsNotUtf8(byte[] bytes) {
        int at = random.nextInt(bytes.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 1);
        out.write(bytes, 0, at);
        out.write(random.nextBoolean() ? 0xff : 0xc3);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    private String pick(String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
