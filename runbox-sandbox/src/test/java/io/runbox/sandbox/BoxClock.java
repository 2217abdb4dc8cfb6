package io.runbox.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Orders a box's start against the host's requests on the kernel's boot clock, in ticks of 10 ms (USER_HZ): a box
 * prints when its init started ({@link #BOX_INIT_TICK}), the host notes when it asked ({@link #now()}). Tests compare
 * the two instead of timing how long a run took.
 */
final class BoxClock {
    /** Prints the tick at which the box's init (pid 1 of its namespace) started. */
    static final String BOX_INIT_TICK = "cut -d' ' -f22 /proc/1/stat";

    private BoxClock() {
    }

    /** The boot clock now, in ticks (the unit of a process's start time in {@code /proc/<pid>/stat}). */
    static long now() throws IOException {
        String uptime = Files.readString(Path.of("/proc/uptime")).split(" ")[0];
        return Long.parseLong(uptime.replace(".", ""));
    }

    /** Waits until the boot clock has passed {@code tick}, so that what starts from now on starts later than it. */
    static void passTick(long tick) throws Exception {
        while (now() <= tick) {
            Thread.sleep(5);
        }
    }

    /**
     * Whether, within {@code giveUpAfter}, a box of this JVM whose memory limit is {@code memoryBytes} waits set up
     * ahead: its {@code runbox-boxexec} is up and waiting for a command.
     */
    static boolean awaitIdleBox(long memoryBytes, Duration giveUpAfter) throws Exception {
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        do {
            for (Path box : BoxCgroupFiles.withMemoryLimit(memoryBytes)) {
                if (waitingExec(box)) {
                    return true;
                }
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return false;
    }

    private static boolean waitingExec(Path cgroup) {
        try {
            List<String> pids = Files.readAllLines(cgroup.resolve("cgroup.procs"));
            try (Stream<String> s = pids.stream()) {
                return s.filter(p -> !p.isBlank()).anyMatch(p -> {
                    try {
                        return Files.readString(Path.of("/proc", p.strip(), "cmdline")).equals("/.runbox/exec\0");
                    } catch (IOException e) {
                        return false;
                    }
                });
            }
        } catch (IOException e) {
            return false; // the box went while we looked
        }
    }
}
