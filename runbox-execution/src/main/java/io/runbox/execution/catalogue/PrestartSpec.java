package io.runbox.execution.catalogue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a language's runtime is started ahead of its program (a {@code prestart:} section of {@code language.yaml}).
 * The box binds {@link #dir} read-only at {@link #BOX_DIR} and starts the run command, or {@link #command} when the
 * section has one, with {@link #env} added to its environment (plus {@code RUNBOX_PRESTART_FD}); the hook found there
 * blocks until the release and then lets the runtime run the program as a cold start would. A variable of
 * {@link #env} the command's own environment already has is moved to {@code RUNBOX_PRESTART_SAVED_<NAME>}, where the
 * hook restores it from.
 *
 * @param dir     the hook's folder, relative to the language's folder; an existing directory inside it
 * @param env     the variables that make the runtime load the hook; none named {@code RUNBOX_PRESTART_*}
 * @param command what is started ahead in place of the run command, or {@code null} for the run command itself: a
 *                template like {@code run}, expanded with the run's values, which is the run command with elements
 *                added that name the hook's files ({@code /.runbox/prestart/...}); a section has {@code env},
 *                {@code command} or both. When a file it names is missing, the language is not pre-started
 *                ({@link #missingHookFile}).
 */
public record PrestartSpec(String dir, Map<String, String> env, List<String> command) {
    /** Where the box binds {@link #dir}; the hook variables name their files under it. */
    public static final String BOX_DIR = io.runbox.core.BoxPrestart.BOX_DIR;
    /** The prefix of the variables the box itself adds and the hook removes. */
    public static final String RESERVED_PREFIX = "RUNBOX_PRESTART_";

    public PrestartSpec {
        env = env == null ? Map.of() : Map.copyOf(env);
        command = command == null ? null : List.copyOf(command);
    }

    /** The hook's folder on the host, for a definition read from {@code languageDir}. */
    public Path hostDir(Path languageDir) {
        return languageDir.resolve(dir).normalize();
    }

    /**
     * What the sandbox is told, for a definition read from {@code languageDir} and a run whose values expand
     * {@link #command} to {@code argv} ({@code null} when the section has no command).
     */
    public io.runbox.core.BoxPrestart forBox(Path languageDir, List<String> argv) {
        return new io.runbox.core.BoxPrestart(hostDir(languageDir.toAbsolutePath()).toString(), env, argv);
    }

    /**
     * Why this section cannot be used for a definition read from {@code languageDir} whose run command is
     * {@code run}, or {@code null} if it can.
     */
    String problem(Path languageDir, List<String> run) {
        if (dir == null || dir.isBlank() || Path.of(dir).isAbsolute() || !hostDir(languageDir).startsWith(languageDir)
                || hostDir(languageDir).equals(languageDir.normalize())) {
            return "prestart.dir must name a folder inside the language's folder";
        }
        if (!hostDir(languageDir).toFile().isDirectory()) {
            return "prestart.dir " + dir + " is not a directory";
        }
        if (env.isEmpty() && command == null) {
            return "prestart must name the variables (env) or the command that load the hook";
        }
        for (String name : env.keySet()) {
            if (name.startsWith(RESERVED_PREFIX)) {
                return "prestart.env may not set " + name + ": the box sets " + RESERVED_PREFIX + "* itself";
            }
        }
        return command == null ? null : commandProblem(languageDir, run);
    }

    private String commandProblem(Path languageDir, List<String> run) {
        if (!command.stream().filter(e -> !namesHookFile(e)).toList().equals(run)) {
            return "prestart.command must be the run command with elements added that name the hook's files ("
                    + BOX_DIR + "/...)";
        }
        for (String element : command) {
            if (namesHookFile(element) && !hostFile(languageDir, element).startsWith(hostDir(languageDir))) {
                return "prestart.command names a file outside " + dir + ": " + element;
            }
        }
        return null;
    }

    /**
     * A file of the hook that {@link #command} names and {@link #dir} does not hold (a hook built from source that
     * was not built), as its box path; {@code null} when every one is there.
     */
    public String missingHookFile(Path languageDir) {
        for (String element : command == null ? List.<String>of() : command) {
            if (namesHookFile(element) && !Files.isRegularFile(hostFile(languageDir, element))) {
                return element.substring(element.indexOf(BOX_DIR + "/"));
            }
        }
        return null;
    }

    /** The host file a command element naming {@code /.runbox/prestart/FILE} means. */
    private Path hostFile(Path languageDir, String element) {
        return hostDir(languageDir).resolve(element.substring(element.indexOf(BOX_DIR + "/") + BOX_DIR.length() + 1))
                .normalize();
    }

    /** Whether a command element names a file of the hook: it holds {@code /.runbox/prestart/}. */
    private static boolean namesHookFile(String element) {
        return element.contains(BOX_DIR + "/");
    }
}
