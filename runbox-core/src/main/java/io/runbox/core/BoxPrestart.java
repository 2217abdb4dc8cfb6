package io.runbox.core;

import java.util.Map;

/**
 * How a command's runtime may be started ahead of its request (a language's {@code prestart} hook): a sandbox that
 * supports it starts the command with {@code env} added, the hook folder {@code hookDir} bound read-only at
 * {@link #BOX_DIR}, and releases it once the request is there; one that does not runs the command as it is. Either
 * way the program sees what a cold start shows it.
 *
 * @param hookDir the host folder holding the hook (absolute)
 * @param env     the variables that make the runtime load the hook
 */
public record BoxPrestart(String hookDir, Map<String, String> env) {
    /** Where the box sees {@link #hookDir}. */
    public static final String BOX_DIR = "/.runbox/prestart";

    public BoxPrestart {
        env = Map.copyOf(env);
        if (!hookDir.startsWith("/")) {
            throw new IllegalArgumentException("a hook folder must be absolute: " + hookDir);
        }
    }
}
