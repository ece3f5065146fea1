package io.dagflow.bench;

import io.dagflow.model.WorkflowDefinition;
import io.dagflow.validation.InvalidWorkflowException;
import io.dagflow.validation.WorkflowLoader;

/** What the validation scenario times: the real loader, and plain JSON parsing as a reference. */
enum DefinitionReaders {
    /** What {@code dagflow run} and {@code dagflow validate} use: parsing and every check. */
    LOADER("WorkflowLoader") {
        @Override
        WorkflowDefinition read(String text) {
            try {
                return LOADER_INSTANCE.parse(text, "generated.json");
            } catch (InvalidWorkflowException e) {
                throw new IllegalStateException("a generated definition is invalid: " + e.getMessage(), e);
            }
        }
    },
    /** Jackson's tree and nothing else: how much of the loader's time is reading JSON at all. */
    JSON_TREE("json tree, no checks") {
        @Override
        WorkflowDefinition read(String text) {
            return UnvalidatedDefinitionReader.read(text);
        }
    };

    private static final WorkflowLoader LOADER_INSTANCE = new WorkflowLoader();

    private final String label;

    DefinitionReaders(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    abstract WorkflowDefinition read(String text);
}
