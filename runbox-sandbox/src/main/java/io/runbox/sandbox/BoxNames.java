package io.runbox.sandbox;

import io.runbox.sandbox.fs.Tmpfs;
import io.runbox.sandbox.cgroup.CgroupDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
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

    /**
     * Kills and removes the cgroups and workspaces of dead Runbox processes, and the files their boxes were started
     * with. Never fails: another Runbox starting at the same time may remove the same leftovers under it (an entry
     * gone is an entry done), and a leftover that cannot go is logged and left for the next start.
     */
    static void sweep(CgroupDriver cgroups, Path boxesDir, Path argsDir) {
        int groups = 0;
        try {
            groups = cgroups.removeStale(n -> n.startsWith(PREFIX) && isStale(n));
        } catch (IOException e) {
            LOG.warn("could not remove every cgroup left by Runbox processes that are gone ({}); the next start tries"
                    + " again", Leftovers.reason(e));
        }
        int workspaces = 0;
        for (Path d : Leftovers.staleEntries(boxesDir, BoxNames::isStale)) {
            // One unmount per workspace, whatever it holds.
            try {
                Tmpfs.discard(d);
                workspaces++;
            } catch (NoSuchFileException gone) {
                // Another Runbox starting at the same time removed it first.
            } catch (IOException e) {
                LOG.warn("could not remove the stale workspace {} ({}); remove it by hand when convenient", d,
                        Leftovers.reason(e));
            }
        }
        for (Path f : Leftovers.staleEntries(argsDir, BoxNames::isStale)) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                LOG.warn("could not remove the stale box file {} ({})", f, Leftovers.reason(e));
            }
        }
        if (groups + workspaces > 0) {
            LOG.info("removed {} cgroup(s) and {} workspace(s) left by Runbox processes that are gone", groups, workspaces);
        }
    }
}
