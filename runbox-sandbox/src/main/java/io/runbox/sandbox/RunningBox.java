package io.runbox.sandbox;

import io.runbox.sandbox.cgroup.Cgroup;
import java.io.IOException;
import java.util.List;

/**
 * What {@link BoxRun} needs of a started program's box: the host process that stands for the program (its stdin,
 * stdout and stderr are the program's, its exit status the program's), the cgroup the run is accounted and
 * killed through, and the status channel that tells a failure of the box from the program's own.
 */
interface RunningBox {
    /** The host process whose pipes and exit status are the program's. */
    Process process();

    /** The run's cgroup: its limits, accounting and kill-all. */
    Cgroup cgroup();

    /** When the process was started ({@link System#nanoTime()}). */
    long launchedNanos();

    /** Whether the box waits for {@link #release} before its program starts (set up ahead of its command). */
    boolean isWarm();

    /** Lets a warm box run {@code argv}; see {@link LaunchedBox#release}. */
    void release(List<String> argv) throws IOException;

    /** What the box's status channel says now; complete once {@link #process()} has exited. */
    BoxStatus status() throws IOException;

    /** For thread names in logs: the box's uid. */
    int uid();
}
