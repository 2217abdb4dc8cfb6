package io.runbox.execution.catalogue;

import java.nio.file.Path;
import java.util.Map;

/**
 * How a language's runtime is started ahead of its program (a {@code prestart:} section of {@code language.yaml}).
 * The box binds {@link #dir} read-only at {@link #BOX_DIR} and starts the run command with {@link #env} added to
 * its environment (plus {@code RUNBOX_PRESTART_FD}); the hook found there blocks until the release and then lets
 * the runtime run the program as a cold start would. A variable of {@link #env} the command's own environment
 * already has is moved to {@code RUNBOX_PRESTART_SAVED_<NAME>}, where the hook restores it from.
 *
 * @param dir the hook's folder, relative to the language's folder; an existing directory inside it
 * @param env the variables that make the runtime load the hook; at least one, none named {@code RUNBOX_PRESTART_*}
 */
public record PrestartSpec(String dir, Map<String, String> env) {
    /** Where the box binds {@link #dir}; the hook variables name their files under it. */
    public static final String BOX_DIR = io.runbox.core.BoxPrestart.BOX_DIR;
    /** The prefix of the variables the box itself adds and the hook removes. */
    public static final String RESERVED_PREFIX = "RUNBOX_PRESTART_";

    public PrestartSpec {
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** The hook's folder on the host, for a definition read from {@code languageDir}. */
    public Path hostDir(Path languageDir) {
        return languageDir.resolve(dir).normalize();
    }

    /** What the sandbox is told, for a definition read from {@code languageDir}. */
    public io.runbox.core.BoxPrestart forBox(Path languageDir) {
        return new io.runbox.core.BoxPrestart(hostDir(languageDir.toAbsolutePath()).toString(), env);
    }

    /** Why this section cannot be used for a definition read from {@code languageDir}, or {@code null} if it can. */
    String problem(Path languageDir) {
        if (dir == null || dir.isBlank() || Path.of(dir).isAbsolute() || !hostDir(languageDir).startsWith(languageDir)
                || hostDir(languageDir).equals(languageDir.normalize())) {
            return "prestart.dir must name a folder inside the language's folder";
        }
        if (!hostDir(languageDir).toFile().isDirectory()) {
            return "prestart.dir " + dir + " is not a directory";
        }
        if (env.isEmpty()) {
            return "prestart.env must name the variables that load the hook";
        }
        for (String name : env.keySet()) {
            if (name.startsWith(RESERVED_PREFIX)) {
                return "prestart.env may not set " + name + ": the box sets " + RESERVED_PREFIX + "* itself";
            }
        }
        return null;
    }
}
