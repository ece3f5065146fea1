package io.dagflow.expression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every operator and function against {@link SampleResults}; the tables read "expression => result". */
class EvaluationTest {

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            build.exit_code == 0                    => true
            build.exit_code == 0.0                  => true
            build.exit_code == 0e5                  => true
            build.exit_code == -0                   => true
            build.exit_code == '0'                  => false
            build.exit_code != 1                    => true
            build.exit_code != 0                    => false
            build.name == 'api'                     => true
            build.name == "api"                     => true
            build.name == 'API'                     => false
            build.ok == true                        => true
            build.ok == 'true'                      => false
            build.nothing == null                   => true
            build.nothing == false                  => false
            build.tags == ['fast', 'linux']         => true
            build.tags == ['linux', 'fast']         => false
            build.items.0 == build.items.0          => true
            build.items.0 == build.items.1          => false
            build.headers == build.headers          => true
            [1, [2]] == [1.0, [2e0]]                => true
            workflow.inputs.replicas == 3.0         => true
            build.count == build.exit_code          => false
            """)
    void equalityIsJsonEqualityWithNumbersComparedByValue(String expression, boolean expected) throws Exception {
        assertThat(SampleResults.evaluate(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            build.count > 2                         => true
            build.count > 3                         => false
            build.count >= 3                        => true
            build.count < 3                         => false
            build.count <= 3                        => true
            build.ratio < 1                         => true
            -1 < build.exit_code                    => true
            1e400 < 1e401                           => true
            0.1 == 0.10                             => true
            build.name < 'b'                        => true
            build.name > 'ap'                       => true
            'B' < 'a'                               => true
            'ab' < 'abc'                            => true
            'abc' <= 'abc'                          => true
            build.version < '1.9'                   => true
            '\uffff' < '🙂'                         => true
            """)
    void orderingComparesTwoNumbersByValueOrTwoStringsByCodePoint(String expression, boolean expected) throws Exception {
        assertThat(SampleResults.evaluate(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            workflow.inputs.env in ['prod', 'staging']      => true
            workflow.inputs.env in ['dev']                  => false
            workflow.inputs.env not in ['prod', 'staging']  => false
            workflow.inputs.env not in []                   => true
            'fast' in build.tags                            => true
            'slow' in build.tags                            => false
            3 in [1, 2, 3.0]                                => true
            [1] in [[1], [2]]                               => true
            null in [null]                                  => true
            'pi' in build.name                              => true
            '' in build.name                                => true
            'x' in build.name                               => false
            'x' not in build.name                           => true
            """)
    void inIsMembershipInAListOrASubstringOfAString(String expression, boolean expected) throws Exception {
        assertThat(SampleResults.evaluate(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            build.ok and build.exit_code == 0       => true
            build.ok && build.failed                => false
            build.failed or build.ok                => true
            build.failed || build.failed            => false
            build.ok and build.ok and build.failed  => false
            build.failed or build.failed or build.ok => true
            not build.failed                        => true
            !build.ok                               => false
            not not build.ok                        => true
            """)
    void andOrAndNot(String expression, boolean expected) throws Exception {
        assertThat(SampleResults.evaluate(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            # not binds looser than a comparison: not (0 == 1), not (not 0) == 1
            not build.exit_code == 1 or build.failed    => true
            not build.exit_code == 0 or build.failed    => false
            not build.exit_code == 0 or build.ok        => true
            # and binds tighter than or
            build.ok or build.failed and build.failed   => true
            build.failed and build.failed or build.ok   => true
            (build.ok or build.failed) and build.failed => false
            # not binds tighter than and
            not build.ok and build.failed               => false
            not (build.ok and build.failed)             => true
            """)
    void precedenceIsOrThenAndThenNotThenComparisons(String expression, boolean expected) throws Exception {
        assertThat(SampleResults.evaluate(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            build.ok                => true
            build.failed            => false
            build.flag_text         => false
            build.count             => false
            build.nothing           => false
            build.tags              => false
            build.missing           => false
            not build.missing       => true
            true                    => true
            false                   => false
            (build.ok)              => true
            """)
    void aValueStandingAsAConditionHoldsOnlyWhenItIsJsonTrue(String expression, boolean expected) throws Exception {
        assertThat(SampleResults.evaluate(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            build.missing == 1              => false
            build.missing != 1              => true
            build.missing == null           => false
            build.missing != null           => true
            build.missing == build.missing  => false
            build.missing != build.missing  => true
            build.missing < 1               => false
            build.missing >= 1              => false
            build.missing < 'a'             => false
            'a' > build.missing             => false
            build.missing in [1]            => false
            build.missing not in [1]        => true
            1 in build.missing              => false
            1 not in build.missing          => true
            nothing.at.all == 1             => false
            build.items.5.id == 7           => false
            build.items.01.id == 8          => false
            build.name.length == 3          => false
            build.items.id == 7             => false
            len(build.missing) == 0         => false
            len(build.missing) != 0         => true
            """)
    void aComparisonWithAnAbsentSideIsFalseAndOnlyItsNegationsAreTrue(String expression, boolean expected)
            throws Exception {
        assertThat(SampleResults.evaluate(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            exists(build.nothing)           => true
            exists(build.exit_code)         => true
            exists(build.missing)           => false
            exists(build.items.1)           => true
            exists(build.items.2)           => false
            exists(nope)                    => false
            exists(build)                   => true
            empty(build.missing)            => true
            empty(build.nothing)            => true
            empty(build.empty_text)         => true
            empty(build.empty_list)         => true
            empty(build.empty_object)       => true
            empty(build.name)               => false
            empty(build.exit_code)          => false
            empty(build.failed)             => false
            empty(build.tags)               => false
            len(build.name) == 3            => true
            len(build.tags) == 2            => true
            len(build.headers) == 3         => true
            len(build.empty_text) == 0      => true
            len([1, 2, 3]) == 3             => true
            len('héllo🙂') == 6             => true
            """)
    void existsEmptyAndLen(String expression, boolean expected) throws Exception {
        assertThat(SampleResults.evaluate(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            build.headers['content-type'] == 'application/json'  => true
            build.headers.content-type == 'application/json'     => true
            build.headers["x.y"] == 1                            => true
            build.headers['a/b~c'] == 'slashed'                  => true
            build['items'][1]['id'] == 8                         => true
            build.items[1].id == 8                               => true
            build.items.1.id == 8                                => true
            build.items['1'].id == 8                             => true
            workflow.id == 'exec-1'                              => true
            workflow.name == 'release'                           => true
            workflow.inputs.env == 'prod'                        => true
            """)
    void pathsReadKeysAndIndexesWithDotsOrBrackets(String expression, boolean expected) throws Exception {
        assertThat(SampleResults.evaluate(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            'it\\'s' == "it's"              => true
            'a\\\\b' == "a\\u005cb"          => true
            'tab\\there' == 'tab\there'      => true
            '\\/' == '/'                    => true
            """)
    void escapesInStrings(String expression, boolean expected) throws Exception {
        assertThat(SampleResults.evaluate(expression)).isEqualTo(expected);
    }
}
