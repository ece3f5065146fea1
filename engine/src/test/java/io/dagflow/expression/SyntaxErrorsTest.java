package io.dagflow.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each way an expression can be written wrong, with the message, column and token it is reported with. */
class SyntaxErrorsTest {

    private static ExpressionException parseError(String text) {
        ExpressionException error = catchThrowableOfType(ExpressionException.class, () -> Expression.parse(text));
        assertThat(error).as("parsing %s", text).isNotNull();
        return error;
    }

    /** Rows: expression | message | column | token (left out where there is none: at the end). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            build.ok and and b | unexpected 'and' at column 14: expected a value | 14 | and
            and                | unexpected 'and' at column 1: expected a value | 1 | and
            a ==               | unexpected end of the expression at column 5: expected a value | 5 |
            not                | unexpected end of the expression at column 4: expected a value | 4 |
            a == not b         | unexpected 'not' at column 6: expected a value | 6 | not
            ()                 | unexpected ')' at column 2: expected a value | 2 | )
            a b                | unexpected 'b' at column 3: expected an operator or the end of the expression | 3 | b
            a not b            | unexpected 'not' at column 3: expected an operator or the end of the expression | 3 | not
            a == 1)            | unexpected ')' at column 7: expected an operator or the end of the expression | 7 | )
            true.x             | unexpected '.' at column 5: expected an operator or the end of the expression | 5 | .
            `(a == 1`          | unexpected end of the expression at column 8: expected an operator or ')' to close the '(' at column 1 | 8 |
            a == 1 == 2        | unexpected '==' at column 8: comparisons do not chain; join them with 'and' | 8 | ==
            1 < a < 3          | unexpected '<' at column 7: comparisons do not chain; join them with 'and' | 7 | <
            a.                 | unexpected end of the expression at column 3: expected a key after '.' | 3 |
            a.'x'              | unexpected string 'x' at column 3: expected a key after '.' | 3 | 'x'
            a[x]               | unexpected 'x' at column 3: expected a key in quotes or a list index (0, 1, ...) after '[' | 3 | x
            a[-1]              | unexpected '-1' at column 3: expected a key in quotes or a list index (0, 1, ...) after '[' | 3 | -1
            a[1.5]             | unexpected '1.5' at column 3: expected a key in quotes or a list index (0, 1, ...) after '[' | 3 | 1.5
            a['x'              | unexpected end of the expression at column 6: expected ']' to close the '[' at column 2 | 6 |
            a in [1, 2         | unexpected end of the expression at column 11: expected ',' or ']' to close the list opened at column 6 | 11 |
            a in [1 2]         | unexpected '2' at column 9: expected ',' or ']' to close the list opened at column 6 | 9 | 2
            a in [1,]          | unexpected ']' at column 9: expected a list element: a string, a number, true, false, null or a list | 9 | ]
            a in [b]           | unexpected 'b' at column 7: expected a list element: a string, a number, true, false, null or a list | 7 | b
            `len(a`            | unexpected end of the expression at column 6: expected an operator or ')' to close 'len(' at column 1 | 6 |
            a = 1              | unexpected '=' at column 3: write '==' to compare | 3 | =
            a & b              | unexpected '&' at column 3: write 'and' or '&&' | 3 | &
            `a | b`            | `unexpected '|' at column 3: write 'or' or '||'` | 3 | `|`
            a $ b              | unexpected '$' at column 3 | 3 | $
            x == -             | unexpected '-' at column 6 | 6 | -
            x == 'abc          | unterminated string starting at column 6 | 6 | 'abc
            x 'abc             | unterminated string starting at column 3 | 3 | 'abc
            x == 'abc\\        | unterminated string starting at column 6 | 6 | \\
            x == 'a\\qb'       | invalid escape '\\q' at column 8 in the string starting at column 6: use \\\\, \\', \\", \\/, \\b, \\f, \\n, \\r, \\t or \\u and four hex digits | 8 | \\q
            x == '\\u12'       | invalid escape '\\u12' at column 7 in the string starting at column 6: use \\\\, \\', \\", \\/, \\b, \\f, \\n, \\r, \\t or \\u and four hex digits | 7 | \\u12
            x == '\\🙂'        | invalid escape '\\🙂' at column 7 in the string starting at column 6: use \\\\, \\', \\", \\/, \\b, \\f, \\n, \\r, \\t or \\u and four hex digits | 7 | \\🙂
            x == '\\u٣٣٣٣'     | invalid escape '\\u' at column 7 in the string starting at column 6: use \\\\, \\', \\", \\/, \\b, \\f, \\n, \\r, \\t or \\u and four hex digits | 7 | \\u
            x == 01            | malformed number '01' at column 6: numbers are written as in JSON, such as 0, -2, 1.5 or 1e6 | 6 | 01
            x == 1.            | malformed number '1.' at column 6: numbers are written as in JSON, such as 0, -2, 1.5 or 1e6 | 6 | 1.
            x == 1e            | malformed number '1e' at column 6: numbers are written as in JSON, such as 0, -2, 1.5 or 1e6 | 6 | 1e
            x == 3rd           | malformed number '3rd' at column 6: numbers are written as in JSON, such as 0, -2, 1.5 or 1e6 | 6 | 3rd
            x == 1.2.3         | malformed number '1.2.3' at column 6: numbers are written as in JSON, such as 0, -2, 1.5 or 1e6 | 6 | 1.2.3
            x == 1e99999999999 | number 1e99999999999 at column 6 is out of range | 6 | 1e99999999999
            """)
    void aSyntaxErrorNamesWhatWasFoundWhereAndWhatWasExpected(String text, String message, int column, String token) {
        ExpressionException error = parseError(text);

        assertThat(error).hasMessage(message);
        assertThat(error.column()).isEqualTo(column);
        assertThat(error.token()).isEqualTo(token);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            lenght(build.tags) > 1 | unknown function 'lenght' at column 1; did you mean 'len'?
            length(build.tags) > 1 | unknown function 'length' at column 1; did you mean 'len'?
            size(build.tags) > 1   | unknown function 'size' at column 1; did you mean 'len'?
            exsits(build.x)        | unknown function 'exsits' at column 1; did you mean 'exists'?
            defined(build.x)       | unknown function 'defined' at column 1; did you mean 'exists'?
            emtpy(build.x)         | unknown function 'emtpy' at column 1; did you mean 'empty'?
            isEmpty(build.x)       | unknown function 'isEmpty' at column 1; did you mean 'empty'?
            a or foo(b)            | unknown function 'foo' at column 6; the functions are exists, empty and len
            """)
    void anUnknownFunctionSuggestsTheOneMeant(String text, String message) {
        ExpressionException error = parseError(text);

        assertThat(error).hasMessage(message);
        assertThat(error.column()).isEqualTo(text.indexOf('(') - error.token().length() + 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            exists(1)        | exists() at column 1 takes a path, as in exists(build.exit_code), not 1 | 8
            empty('x')       | empty() at column 1 takes a path, as in empty(build.exit_code), not 'x' | 7
            exists(a == 1)   | exists() at column 1 takes a path, as in exists(build.exit_code), not a == 1 | 8
            `len()`          | len() at column 1 takes one argument | 5
            `len(a, b) > 1`  | len() at column 1 takes one argument | 6
            """)
    void aFunctionIsCalledWithWhatItTakes(String text, String message, int column) {
        ExpressionException error = parseError(text);

        assertThat(error).hasMessage(message);
        assertThat(error.column()).isEqualTo(column);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            'prod'              | 'prod' at column 1 is a string | 1
            1                   | 1 at column 1 is a number | 1
            null                | null at column 1 | 1
            [1, 2]              | [1, 2] at column 1 is a list | 1
            len(a)              | len(a) at column 1 is a number | 1
            a or 'x'            | 'x' at column 6 is a string | 6
            'x' and a           | 'x' at column 1 is a string | 1
            not 5               | 5 at column 5 is a number | 5
            a and not (b or 2)  | 2 at column 17 is a number | 17
            (('prod'))          | 'prod' at column 1 is a string | 1
            """)
    void aConditionThatCanNeverBeTrueIsRefused(String text, String start, int column) {
        ExpressionException error = parseError(text);

        assertThat(error).hasMessage(start + " and can never be true; a condition is a comparison (such as"
                + " len(x) > 0 or x == 'prod'), a path, true, false, exists() or empty()");
        assertThat(error.column()).isEqualTo(column);
    }

    @Test
    void anEmptyExpressionIsRefused() {
        assertThat(parseError("")).hasMessage("expression is empty");
        assertThat(parseError(" \t\n ")).hasMessage("expression is empty");
    }

    @Test
    void columnsCountCharactersNotUtf16Units() {
        ExpressionException error = parseError("'🙂' == x y");

        assertThat(error).hasMessage("unexpected 'y' at column 10: expected an operator or the end of the expression");
    }

    @Test
    void theFirstProblemInTheTextIsReportedEvenWhenALaterOneWouldStopTheLexer() {
        ExpressionException error = parseError("a and and 'unterminated");

        assertThat(error).hasMessage("unexpected 'and' at column 7: expected a value");
    }

    @Test
    void aLongTokenIsShortenedInTheMessageButKeptWholeInTheException() {
        String name = "x".repeat(100);

        ExpressionException error = parseError("a " + name);

        assertThat(error.getMessage()).startsWith("unexpected '" + "x".repeat(57) + "...' at column 3");
        assertThat(error.token()).isEqualTo(name);
    }
}
