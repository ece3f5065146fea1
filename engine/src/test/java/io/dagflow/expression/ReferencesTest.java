package io.dagflow.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a validator needs: every path an expression reads, and where it is written. */
class ReferencesTest {

    @Test
    void everyPathIsListedInTheOrderWrittenWithTheColumnOfItsRoot() throws Exception {
        String text = "build.exit_code == 0 and fetch.body['content-type'] in ['a'] or exists(workflow.inputs.x)";

        List<Reference> references = Expression.parse(text).references();

        assertThat(references).extracting(Reference::path, Reference::column).containsExactly(
                tuple(List.of("build", "exit_code"), 1),
                tuple(List.of("fetch", "body", "content-type"), text.indexOf("fetch") + 1),
                tuple(List.of("workflow", "inputs", "x"), text.indexOf("workflow") + 1));
        assertThat(references).extracting(Reference::root).containsExactly("build", "fetch", "workflow");
    }

    @Test
    void aPathReadTwiceIsListedTwiceEachWhereItIs() throws Exception {
        List<Reference> references = Expression.parse("a.x == 1 or a.x == 2").references();

        assertThat(references).extracting(Reference::column).containsExactly(1, 13);
    }

    @Test
    void pathsInsideFunctionsParenthesesAndOperandsOfNotCount() throws Exception {
        List<Reference> references = Expression.parse("not (len(item.tags) > item_index) and empty(x)").references();

        assertThat(references).extracting(Reference::toString).containsExactly("item.tags", "item_index", "x");
    }

    @Test
    void anExpressionOfLiteralsReadsNothing() throws Exception {
        assertThat(Expression.parse("1 in [1, 2] and true").references()).isEmpty();
    }

    @Test
    void aReferenceIsWrittenAsAnExpressionWouldWriteIt() throws Exception {
        Reference reference = Expression.parse("fetch['body'][\"content-type\"][0]['a b'] == 1").references().get(0);

        assertThat(reference.path()).containsExactly("fetch", "body", "content-type", "0", "a b");
        assertThat(reference).hasToString("fetch.body.content-type.0['a b']");
    }
}
