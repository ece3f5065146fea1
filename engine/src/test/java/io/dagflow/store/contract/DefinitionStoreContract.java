package io.dagflow.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.store.DefinitionStore;
import io.dagflow.store.StoredDefinition;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link DefinitionStore} must do; an implementation's test says how to make an empty store. */
public abstract class DefinitionStoreContract {

    protected DefinitionStore store;
    private final String name = "orders-" + UUID.randomUUID();

    protected abstract DefinitionStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void savingGivesTheContentHashAsVersion() {
        String source = "{\"name\": \"orders\", \"nodes\": []}";

        StoredDefinition saved = store.save(name, source);

        assertThat(saved.name()).isEqualTo(name);
        assertThat(saved.version()).isEqualTo(DefinitionStore.versionOf(source));
        assertThat(saved.source()).isEqualTo(source);
        assertThat(store.get(name, saved.version())).contains(saved);
    }

    @Test
    void savingTheSameTextAgainKeepsTheFirstSave() {
        StoredDefinition first = store.save(name, "{\"v\": 1}");

        StoredDefinition again = store.save(name, "{\"v\": 1}");

        assertThat(again).isEqualTo(first);
        assertThat(store.versions(name)).containsExactly(first);
    }

    @Test
    void versionsAreListedNewestFirst() {
        StoredDefinition v1 = store.save(name, "{\"v\": 1}");
        StoredDefinition v2 = store.save(name, "{\"v\": 2}");
        StoredDefinition v3 = store.save(name, "{\"v\": 3}");
        store.save(name, "{\"v\": 2}");

        assertThat(store.versions(name)).containsExactly(v3, v2, v1);
        assertThat(store.latest(name)).contains(v3);
    }

    @Test
    void anUnknownDefinitionOrVersionIsEmpty() {
        store.save(name, "{}");

        assertThat(store.latest("unknown-" + name)).isEmpty();
        assertThat(store.versions("unknown-" + name)).isEmpty();
        assertThat(store.get(name, "0000000000000000")).isEmpty();
    }

    @Test
    void definitionsOfDifferentNamesAreApart() {
        StoredDefinition mine = store.save(name, "{\"same\": true}");
        StoredDefinition theirs = store.save("other-" + name, "{\"same\": true}");

        assertThat(store.versions(name)).containsExactly(mine);
        assertThat(store.versions("other-" + name)).containsExactly(theirs);
        assertThat(theirs.version()).isEqualTo(mine.version());
    }
}
