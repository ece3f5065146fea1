package io.dagflow.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values of the wrong kind stop the evaluation with a message naming the part of the expression. */
class TypeErrorsTest {

    /** Rows: expression | message | column | token. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            build.name < 5          | '<' compares two numbers or two strings, not a string and a number at column 12: build.name < 5 is "api" < 5 | 12 | <
            build.nothing >= 0      | '>=' compares two numbers or two strings, not null and a number at column 15: build.nothing >= 0 is null >= 0 | 15 | >=
            build.ok > false        | '>' compares two numbers or two strings, not a boolean and a boolean at column 10: build.ok > false is true > false | 10 | >
            build.tags <= ['a']     | '<=' compares two numbers or two strings, not a list and a list at column 12: build.tags <= ['a'] is ["fast","linux"] <= ["a"] | 12 | <=
            1 in build.headers      | 'in' needs a list or a string on its right, not an object at column 3: 1 in build.headers is 1 in {"content-type":"application/json","x.y":1,"a/b~c":"slash... | 3 | in
            1 not in build.count    | 'not in' needs a list or a string on its right, not a number at column 3: 1 not in build.count is 1 not in 3 | 3 | not in
            5 in build.name         | 'in' with a string on its right needs a string on its left, not a number at column 3: 5 in build.name is 5 in "api" | 3 | in
            len(build.exit_code) > 0 | len() at column 1 takes a string, a list or an object, not a number: len(build.exit_code) is len(0) | 1 | len
            len(build.nothing) > 0  | len() at column 1 takes a string, a list or an object, not null: len(build.nothing) is len(null) | 1 | len
            a or build.name < 5     | '<' compares two numbers or two strings, not a string and a number at column 17: build.name < 5 is "api" < 5 | 17 | <
            """)
    void aTypeErrorNamesTheOperatorTheKindsAndTheValues(String text, String message, int column, String token)
            throws Exception {
        Expression expression = Expression.parse(text);

        ExpressionException error = catchThrowableOfType(ExpressionException.class,
                () -> expression.evaluate(new SampleResults()));

        assertThat(error).hasMessage(message);
        assertThat(error.column()).isEqualTo(column);
        assertThat(error.token()).isEqualTo(token);
    }
}
