package io.runbox.execution.compile;

import io.runbox.core.Limits;
import io.runbox.sandbox.fs.BoxTree;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What a compile may hand to its run. The run starts in the compile's own workspace (nothing is copied), so the
 * rule bounds what that workspace holds when the compile ends: its bytes (allocated, so a sparse file costs what
 * it holds) are charged to the run's memory limit, and at most {@value #MAX_ENTRIES} files and directories pass
 * (each is handed to the run's uid, one by one). Read in one call on the workspace's own filesystem, however
 * many files a compile made.
 */
public final class CompileCarry {
    /** Files, directories and links a compile may leave for its run. */
    public static final int MAX_ENTRIES = 16_384;
    /** The least memory a run keeps for itself after the charge. */
    static final long MIN_RUN_MEMORY = 16L << 20;

    private CompileCarry() {
    }

    /**
     * What the compile left.
     *
     * @param bytes    bytes held in the workspace
     * @param entries  files, directories and links
     * @param refusal  why it may not pass to the run, or {@code null}
     */
    public record Carried(long bytes, long entries, String refusal) {
        /**
         * The run's limits with the carried bytes taken from its memory, in whole MiB beyond the first: a small
         * compile (most of them) leaves the run's limits as they were, so it may take a box set up ahead.
         */
        public Limits charge(Limits run) {
            long mib = (bytes + (1 << 20) - 1) >> 20;
            return mib <= 1 ? run : run.withMemoryBytes(run.memoryBytes() - (mib << 20));
        }
    }

    /** The most bytes a compile may leave for a run with {@code runMemoryBytes} of memory. */
    public static long maxBytes(long runMemoryBytes) {
        return runMemoryBytes - MIN_RUN_MEMORY;
    }

    public static Carried check(Path workspace, long runMemoryBytes) throws IOException {
        BoxTree.Usage used;
        try (BoxTree tree = BoxTree.open(workspace)) {
            used = tree.usage();
        }
        String refusal = null;
        if (used.inodes() > MAX_ENTRIES) {
            refusal = "the compile left " + used.inodes() + " files and directories; at most " + MAX_ENTRIES
                    + " pass to the run";
        } else if (used.bytes() > maxBytes(runMemoryBytes)) {
            refusal = "the compile left " + used.bytes() + " bytes in the workspace; the run's memory limit ("
                    + runMemoryBytes + " bytes) must hold them and " + MIN_RUN_MEMORY + " bytes more";
        }
        return new Carried(used.bytes(), used.inodes(), refusal);
    }
}
