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

    @Test
    void aFileOutsideTheWorkspaceIsRefused() {
        assertThatThrownBy(() -> WorkflowSource.of(null, "/etc/passwd"))
                .hasMessage("file must be a path relative to the workspace, was '/etc/passwd'");
        assertThatThrownBy(() -> WorkflowSource.of(null, "C:\\Windows\\win.ini"))
                .hasMessageStartingWith("file must be a path relative to the workspace");
        assertThatThrownBy(() -> WorkflowSource.of(null, "\\\\server\\share\\flow.json"))
                .hasMessageStartingWith("file must be a path relative to the workspace");
        assertThatThrownBy(() -> WorkflowSource.of(null, "flows/../../secrets/flow.json"))
                .hasMessage("file must stay inside the workspace ('..' is not allowed), was 'flows/../../secrets/flow.json'");
        assertThatThrownBy(() -> WorkflowSource.of(null, "flows\\..\\..\\flow.json"))
                .hasMessageStartingWith("file must stay inside the workspace");
    }

    @Test
    void namesThatOnlyLookLikeParentsAreFiles() {
        assertThat(WorkflowSource.of(null, "flows/..flow.json").file()).isEqualTo("flows/..flow.json");
        assertThat(WorkflowSource.of(null, "./flows/a..b/flow.json").file()).isEqualTo("./flows/a..b/flow.json");
    }
}
