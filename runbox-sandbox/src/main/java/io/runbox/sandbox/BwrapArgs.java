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
 * {@code /bin -> usr/bin} recreated as links; taken from the shape's root image instead of the host when it has one), the prepared {@code /etc}, a private {@code /proc}, {@code /dev} and size-capped
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
    /** Where a reused box sees {@code runbox-boxinit}, its first program, which runs the programs of its runs. */
    static final String INIT_SHIM = "/.runbox/init";
    /** Where a reused box sees the host's mounts of its runs' workspaces. */
    static final String WORKSPACES = "/.runbox/ws";
    /** The listening socket a reused box's {@code runbox-boxinit} takes requests on. */
    static final int LISTEN_FD = 12;
    /** The seccomp filter a reused box's {@code runbox-boxinit} loads for each program. */
    static final int INIT_SECCOMP_FD = 14;
    /**
     * What {@code runbox-boxinit} keeps, inside the box's user namespace only: mounts and namespaces for each run,
     * bringing up its {@code lo}, and dropping the bounding set before the program's exec.
     */
    static final List<String> INIT_CAPABILITIES = List.of("CAP_SYS_ADMIN", "CAP_NET_ADMIN", "CAP_SETPCAP");

    private BwrapArgs() {
    }

    /**
     * bwrap's options (the command itself follows {@code --} on the real command line). They reach bwrap
     * through a descriptor ({@code --args}), so the box's {@code /proc/1/cmdline} shows none of the host
     * paths they name.
     *
     * @param etc      the shape's {@code /etc} snapshot ({@link EtcSnapshots#forShape})
     * @param execShim the host path of {@code runbox-boxexec}, bound at {@link #EXEC_SHIM}: bwrap runs it
     *                 ({@link #command}), and it execs the command
     */
    static List<String> build(List<Path> readOnlyPaths, Path etc, Path workspace, BoxShape shape, Path execShim)
            throws IOException {
        List<String> a = common(readOnlyPaths, etc, shape, List.of());
        a.addAll(List.of("--bind", workspace.toString(), BoxCommand.BOX_DIR, "--chdir", BoxCommand.BOX_DIR));
        a.addAll(List.of("--ro-bind", execShim.toString(), EXEC_SHIM));
        a.addAll(environment(shape));
        a.addAll(List.of("--seccomp", Integer.toString(SECCOMP_FD)));
        return a;
    }

    /**
     * bwrap's options for a reused box ({@link ReusedBox}): the same box, but its first program is
     * {@code runbox-boxinit} (bound at {@link #INIT_SHIM}), which keeps the capabilities it needs to make each run's
     * namespaces and mounts (inside the box's user namespace only) and loads the seccomp filter for each program
     * itself; {@code /box} is an empty mount point each run's workspace is bound on, and {@code sharedPoint} (where
     * the host mounts the workspaces) is seen at {@link #WORKSPACES}.
     */
    static List<String> buildReused(List<Path> readOnlyPaths, Path etc, Path sharedPoint, BoxShape shape, Path initShim)
            throws IOException {
        List<String> a = common(readOnlyPaths, etc, shape, INIT_CAPABILITIES);
        a.addAll(List.of("--dir", BoxCommand.BOX_DIR, "--ro-bind", sharedPoint.toString(), WORKSPACES,
                "--chdir", BoxCommand.BOX_DIR));
        a.addAll(List.of("--ro-bind", initShim.toString(), INIT_SHIM));
        if (shape.prestartDir() != null) {
            a.addAll(List.of("--ro-bind", shape.prestartDir(), io.runbox.core.BoxPrestart.BOX_DIR));
        }
        a.addAll(environment(shape));
        return a;
    }

    /** What a reused box runs: {@code runbox-boxinit}, told the size of each run's {@code /tmp}. */
    static List<String> initCommand(BoxShape shape) {
        return List.of(INIT_SHIM, "--tmp-size", Long.toString(Math.max(4096, shape.limits().memoryBytes())));
    }

    private static List<String> common(List<Path> readOnlyPaths, Path etc, BoxShape shape, List<String> capabilities)
            throws IOException {
        List<String> a = new ArrayList<>(List.of(
                "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--cap-drop", "ALL"));
        for (String cap : capabilities) {
            a.addAll(List.of("--cap-add", cap));
        }
        a.addAll(List.of("--hostname", "runbox", "--uid", Integer.toString(BOX_UID), "--gid", Integer.toString(BOX_UID)));
        List<Path> paths = new ArrayList<>(readOnlyPaths);
        paths.addAll(shape.extraPaths());
        for (Path p : paths) {
            if (p.startsWith("/etc")) {
                continue; // in the shape's /etc snapshot (EtcSnapshots)
            }
            // From a root image, the image's own entry: a link stays a link, resolved inside the box.
            Path source = shape.source(p);
            if (!shape.insideRoot(source)) {
                continue;
            }
            if (Files.isSymbolicLink(source)) {
                a.addAll(List.of("--symlink", Files.readSymbolicLink(source).toString(), p.toString()));
            } else if (Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                a.addAll(List.of("--ro-bind", source.toString(), p.toString()));
            }
        }
        a.addAll(List.of("--ro-bind", etc.toString(), "/etc",
                "--proc", "/proc", "--dev", "/dev",
                "--size", Long.toString(shape.limits().memoryBytes()), "--perms", "1777", "--tmpfs", "/tmp"));
        return a;
    }

    private static List<String> environment(BoxShape shape) {
        List<String> a = new ArrayList<>(List.of("--remount-ro", "/", "--clearenv"));
        for (Map.Entry<String, String> e : new TreeMap<>(shape.env()).entrySet()) {
            a.addAll(List.of("--setenv", e.getKey(), e.getValue()));
        }
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
