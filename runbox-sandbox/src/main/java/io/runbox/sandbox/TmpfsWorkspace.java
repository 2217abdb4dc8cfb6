package io.runbox.sandbox;

import io.runbox.core.Workspace;
import io.runbox.sandbox.fs.Tmpfs;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A workspace on a tmpfs of its own, with its own size and inode budget: one tenant's files cannot fill
 * another's, and discarding it is one unmount. After a run in a box set up ahead, the workspace continues in
 * that box's tmpfs ({@link #continueIn}).
 */
final class TmpfsWorkspace implements Workspace {
    private static final Logger LOG = LoggerFactory.getLogger(TmpfsWorkspace.class);

    private Path dir;

    private TmpfsWorkspace(Path dir) {
        this.dir = dir;
    }

    /** A new, empty workspace under {@code boxesDir}, mounted with {@code budget}. */
    static TmpfsWorkspace create(Path boxesDir, WorkspaceBudget budget) throws IOException {
        return new TmpfsWorkspace(mountNew(boxesDir, budget));
    }

    /** A new mount point under {@code boxesDir} with a fresh tmpfs on it. */
    static Path mountNew(Path boxesDir, WorkspaceBudget budget) throws IOException {
        Path dir = BoxNames.newDirectory(boxesDir);
        try {
            Tmpfs.mount(dir, budget.bytes(), budget.inodes());
        } catch (IOException e) {
            try {
                Tmpfs.discard(dir);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        return dir;
    }

    @Override
    public synchronized Path dir() {
        if (dir == null) {
            throw new IllegalStateException("the workspace was closed");
        }
        return dir;
    }

    /** From now on the workspace is the tmpfs at {@code other} (a box's, holding its files); its own is discarded. */
    synchronized void continueIn(Path other) {
        Path old = dir;
        dir = other;
        discardQuietly(old);
    }

    @Override
    public synchronized void close() {
        Path d = dir;
        dir = null;
        discardQuietly(d);
    }

    static void discardQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Tmpfs.discard(dir);
        } catch (IOException e) {
            LOG.warn("could not discard the workspace {}: {}", dir, e.toString());
        }
    }
}
