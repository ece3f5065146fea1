package io.dagflow.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileResultStoreTest {

    @TempDir
    Path dir;

    @Test
    void eachAttemptKeepsItsOwnResult() {
        FileResultStore store = new FileResultStore(dir);

        store.put("e1", "fetch", 1, Json.tree("{\"late\":true}"));
        store.put("e1", "fetch", 2, Json.tree("{\"rows\":[1,2,3]}"));

        assertThat(store.get("e1", "fetch", 1)).contains(Json.tree("{\"late\":true}"));
        assertThat(store.get("e1", "fetch", 2)).contains(Json.tree("{\"rows\":[1,2,3]}"));
        assertThat(store.get("e1", "fetch", 3)).isEmpty();
        assertThat(store.get("e2", "fetch", 1)).isEmpty();
    }

    @Test
    void resultsOfEveryJsonShapeSurviveARestart() {
        FileResultStore store = new FileResultStore(dir);
        store.put("e1", "n.with.dots", 1, Json.tree("42"));
        store.put("e1", "text", 1, Json.tree("\"done\""));
        store.put("e1", "nothing", 1, Json.tree("null"));

        FileResultStore restarted = new FileResultStore(dir);

        assertThat(restarted.get("e1", "n.with.dots", 1)).contains(Json.tree("42"));
        assertThat(restarted.get("e1", "text", 1)).contains(Json.tree("\"done\""));
        assertThat(restarted.get("e1", "nothing", 1)).hasValueSatisfying(v -> assertThat(v.isNull()).isTrue());
    }

    @Test
    void nodeIdsThatLookAlikeOnceEncodedStayApart() {
        FileResultStore store = new FileResultStore(dir);
        store.put("e1", "a.1", 2, Json.tree("\"first\""));
        store.put("e1", "a", 12, Json.tree("\"second\""));

        assertThat(store.get("e1", "a.1", 2)).contains(Json.tree("\"first\""));
        assertThat(store.get("e1", "a", 12)).contains(Json.tree("\"second\""));
    }
}
