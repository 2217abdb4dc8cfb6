package io.runbox.sandbox.fs;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a long-lived box gets each run's workspace without being restarted: the host makes a directory a shared
 * mount point of its own ({@link #makeSharedPoint}), the box binds it when it starts and so receives every mount
 * the host makes below it later ({@link #bind}), and the host takes each one away after its run ({@link #unbind}).
 * Propagation runs one way only: a box holds a slave copy, so nothing it mounts reaches the host. Only Runbox's own
 * directories are named here, never a path inside a workspace.
 */
public final class SharedMounts {
    private SharedMounts() {
    }

    /** Makes the empty host-made directory {@code dir} a mount point of its own whose mounts propagate to its copies. */
    public static void makeSharedPoint(Path dir) throws IOException {
        byte[] path = Libc.path(dir.toString());
        try {
            Libc.mount(path, path, null, Libc.MS_BIND, null);
            Libc.mount(null, path, null, Libc.MS_PRIVATE, null);
            Libc.mount(null, path, null, Libc.MS_SHARED, null);
        } catch (LastErrorException e) {
            throw new IOException("cannot make " + dir + " a shared mount point: errno " + e.getErrorCode(), e);
        }
    }

    /** Binds the workspace mounted at {@code workspace} at the new directory {@code target} (below a shared point). */
    public static void bind(Path workspace, Path target) throws IOException {
        Files.createDirectory(target);
        try {
            Libc.mount(Libc.path(workspace.toString()), Libc.path(target.toString()), null, Libc.MS_BIND, null);
        } catch (LastErrorException e) {
            Files.deleteIfExists(target);
            throw new IOException("cannot bind the workspace at " + target + ": errno " + e.getErrorCode(), e);
        }
    }

    /** Detaches what is mounted at {@code target} (and its copies in the boxes) and removes the directory. */
    public static void unbind(Path target) throws IOException {
        try {
            Libc.umount2(Libc.path(target.toString()), Libc.MNT_DETACH);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != Libc.EINVAL && e.getErrorCode() != Libc.ENOENT) {
                throw new IOException("cannot unbind the workspace at " + target + ": errno " + e.getErrorCode(), e);
            }
        }
        Files.deleteIfExists(target);
    }
}
