package io.runbox.sandbox;

import io.runbox.sandbox.fs.Tmpfs;
import io.runbox.sandbox.cgroup.CgroupDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names of boxes' cgroups and workspaces carry the pid of the Runbox process that made them
 * ({@code box-<pid>-<uuid>}), so that a Runbox starting after a crash can remove what a dead one left
 * without touching the boxes of another Runbox process alive on the same host.
 */
final class BoxNames {
    private static final Logger LOG = LoggerFactory.getLogger(BoxNames.class);
    private static final String PREFIX = "box-";

    private BoxNames() {
    }

    static String newName() {
        return PREFIX + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    }

    /** A new, empty directory for a box's workspace under {@code boxesDir}, readable by root only until given. */
    static Path newDirectory(Path boxesDir) throws IOException {
        return Files.createDirectory(boxesDir.resolve(newName()),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /** True for a box whose owner is not alive (or whose name carries no owner, from an older Runbox). */
    static boolean isStale(String name) {
        if (!name.startsWith(PREFIX)) {
            return name.matches("[0-9a-f]{8}-[0-9a-f]{4}-.*");
        }
        String rest = name.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return true;
        }
        try {
            long pid = Long.parseLong(rest.substring(0, dash));
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Kills and removes the cgroups and workspaces of dead Runbox processes, and the files their boxes were started with. */
    static void sweep(CgroupDriver cgroups, Path boxesDir, Path argsDir) throws IOException {
        int groups = cgroups.removeStale(n -> n.startsWith(PREFIX) && isStale(n));
        int workspaces = 0;
        List<Path> stale;
        try (Stream<Path> dirs = Files.list(boxesDir)) {
            stale = dirs.filter(d -> isStale(d.getFileName().toString())).toList();
        }
        for (Path d : stale) {
            // One unmount per workspace, whatever it holds; a leftover that cannot go is logged, never fatal.
            try {
                Tmpfs.discard(d);
                workspaces++;
            } catch (IOException e) {
                LOG.warn("could not remove the stale workspace {} ({}); remove it by hand when convenient", d, e.toString());
            }
        }
        List<Path> argFiles;
        try (Stream<Path> files = Files.list(argsDir)) {
            argFiles = files.filter(f -> isStale(f.getFileName().toString())).toList();
        }
        for (Path f : argFiles) {
            Files.deleteIfExists(f);
        }
        if (groups + workspaces > 0) {
            LOG.info("removed {} cgroup(s) and {} workspace(s) left by Runbox processes that are gone", groups, workspaces);
        }
    }
}
