package io.runbox.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host's busy CPU time from the first line of {@code /proc/stat}: user, nice, system, irq, softirq and steal
 * summed over all cores (idle and iowait left out), in ms. It counts everything on the host: the programs, the
 * server, the benchmark's own clients, and whatever else runs, so measure on an otherwise quiet machine.
 * The kernel reports it in USER_HZ ticks, 100 per second on Linux, so differences are exact to 10 ms.
 */
final class HostCpu {
    private static final Path STAT = Path.of("/proc/stat");
    private static final long MS_PER_TICK = 10;

    private HostCpu() {
    }

    static long busyMs() {
        try {
            return busyTicks(Files.readAllLines(STAT).get(0)) * MS_PER_TICK;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Busy ticks of a {@code cpu  user nice system idle iowait irq softirq steal ...} line. */
    static long busyTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
            if (i < f.length) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy;
    }
}
