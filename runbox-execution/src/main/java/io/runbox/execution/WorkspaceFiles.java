package io.runbox.execution;

import io.runbox.core.SourceFile;
import io.runbox.sandbox.fs.BoxTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes validated request files into a new workspace through the safe file layer. */
final class WorkspaceFiles {
    private WorkspaceFiles() {
    }

    /** Names must have passed {@link FileNames#validate}; files are created new, never through a link. */
    static void write(Path root, List<SourceFile> files) throws IOException {
        try (BoxTree tree = BoxTree.open(root)) {
            for (SourceFile f : files) {
                tree.writeFile(f.name(), f.content(), f.name().endsWith(".sh") ? 0755 : 0644);
            }
        }
    }
}
