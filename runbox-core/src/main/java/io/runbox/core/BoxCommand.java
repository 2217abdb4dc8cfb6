package io.runbox.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run inside a box.
 *
 * @param argv   the program and its arguments, with paths as seen inside the box
 * @param env    the whole environment of the program (nothing of the host's is inherited)
 * @param stdin  bytes fed to standard input, which is then closed
 * @param limits complete limits ({@link Limits#isComplete()})
 * @param paths  host paths this command needs read-only at the same place, beyond the sandbox's system
 *               paths (a toolchain's own data, say); missing ones are skipped
 * @param io     live input and output, or {@code null} for a run that is only collected
 * @param prestart how the runtime may be started ahead of the request, or {@code null}
 * @param root   the root image the box's system paths, {@code paths} and {@code /etc} come from (a directory Runbox's
 *               installer built, such as {@code /opt/runbox/rootfs/trixie}: absolute and normalised), or {@code null}
 *               for the host's own
 * @param cpuTime the CPU time (of all its processes) at which the box is killed as a time limit, or {@code null}
 */
public record BoxCommand(List<String> argv, Map<String, String> env, byte[] stdin, Limits limits, List<String> paths,
                         BoxIo io, BoxPrestart prestart, String root, java.time.Duration cpuTime) {
    /** A command on a root image (or the host's system paths), with no CPU-time limit of its own. */
    public BoxCommand(List<String> argv, Map<String, String> env, byte[] stdin, Limits limits, List<String> paths,
                      BoxIo io, BoxPrestart prestart, String root) {
        this(argv, env, stdin, limits, paths, io, prestart, root, null);
    }

    /** A command on the host's own system paths. */
    public BoxCommand(List<String> argv, Map<String, String> env, byte[] stdin, Limits limits, List<String> paths,
                      BoxIo io, BoxPrestart prestart) {
        this(argv, env, stdin, limits, paths, io, prestart, null);
    }

    /** A command whose runtime is never started ahead. */
    public BoxCommand(List<String> argv, Map<String, String> env, byte[] stdin, Limits limits, List<String> paths,
                      BoxIo io) {
        this(argv, env, stdin, limits, paths, io, null);
    }

    /** A command that needs nothing beyond the sandbox's system paths. */
    public BoxCommand(List<String> argv, Map<String, String> env, byte[] stdin, Limits limits) {
        this(argv, env, stdin, limits, List.of(), null, null);
    }

    /** A command with extra read-only paths and no live I/O. */
    public BoxCommand(List<String> argv, Map<String, String> env, byte[] stdin, Limits limits, List<String> paths) {
        this(argv, env, stdin, limits, paths, null, null);
    }

    /** This command, whose runtime may be started ahead as {@code value} says. */
    public BoxCommand withPrestart(BoxPrestart value) {
        return new BoxCommand(argv, env, stdin, limits, paths, io, value, root, cpuTime);
    }

    /** This command, in a box whose system paths come from the root image {@code value} ({@code null}: the host's). */
    public BoxCommand withRoot(String value) {
        return new BoxCommand(argv, env, stdin, limits, paths, io, prestart, value, cpuTime);
    }

    /**
     * This command, killed (as a time limit) once its processes used {@code value} of CPU time, checked about ten
     * times a second; {@code null}: only the wall time limits it.
     */
    public BoxCommand withCpuTime(java.time.Duration value) {
        return new BoxCommand(argv, env, stdin, limits, paths, io, prestart, root, value);
    }

    /** Where the workspace appears inside every box; also the working directory. */
    public static final String BOX_DIR = "/box";

    public BoxCommand {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        paths = paths == null ? List.of() : List.copyOf(paths);
        stdin = stdin == null ? new byte[0] : stdin;
        Objects.requireNonNull(limits, "limits");
        if (root != null && (!java.nio.file.Path.of(root).isAbsolute()
                || !java.nio.file.Path.of(root).normalize().toString().equals(root) || root.equals("/"))) {
            throw new IllegalArgumentException("a root image must be an absolute, normalised directory: " + root);
        }
        if (cpuTime != null && (cpuTime.isNegative() || cpuTime.isZero())) {
            throw new IllegalArgumentException("a CPU-time limit must be positive: " + cpuTime);
        }
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        if (!limits.isComplete()) {
            throw new IllegalArgumentException("limits must be resolved before reaching a sandbox: " + limits);
        }
    }
}
