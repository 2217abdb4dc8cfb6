package io.runbox.core;

import java.util.List;
import java.util.Map;

/**
 * How a command's runtime may be started ahead of its request (a language's {@code prestart} hook): a sandbox that
 * supports it starts {@code argv} (or, when that is {@code null}, the command itself) with {@code env} added, the
 * hook folder {@code hookDir} bound read-only at {@link #BOX_DIR}, and releases it once the request is there; one
 * that does not runs the command as it is. Either way the program sees what a cold start shows it.
 *
 * @param hookDir the host folder holding the hook (absolute)
 * @param env     the variables that make the runtime load the hook
 * @param argv    what to start ahead in place of the command (the command with the options that load the hook), or
 *                {@code null} for the command itself
 */
public record BoxPrestart(String hookDir, Map<String, String> env, List<String> argv) {
    /** Where the box sees {@link #hookDir}. */
    public static final String BOX_DIR = "/.runbox/prestart";

    /** A hook the command's own runtime loads through {@code env}. */
    public BoxPrestart(String hookDir, Map<String, String> env) {
        this(hookDir, env, null);
    }

    public BoxPrestart {
        env = Map.copyOf(env);
        argv = argv == null ? null : List.copyOf(argv);
        if (!hookDir.startsWith("/")) {
            throw new IllegalArgumentException("a hook folder must be absolute: " + hookDir);
        }
        if (argv != null && argv.isEmpty()) {
            throw new IllegalArgumentException("an empty pre-start command");
        }
    }

    /** What a box starts ahead for {@code command}: {@link #argv}, or the command's own when there is none. */
    public List<String> argvFor(BoxCommand command) {
        return argv != null ? argv : command.argv();
    }
}
