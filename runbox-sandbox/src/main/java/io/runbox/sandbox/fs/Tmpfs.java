package io.runbox.sandbox.fs;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tmpfs of its own for each workspace: its size and inode budget are the workspace's alone, its pages are
 * charged to the memory cgroup of whoever writes them, and discarding it is one lazy unmount, whatever a
 * program left inside (a tree deeper than {@code PATH_MAX}, a million files, a FIFO, a link to anywhere).
 */
public final class Tmpfs {
    private Tmpfs() {
    }

    /** Mounts a private tmpfs of at most {@code bytes} and {@code inodes} at {@code dir} (an empty host-made directory), owned by root, mode 0700. */
    public static void mount(Path dir, long bytes, long inodes) throws IOException {
        String options = "size=" + Math.max(bytes, 4096) + ",nr_inodes=" + Math.max(inodes, 16) + ",mode=0700,uid=0,gid=0";
        try {
            Libc.mount(Libc.path("runbox-workspace"), Libc.path(dir.toString()), Libc.path("tmpfs"),
                    Libc.MS_NOSUID | Libc.MS_NODEV, Libc.path(options));
            Libc.mount(null, Libc.path(dir.toString()), null, Libc.MS_PRIVATE, null);
        } catch (LastErrorException e) {
            throw new IOException("cannot mount a workspace tmpfs at " + dir + ": errno " + e.getErrorCode(), e);
        }
    }

    /** Makes the mount at {@code dir} private: mounts below it propagate nowhere (no box or peer holds them). */
    public static void makePrivate(Path dir) throws IOException {
        try {
            Libc.mount(null, Libc.path(dir.toString()), null, Libc.MS_PRIVATE, null);
        } catch (LastErrorException e) {
            throw new IOException("cannot make the mount at " + dir + " private: errno " + e.getErrorCode(), e);
        }
    }

    /** Entries a directory that is not a mount point (an older Runbox's workspace) may hold and still be deleted. */
    static final int MAX_UNMOUNTED_ENTRIES = 200_000;

    /**
     * Detaches the tmpfs at {@code dir} (its memory is freed once nothing holds it) and removes the empty mount
     * point. Costs the same whatever the tmpfs holds. A directory that is not a mount point (a workspace an older
     * Runbox left on the shared tmpfs) is emptied descriptor-relatively, within {@value #MAX_UNMOUNTED_ENTRIES}
     * entries and {@value BoxTree#MAX_DEPTH} levels, then removed.
     *
     * @throws IOException when it cannot be removed (what could be deleted is)
     */
    public static void discard(Path dir) throws IOException {
        try {
            Libc.umount2(Libc.path(dir.toString()), Libc.MNT_DETACH);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Libc.ENOENT) {
                return;
            }
            if (e.getErrorCode() != Libc.EINVAL) { // EINVAL: not a mount point
                throw new IOException("cannot unmount the workspace at " + dir + ": errno " + e.getErrorCode(), e);
            }
            try (BoxTree tree = BoxTree.open(dir)) {
                tree.deleteContents(MAX_UNMOUNTED_ENTRIES);
            }
        }
        Files.deleteIfExists(dir);
    }
}
