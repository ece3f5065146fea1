package io.dagflow.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkflowSourceTest {

    @Test
    void aDefinitionIsReportedUnderItsOwnName() {
        WorkflowSource source = WorkflowSource.of("{\"name\": \"x\"}", "  ");

        assertThat(source.isFile()).isFalse();
        assertThat(source.file()).isNull();
        assertThat(source.displayName()).isEqualTo("definition");
    }

    @Test
    void aFileIsReportedUnderItsPath() {
        WorkflowSource source = WorkflowSource.of(null, " flows/deploy.json ");

        assertThat(source.isFile()).isTrue();
        assertThat(source.displayName()).isEqualTo("flows/deploy.json");
    }

    @Test
    void bothOrNeitherIsRefused() {
        assertThatThrownBy(() -> WorkflowSource.of("{}", "a.json"))
                .hasMessage("give either definition (JSON text) or file (a workspace path), not both");
        assertThatThrownBy(() -> WorkflowSource.of("", null))
                .hasMessage("no workflow given: set definition (JSON text) or file (a workspace path)");
    }
}
