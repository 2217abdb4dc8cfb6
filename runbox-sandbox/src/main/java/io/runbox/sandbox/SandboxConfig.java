package io.runbox.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * How the bubblewrap sandbox is set up on this host. {@link #defaults(Path)} works on a Debian host where
 * Runbox runs as root.
 *
 * @param bwrap         the bubblewrap binary
 * @param launcher      the {@code runbox-boxlaunch} helper that joins the cgroup and drops privileges
 * @param stateDir      where workspaces, the seccomp filter and the box's {@code /etc/passwd} live
 * @param cgroupRoot    the cgroup mount root
 * @param cgroupSubtree the directory Runbox owns under each hierarchy
 * @param firstUid      the first host uid (and gid) of the pool boxes run as; none may be a real user
 * @param uidCount      how many boxes may run at once
 * @param readOnlyPaths host paths every box sees read-only at the same place (toolchains, common {@code /etc} files)
 * @param warmBoxes     boxes kept set up ahead of requests, at most one per language and limits; 0 for none; with
 *                      {@code reuseBoxes}, how many reused boxes may wait idle
 * @param reuseBoxes    whether runs take a long-lived box that makes each run fresh inside it ({@link ReusedBox})
 *                      rather than a box set up for them alone
 * @param prestartRuntimes whether a reused box starts its next run ahead of the request: the runtime of a language
 *                      with a hook, or else the run's namespaces, cgroup and mounts
 */
public record SandboxConfig(
        Path bwrap,
        Path launcher,
        Path stateDir,
        Path cgroupRoot,
        String cgroupSubtree,
        int firstUid,
        int uidCount,
        List<Path> readOnlyPaths,
        int warmBoxes,
        boolean reuseBoxes,
        boolean prestartRuntimes) {

    /**
     * The system paths every box sees; missing ones are skipped. A language's own configuration under {@code /etc}
     * is not here: its {@code language.yaml} names it ({@code sandbox_paths}), and only its boxes see it.
     */
    public static final List<Path> SYSTEM_PATHS = List.of(
            Path.of("/usr"), Path.of("/bin"), Path.of("/sbin"), Path.of("/lib"), Path.of("/lib64"),
            Path.of("/lib32"), Path.of("/libx32"),
            Path.of("/etc/alternatives"), Path.of("/etc/ld.so.cache"), Path.of("/etc/ld.so.conf"),
            Path.of("/etc/ld.so.conf.d"), Path.of("/etc/localtime"), Path.of("/etc/nsswitch.conf"),
            Path.of("/etc/ssl"), Path.of("/etc/ca-certificates"), Path.of("/etc/mime.types"));

    public SandboxConfig {
        readOnlyPaths = List.copyOf(readOnlyPaths);
        if (firstUid < 1000 || uidCount < 1) {
            throw new IllegalArgumentException("box uids must be unprivileged: firstUid=" + firstUid + " count=" + uidCount);
        }
        if (warmBoxes < 0 || warmBoxes >= uidCount) {
            throw new IllegalArgumentException("warm boxes must be between 0 and the number of box uids less one: "
                    + warmBoxes);
        }
    }

    /** Boxes set up ahead by default: enough for the languages a service mostly runs. */
    public static final int DEFAULT_WARM_BOXES = 8;

    /**
     * Defaults: bwrap from PATH's usual place, state under {@code /var/lib/runbox}, uids 61000..61063,
     * reused boxes, at most {@value #DEFAULT_WARM_BOXES} of them idle.
     */
    public static SandboxConfig defaults(Path launcher) {
        return new SandboxConfig(Path.of("/usr/bin/bwrap"), launcher, Path.of("/var/lib/runbox"),
                Path.of("/sys/fs/cgroup"), "runbox", 61000, 64, SYSTEM_PATHS, DEFAULT_WARM_BOXES, true, true);
    }

    /** {@code runbox-boxinit}, a reused box's first program, built next to the launcher. */
    public Path initShim() {
        return launcher.resolveSibling("runbox-boxinit");
    }

    /** {@code runbox-boxexec}, built next to the launcher. */
    public Path execShim() {
        return launcher.resolveSibling("runbox-boxexec");
    }

    public SandboxConfig withStateDir(Path value) {
        return new SandboxConfig(bwrap, launcher, value, cgroupRoot, cgroupSubtree, firstUid, uidCount, readOnlyPaths,
                warmBoxes, reuseBoxes, prestartRuntimes);
    }

    public SandboxConfig withWarmBoxes(int value) {
        return new SandboxConfig(bwrap, launcher, stateDir, cgroupRoot, cgroupSubtree, firstUid, uidCount, readOnlyPaths,
                value, reuseBoxes, prestartRuntimes);
    }

    public SandboxConfig withReuseBoxes(boolean value) {
        return new SandboxConfig(bwrap, launcher, stateDir, cgroupRoot, cgroupSubtree, firstUid, uidCount, readOnlyPaths,
                warmBoxes, value, prestartRuntimes);
    }

    public SandboxConfig withPrestartRuntimes(boolean value) {
        return new SandboxConfig(bwrap, launcher, stateDir, cgroupRoot, cgroupSubtree, firstUid, uidCount, readOnlyPaths,
                warmBoxes, reuseBoxes, value);
    }
}
