package io.runbox.sandbox;

/**
 * What one workspace's tmpfs may hold. Its pages also count against the memory limit of the box that writes
 * them; the budget is the fence for everything else (files the host writes, inodes).
 *
 * @param bytes  the tmpfs size
 * @param inodes files, directories and links together
 */
public record WorkspaceBudget(long bytes, long inodes) {
    /** 1 GiB and 131,072 entries: room for any toolchain's build, a hard stop for a flood of files. */
    public static final WorkspaceBudget DEFAULT = new WorkspaceBudget(1L << 30, 131_072);

    public WorkspaceBudget {
        if (bytes < 1 << 20 || inodes < 64) {
            throw new IllegalArgumentException("a workspace needs at least 1 MiB and 64 inodes: " + bytes + ", " + inodes);
        }
    }
}
