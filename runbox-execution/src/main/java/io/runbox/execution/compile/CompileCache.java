package io.runbox.execution.compile;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled trees by {@link CompileKey}, least recently used first out, within a budget of bytes charged by
 * {@link CompiledTree#cost()} (content plus a charge per entry, so a tree of many empty files is not free; one
 * tree may take a quarter of the budget at most). Thread-safe. A budget of 0 keeps nothing.
 *
 * <p>The cache is shared by every caller: a hit is faster, so a caller can tell that the same program was
 * compiled recently by someone. Operators whose callers must not learn that turn it off.
 */
public final class CompileCache {
    private final long budget;
    private final LinkedHashMap<String, CompiledTree> trees = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;

    public CompileCache(long budgetBytes) {
        this.budget = Math.max(0, budgetBytes);
    }

    /** The largest tree cost worth capturing. */
    public long maxTreeBytes() {
        return budget / 4;
    }

    public boolean enabled() {
        return budget > 0;
    }

    public synchronized CompiledTree get(String key) {
        CompiledTree t = trees.get(key);
        if (t == null) {
            misses++;
        } else {
            hits++;
        }
        return t;
    }

    /**
     * Keeps {@code tree} (ignored when the cache is off, or the tree {@code null} or over {@link #maxTreeBytes()}),
     * evicting the least recently used.
     */
    public synchronized void put(String key, CompiledTree tree) {
        if (!enabled() || tree == null || tree.cost() > maxTreeBytes()) {
            return;
        }
        CompiledTree old = trees.put(key, tree);
        bytes += tree.cost() - (old == null ? 0 : old.cost());
        Iterator<Map.Entry<String, CompiledTree>> eldest = trees.entrySet().iterator();
        while (bytes > budget && eldest.hasNext()) {
            bytes -= eldest.next().getValue().cost();
            eldest.remove();
        }
    }

    public synchronized int size() {
        return trees.size();
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized long hits() {
        return hits;
    }

    public synchronized long misses() {
        return misses;
    }
}
