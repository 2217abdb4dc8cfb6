package io.runbox.sandbox.cgroup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One box's cgroup. A process joins it by writing its pid into every file of {@link #procsFiles()}; its
 * children stay inside. The owner must call {@link #killAll()} and then {@link #close()}.
 */
public interface Cgroup extends AutoCloseable {

    /** The {@code cgroup.procs} files a process writes its pid into to join (one per v1 hierarchy). */
    List<Path> procsFiles();

    /** Memory in use now by the cgroup's processes, in bytes. */
    long currentMemory() throws IOException;

    /** CPU time, peak memory and OOM kills so far. */
    CgroupUsage usage() throws IOException;

    /** Kills every process in the cgroup and returns once none is left (or throws if some survive). */
    void killAll() throws IOException;

    /** Removes the cgroup; it must be empty. */
    @Override
    void close() throws IOException;
}
