package io.runbox.sandbox.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reading and writing cgroup interface files, shared by both hierarchies. */
final class CgroupFiles {
    private CgroupFiles() {
    }

    static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII);
    }

    /** Writes only where the kernel offers the file (optional controllers and newer kernels). */
    static void writeIfPresent(Path file, String value) throws IOException {
        if (Files.exists(file)) {
            write(file, value);
        }
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }

    static long readLong(Path file, long fallback) throws IOException {
        if (!Files.exists(file)) {
            return fallback;
        }
        String s = read(file);
        return s.isEmpty() || "max".equals(s) ? fallback : Long.parseLong(s);
    }

    /** The value of {@code key} in a flat-keyed file such as {@code memory.events}, or {@code fallback}. */
    static long readKey(Path file, String key, long fallback) throws IOException {
        if (!Files.exists(file)) {
            return fallback;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[0].equals(key)) {
                return Long.parseLong(parts[1]);
            }
        }
        return fallback;
    }

    /** The processes listed in {@code procs}; none when the cgroup is gone (or goes while it is read). */
    static List<Long> pids(Path procs) throws IOException {
        List<Long> pids = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(procs, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException gone) {
            return pids;
        }
        for (String line : lines) {
            if (!line.isBlank()) {
                pids.add(Long.parseLong(line.trim()));
            }
        }
        return pids;
    }

    /** SIGKILLs every pid listed in {@code procs} until the list stays empty, or fails after {@code patience}. */
    static void killUntilEmpty(Path procs, Duration patience) throws IOException {
        retry(patience, lastTry -> {
            List<Long> pids = pids(procs);
            if (pids.isEmpty()) {
                return true;
            }
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            if (lastTry) {
                throw new IOException("processes survive in " + procs.getParent() + ": " + pids);
            }
            return false;
        });
    }

    /** rmdir, retrying briefly while the kernel finishes tearing down exited processes (EBUSY). */
    static void removeDir(Path dir, Duration patience) throws IOException {
        retry(patience, lastTry -> {
            try {
                Files.deleteIfExists(dir);
                return true;
            } catch (IOException e) {
                if (lastTry) {
                    throw e;
                }
                return false;
            }
        });
    }

    /** One try of a cleanup step: whether it is done; on the last try, a step not done throws its failure. */
    @FunctionalInterface
    private interface Attempt {
        boolean run(boolean lastTry) throws IOException;
    }

    /**
     * Tries {@code attempt} every 2 ms until it is done; the try after {@code patience} is the last. Cleanup must
     * finish even when the calling thread was interrupted (a session closed, a client gone), so an interrupt
     * does not cut the waits short; it is kept and set again on return.
     */
    private static void retry(Duration patience, Attempt attempt) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        boolean interrupted = Thread.interrupted();
        try {
            while (!attempt.run(System.nanoTime() > deadline)) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
