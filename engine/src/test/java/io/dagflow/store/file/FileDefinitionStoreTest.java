package io.dagflow.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.store.DefinitionStore;
import io.dagflow.store.StoredDefinition;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDefinitionStoreTest {

    @TempDir
    Path dir;

    @Test
    void theSameTextIsOneVersionAndKeepsItsFirstSaveTime() {
        FileDefinitionStore store = new FileDefinitionStore(dir);

        StoredDefinition first = store.save("etl", "{\"name\":\"etl\",\"nodes\":[]}");
        StoredDefinition again = new FileDefinitionStore(dir).save("etl", "{\"name\":\"etl\",\"nodes\":[]}");

        assertThat(again).isEqualTo(first);
        assertThat(first.version()).isEqualTo(DefinitionStore.versionOf("{\"name\":\"etl\",\"nodes\":[]}"));
        assertThat(store.versions("etl")).containsExactly(first);
    }

    @Test
    void versionsAreListedNewestFirstAndLatestIsTheNewest() throws InterruptedException {
        FileDefinitionStore store = new FileDefinitionStore(dir);
        StoredDefinition v1 = store.save("etl", "one");
        waitForTheClockToMove(v1.savedAt());
        StoredDefinition v2 = store.save("etl", "two");
        store.save("other", "three");

        FileDefinitionStore restarted = new FileDefinitionStore(dir);

        assertThat(restarted.versions("etl")).containsExactly(v2, v1);
        assertThat(restarted.latest("etl")).contains(v2);
        assertThat(restarted.get("etl", v1.version())).contains(v1);
        assertThat(restarted.get("etl", "0000")).isEmpty();
        assertThat(restarted.get("etl", "../other")).isEmpty();
        assertThat(restarted.versions("unknown")).isEmpty();
        assertThat(restarted.latest("unknown")).isEmpty();
    }

    private static void waitForTheClockToMove(long from) throws InterruptedException {
        while (System.currentTimeMillis() <= from) {
            Thread.sleep(1);
        }
    }
}
