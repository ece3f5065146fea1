package io.dagflow.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import io.dagflow.store.ResultStore;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ResultStore} must do; an implementation's test says how to make an empty store. */
public abstract class ResultStoreContract {

    protected ResultStore store;
    private final String execution = "exec-" + UUID.randomUUID();

    protected abstract ResultStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void aStoredResultIsReadBackAsTheSameJson() {
        JsonNode result = Json.tree("{\"user\": {\"id\": 42, \"tags\": [\"a\", \"b\"]}, \"score\": 1.5, \"ok\": true}");

        store.put(execution, "fetch", 1, result);

        assertThat(store.get(execution, "fetch", 1)).contains(result);
    }

    @Test
    void eachAttemptKeepsItsOwnResult() {
        store.put(execution, "fetch", 1, Json.tree("\"late result of attempt 1\""));
        store.put(execution, "fetch", 2, Json.tree("\"result of attempt 2\""));

        assertThat(store.get(execution, "fetch", 1)).contains(Json.tree("\"late result of attempt 1\""));
        assertThat(store.get(execution, "fetch", 2)).contains(Json.tree("\"result of attempt 2\""));
    }

    @Test
    void resultsAreKeptPerExecutionAndNode() {
        store.put(execution, "a", 1, Json.tree("1"));

        assertThat(store.get(execution, "b", 1)).isEmpty();
        assertThat(store.get("other-" + execution, "a", 1)).isEmpty();
        assertThat(store.get(execution, "a", 2)).isEmpty();
    }

    @Test
    void nodeIdsMayContainColons() {
        store.put(execution, "a:1", 2, Json.tree("\"first\""));
        store.put(execution, "a", 12, Json.tree("\"second\""));

        assertThat(store.get(execution, "a:1", 2)).contains(Json.tree("\"first\""));
        assertThat(store.get(execution, "a", 12)).contains(Json.tree("\"second\""));
    }

    @Test
    void storingTheSameAttemptAgainReplacesItsResult() {
        store.put(execution, "n", 1, Json.tree("[1]"));
        store.put(execution, "n", 1, Json.tree("[2]"));

        assertThat(store.get(execution, "n", 1)).contains(Json.tree("[2]"));
    }
}
