package io.runbox.sandbox;

import io.runbox.sandbox.fs.BoxTree;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Hands a workspace tree to a box's host uid so the unprivileged program can read and write it: through the
 * safe file layer, never following a link, within the workspace's inode budget. Public for the benchmark, which
 * times this step on its own.
 */
public final class Ownership {
    private Ownership() {
    }

    public static void giveTree(Path root, int uid) throws IOException {
        try (BoxTree tree = BoxTree.open(root)) {
            tree.giveTo(uid, (int) WorkspaceBudget.DEFAULT.inodes());
        }
    }
}
