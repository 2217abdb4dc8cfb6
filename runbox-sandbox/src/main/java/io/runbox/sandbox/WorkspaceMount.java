package io.runbox.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps every workspace on a tmpfs of Runbox's own rather than on the host disk. A tmpfs page is charged to
 * the memory cgroup of the process that wrote it, so what a box writes to {@code /box} counts against its
 * memory limit: no run can fill the host's disk, however many files it writes.
 */
final class WorkspaceMount {
    private WorkspaceMount() {
    }

    /**
     * Mounts a tmpfs at {@code dir} unless one is there already. Anything left below it on the disk stays hidden
     * under the mount: walking it could take unbounded time, and it must never stop Runbox from starting.
     */
    static void ensureTmpfs(Path dir) throws IOException {
        Path real = dir.toRealPath();
        if (isTmpfsMountPoint(real)) {
            return;
        }
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "mode=0711,size=50%,nosuid,nodev",
                "runbox-workspaces", real.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("cannot mount a tmpfs for workspaces at " + real + ": " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while mounting the workspace tmpfs", e);
        }
    }

    static boolean isTmpfsMountPoint(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8);
        for (String line : lines) {
            // id parent major:minor root mount-point options... - fstype source super-options
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length > 4 && dash > 0 && dash + 1 < f.length && unescape(f[4]).equals(dir.toString())
                    && f[dash + 1].equals("tmpfs")) {
                return true;
            }
        }
        return false;
    }

    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
