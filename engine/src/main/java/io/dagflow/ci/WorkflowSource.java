package io.dagflow.ci;

/**
 * Where a step's workflow definition comes from: JSON text written in the job, or a file in the
 * workspace. Exactly one of the two is given.
 *
 * @param definition the JSON text, or null when read from {@code file}
 * @param file a path relative to the workspace that does not leave it (no {@code ..}, not absolute),
 *     or null when the text is given
 */
public record WorkflowSource(String definition, String file) {

    public WorkflowSource {
        boolean hasText = definition != null && !definition.isBlank();
        boolean hasFile = file != null && !file.isBlank();
        if (hasText == hasFile) {
            throw new IllegalArgumentException(hasText
                    ? "give either definition (JSON text) or file (a workspace path), not both"
                    : "no workflow given: set definition (JSON text) or file (a workspace path)");
        }
        definition = hasText ? definition : null;
        file = hasFile ? insideWorkspace(file.trim()) : null;
    }

    public static WorkflowSource of(String definition, String file) {
        return new WorkflowSource(definition, file);
    }

    public boolean isFile() {
        return file != null;
    }

    /**
     * Refuses the paths that name a file outside the workspace by their text alone. Both separators
     * count: the workspace may be on a Windows agent. Symbolic links are for the caller to check
     * where the file is.
     */
    private static String insideWorkspace(String file) {
        if (file.startsWith("/") || file.startsWith("\\") || file.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException("file must be a path relative to the workspace, was '" + file + "'");
        }
        for (String segment : file.split("[/\\\\]")) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException("file must stay inside the workspace ('..' is not allowed), was '"
                        + file + "'");
            }
        }
        return file;
    }

    /** The name validation problems are reported under. */
    public String displayName() {
        return isFile() ? file : "definition";
    }
}
