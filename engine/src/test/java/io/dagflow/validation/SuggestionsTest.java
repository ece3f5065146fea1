package io.dagflow.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> NODE_FIELDS = FieldSet.NODE.names();

    @Test
    void aMissingOrExtraLetterFindsTheField() {
        assertThat(Suggestions.closest("dependecies", NODE_FIELDS)).isEqualTo("dependencies");
        assertThat(Suggestions.closest("queues", NODE_FIELDS)).isEqualTo("queue");
    }

    @Test
    void swappedNeighboursCountAsOneEdit() {
        assertThat(Suggestions.distance("hnadler", "handler")).isEqualTo(1);
        assertThat(Suggestions.closest("hnadler", NODE_FIELDS)).isEqualTo("handler");
    }

    @Test
    void caseCamelCaseAndDashesAreIgnored() {
        assertThat(Suggestions.closest("retryPolicy", NODE_FIELDS)).isEqualTo("retry_policy");
        assertThat(Suggestions.closest("Timeout-Seconds", NODE_FIELDS)).isEqualTo("timeout_seconds");
    }

    @Test
    void aPrefixOfAFieldFindsIt() {
        assertThat(Suggestions.closest("timeout", NODE_FIELDS)).isEqualTo("timeout_seconds");
    }

    @Test
    void nothingCloseSuggestsNothing() {
        assertThat(Suggestions.closest("colour", NODE_FIELDS)).isNull();
        assertThat(Suggestions.closest("b", List.of("a", "c"))).isNull();
        assertThat(Suggestions.didYouMean("colour", NODE_FIELDS)).isEmpty();
    }

    @Test
    void theClosestOfSeveralCandidatesWins() {
        assertThat(Suggestions.closest("fetch_usr", List.of("fetch_users", "fetch_user", "fetch")))
                .isEqualTo("fetch_user");
        assertThat(Suggestions.didYouMean("htp", List.of("input", "http"))).isEqualTo(", did you mean 'http'?");
    }

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }
}
