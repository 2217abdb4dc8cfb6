package io.runbox.execution.compile;

import io.runbox.core.StageResult;
import io.runbox.sandbox.fs.BoxTree;
import io.runbox.sandbox.fs.WorkspaceLimitException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A compile's workspace as it was when the compile ended (directories and regular files with their
 * permissions, in walk order) and the compile stage's result. Read and written through the safe file layer.
 *
 * @param cost what the tree is charged against the cache's budget: its bytes plus {@value #ENTRY_COST} per entry
 */
public record CompiledTree(List<Entry> entries, StageResult compile, long cost) {
    /** At most this many files and directories in a kept tree. */
    public static final int MAX_ENTRIES = 4096;
    /** Bytes charged per entry: its path, its record and its array, whatever its content. */
    public static final long ENTRY_COST = 256;

    /** One directory or regular file, by its path relative to the workspace. */
    public record Entry(String path, boolean directory, byte[] content, int mode) {
    }

    /**
     * Reads {@code root}, or returns {@code null} when it costs more than {@code maxCost}, holds more than
     * {@value #MAX_ENTRIES} entries or anything but directories and regular files (a link, a FIFO): such a compile
     * is not kept. Reading stops at the first bound crossed.
     */
    public static CompiledTree capture(Path root, StageResult compile, long maxCost) throws IOException {
        List<Entry> entries = new ArrayList<>();
        long[] cost = {0};
        try (BoxTree tree = BoxTree.open(root)) {
            tree.read(MAX_ENTRIES, maxCost, new BoxTree.Reader() {
                @Override
                public void directory(String path, int permissions) throws IOException {
                    add(new Entry(path, true, null, permissions & 0777));
                }

                @Override
                public void file(String path, int permissions, InputStream content, long size) throws IOException {
                    add(new Entry(path, false, content.readAllBytes(), permissions & 0777));
                }

                @Override
                public void other(String path) throws WorkspaceLimitException {
                    throw new WorkspaceLimitException(path + " is neither a file nor a directory");
                }

                private void add(Entry e) throws WorkspaceLimitException {
                    cost[0] += ENTRY_COST + (e.content() == null ? 0 : e.content().length);
                    if (cost[0] > maxCost) {
                        throw new WorkspaceLimitException("over the cache's tree budget");
                    }
                    entries.add(e);
                }
            });
        } catch (WorkspaceLimitException e) {
            return null;
        }
        return new CompiledTree(List.copyOf(entries), compile, cost[0]);
    }

    /** This tree, captured before its compile's result was known, with that result. */
    public CompiledTree withCompile(StageResult value) {
        return new CompiledTree(entries, value, cost);
    }

    /** Recreates the tree under {@code root}, an empty workspace. */
    public void writeTo(Path root) throws IOException {
        try (BoxTree tree = BoxTree.open(root)) {
            for (Entry e : entries) {
                if (e.directory()) {
                    tree.makeDirectories(e.path(), e.mode());
                } else {
                    tree.writeFile(e.path(), e.content(), e.mode());
                }
            }
        }
    }

    /** The compile stage as a cache hit reports it: what the compiler printed, no time or memory spent. */
    public StageResult cachedCompile() {
        return new StageResult(compile.stdout(), compile.stderr(), compile.exitCode(), compile.signal(),
                compile.status(), 0, 0, 0, compile.truncated()).withDiagnostics(compile.diagnostics());
    }
}
