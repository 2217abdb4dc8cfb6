package io.runbox.sandbox;

import io.runbox.core.BoxCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bubblewrap command line of one box: every namespace unshared (so no network), no nested user
 * namespaces, a new session, all capabilities dropped, read-only system paths (links such as a merged
 * {@code /bin -> usr/bin} recreated as links), the prepared {@code /etc}, a private {@code /proc}, {@code /dev} and size-capped
 * {@code /tmp}, the workspace read-write at {@code /box}, everything else read-only, and only the command's own environment.
 */
final class BwrapArgs {
    static final int BOX_UID = 1000;
    static final int SECCOMP_FD = 10;
    static final int ARGS_FD = 11;
    /** The FIFO a warm box's {@code runbox-boxexec} reads its command from ({@link ReleaseMessage}). */
    static final int RELEASE_FD = 12;
    /** The box's status channel ({@link BoxStatus}): the launcher and {@code runbox-boxexec} write there, never the program. */
    static final int STATUS_FD = 13;
    /** Where every box sees {@code runbox-boxexec}, the box's first program, which execs the command. */
    static final String EXEC_SHIM = "/.runbox/exec";

    private BwrapArgs() {
    }

    /**
     * bwrap's options (the command itself follows {@code --} on the real command line). They reach bwrap
     * through a descriptor ({@code --args}), so the box's {@code /proc/1/cmdline} shows none of the host
     * paths they name.
     *
     * @param etc      the shape's {@code /etc} snapshot ({@link EtcSnapshots#forPaths})
     * @param execShim the host path of {@code runbox-boxexec}, bound at {@link #EXEC_SHIM}: bwrap runs it
     *                 ({@link #command}), and it execs the command
     */
    static List<String> build(List<Path> readOnlyPaths, Path etc, Path workspace, BoxShape shape, Path execShim)
            throws IOException {
        List<String> a = new ArrayList<>(List.of(
                "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--hostname", "runbox", "--uid", Integer.toString(BOX_UID), "--gid", Integer.toString(BOX_UID)));
        List<Path> paths = new ArrayList<>(readOnlyPaths);
        paths.addAll(shape.extraPaths());
        for (Path p : paths) {
            if (p.startsWith("/etc")) {
                continue; // in the shape's /etc snapshot (EtcSnapshots)
            }
            if (Files.isSymbolicLink(p)) {
                a.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), p.toString()));
            } else if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                a.addAll(List.of("--ro-bind", p.toString(), p.toString()));
            }
        }
        a.addAll(List.of("--ro-bind", etc.toString(), "/etc",
                "--proc", "/proc", "--dev", "/dev",
                "--size", Long.toString(shape.limits().memoryBytes()), "--perms", "1777", "--tmpfs", "/tmp",
                "--bind", workspace.toString(), BoxCommand.BOX_DIR, "--chdir", BoxCommand.BOX_DIR));
        a.addAll(List.of("--ro-bind", execShim.toString(), EXEC_SHIM));
        a.addAll(List.of("--remount-ro", "/", "--clearenv"));
        for (Map.Entry<String, String> e : new TreeMap<>(shape.env()).entrySet()) {
            a.addAll(List.of("--setenv", e.getKey(), e.getValue()));
        }
        a.addAll(List.of("--seccomp", Integer.toString(SECCOMP_FD)));
        return a;
    }

    /**
     * What bwrap runs: {@code runbox-boxexec} followed by the command, or alone for a warm box ({@code argv}
     * {@code null}), which then reads its command when released.
     */
    static List<String> command(List<String> argv) {
        List<String> c = new ArrayList<>(List.of(EXEC_SHIM));
        if (argv != null) {
            c.addAll(argv);
        }
        return c;
    }
}
