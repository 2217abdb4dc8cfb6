package io.runbox.sandbox.cgroup;

import io.runbox.core.Limits;
import java.io.IOException;

/** Creates one cgroup per box, on whichever cgroup hierarchy the host has. */
public interface CgroupDriver {

    /** A new, empty cgroup named {@code name} under Runbox's own subtree, with {@code limits} applied. */
    Cgroup create(String name, Limits limits) throws IOException;

    /**
     * Kills the processes of, and removes, every box cgroup under Runbox's subtree whose name
     * {@code stale} accepts (boxes of a Runbox process that died without cleaning up). A cgroup that another
     * process removes meanwhile is skipped, not a failure.
     *
     * @return how many this call removed
     */
    int removeStale(java.util.function.Predicate<String> stale) throws IOException;

    /** {@code cgroup v1} or {@code cgroup v2}, for logs. */
    String describe();
}
