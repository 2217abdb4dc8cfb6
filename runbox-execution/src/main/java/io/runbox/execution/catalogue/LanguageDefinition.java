package io.runbox.execution.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One {@code language.yaml}, as written. Command lists are templates expanded by {@link CommandTemplate}.
 *
 * @param id         the language id, equal to its folder's name
 * @param name       display name
 * @param aliases    other names a request may use
 * @param extensions file extensions (without dot) that mean this language
 * @param sourceFile the file name single-source requests are written to
 * @param toolchain  how to find installed toolchains and read their versions; with {@code toolchains}, the first of them
 * @param toolchains several kinds of toolchain of one language (gcc and clang for C), each found and versioned on its
 *                   own and each free to replace the language's commands ({@link ToolchainSpec}); empty when the
 *                   language has one kind, given as {@code toolchain}
 * @param compile    the compile command, or {@code null} for interpreted languages
 * @param run        the run command
 * @param env        environment of both stages, on top of the sandbox's base environment
 * @param paths      host paths the toolchain needs in the box, read-only, such as its own {@code /etc} entries
 *                   (templates: {@code {prefix}}, and the toolchain's {@code {major}}, {@code {minor}}, {@code {patch}},
 *                   {@code {version}}); missing ones are skipped
 * @param limits     per-stage limit overrides
 * @param session    the REPL driver that keeps state between calls of a session, or {@code null}
 * @param prestart   how the runtime is started ahead of its program, or {@code null} if it is not
 * @param warmCompile a long-lived compiler that serves the compiles it may, or {@code null} if there is none
 * @param diagnostics how its compiler's or interpreter's messages name places in the program, or {@code null} when
 *                   they are not read (each kind of toolchain that gives none of its own shares it)
 * @param install    how {@code ./runbox setup} installs the toolchain
 * @param dir        the folder the definition was read from (set by the loader)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record LanguageDefinition(
        String id,
        String name,
        List<String> aliases,
        List<String> extensions,
        @JsonProperty("source_file") String sourceFile,
        ToolchainSpec toolchain,
        List<ToolchainSpec> toolchains,
        List<String> compile,
        List<String> run,
        Map<String, String> env,
        @JsonProperty("sandbox_paths") List<String> paths,
        LimitsSpec limits,
        SessionSpec session,
        PrestartSpec prestart,
        @JsonProperty("warm_compile") WarmCompileSpec warmCompile,
        DiagnosticsSpec diagnostics,
        InstallSpec install,
        Path dir) {

    public LanguageDefinition {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        env = env == null ? Map.of() : Map.copyOf(env);
        paths = paths == null ? List.of() : List.copyOf(paths);
        limits = limits == null ? LimitsSpec.NONE : limits;
        install = install == null ? InstallSpec.NONE : install;
        toolchains = toolchains == null ? List.of() : List.copyOf(toolchains);
        if (toolchain == null && !toolchains.isEmpty()) {
            toolchain = toolchains.get(0);
        }
    }

    /**
     * This language as each of its kinds of toolchain runs it: itself when it has one kind; else, per entry of
     * {@code toolchains}, a definition with that entry as its only toolchain and the entry's commands, environment,
     * paths, limits, session and diagnostics in place of the language's. An entry with a {@code run} of its own runs
     * without the language's pre-start, and one with a {@code compile} of its own compiles without the language's warm
     * compiler: both are made for the language's own toolchain.
     */
    public List<LanguageDefinition> perToolchain() {
        List<ToolchainSpec> kinds = kinds();
        if (kinds.size() == 1) {
            return List.of(this);
        }
        return kinds.stream().map(t -> {
            Map<String, String> mergedEnv = new java.util.LinkedHashMap<>(env);
            mergedEnv.putAll(t.env());
            List<String> mergedPaths = new java.util.ArrayList<>(paths);
            mergedPaths.addAll(t.paths());
            return new LanguageDefinition(id, name, aliases, extensions, sourceFile, t, List.of(),
                    t.compile() == null ? compile : t.compile(), t.run() == null ? run : t.run(), mergedEnv,
                    mergedPaths, t.limits() == null ? limits : t.limits(), t.session() != null ? t.session() : session,
                    t.run() == null ? prestart : null, t.compile() == null ? warmCompile : null,
                    t.diagnostics() != null ? t.diagnostics() : diagnostics, install, dir);
        }).toList();
    }

    /**
     * Every kind of toolchain of the language, in order: each entry of {@code toolchains} (or the one
     * {@code toolchain}) followed by the same kind from each root image its {@code images} names.
     */
    public List<ToolchainSpec> kinds() {
        return (toolchains.isEmpty() ? List.of(toolchain) : toolchains).stream()
                .flatMap(t -> t.withImages().stream()).toList();
    }

    public boolean isCompiled() {
        return compile != null && !compile.isEmpty();
    }

    /**
     * The name of a request's file number {@code index} (from 0) that came without one: {@link #sourceFile} for
     * the first, the entry point; {@code file<index>} with the source file's extension for the others, so that
     * they are compiled with it or can be imported by it ({@code file1.c}, {@code file1.py}).
     */
    public String unnamedFile(int index) {
        if (index == 0) {
            return sourceFile;
        }
        int dot = sourceFile.lastIndexOf('.');
        return "file" + index + (dot < 0 ? "" : sourceFile.substring(dot));
    }

    LanguageDefinition withDir(Path value) {
        return new LanguageDefinition(id, name, aliases, extensions, sourceFile, toolchain, toolchains, compile, run, env,
                paths, limits, session, prestart, warmCompile, diagnostics, install, value);
    }

    /** This definition without its {@code prestart} section: the language is never started ahead. */
    LanguageDefinition withoutPrestart() {
        return new LanguageDefinition(id, name, aliases, extensions, sourceFile, toolchain, toolchains, compile, run, env,
                paths, limits, session, null, warmCompile, diagnostics, install, dir);
    }

    /**
     * Where installed toolchains are found. In a {@code toolchains} list an entry may also replace what the language
     * says for its toolchains: {@code compile}, {@code run}, {@code limits}, {@code session} and {@code diagnostics}
     * replace, {@code env} and {@code sandbox_paths} add to the language's.
     *
     * @param discover       a glob of candidate executables; {@code {prefix}} is Runbox's toolchain prefix
     * @param match          a regex a candidate's file name must match whole, or {@code null}
     * @param versionCommand prints the version; {@code {tool}} is the candidate
     * @param versionRegex   its first group is the version
     * @param compilerId     the compiler id template, such as {@code gcc-{major}}
     * @param compile        this kind's compile command, or {@code null} for the language's
     * @param run            this kind's run command, or {@code null} for the language's
     * @param env            added to the language's environment
     * @param paths          added to the language's sandbox paths
     * @param limits         this kind's limits, or {@code null} for the language's
     * @param install        how this kind is installed, in its own set (the language's {@code install} installs the
     *                       language's first kind)
     * @param image          the Debian suite whose root image ({@code {prefix}/rootfs/<suite>}) holds this kind, or
     *                       {@code null} for the host's own system: discovery, the version command and every box of
     *                       the kind then see the image as {@code /}, and {@code install.debian} goes into the image
     * @param session        this kind's session driver, or {@code null} for the language's
     * @param diagnostics    how this kind's messages are read, or {@code null} for the language's way
     * @param images         the same kind again from root images: suite to the Debian packages that install it there
     *                       ({@code trixie: [gcc-13, gcc-14]}), each a kind of its own ({@link #withImages}), in the
     *                       {@code extra} set; only on a kind of the host's own system
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ToolchainSpec(
            String discover,
            String match,
            @JsonProperty("version_command") List<String> versionCommand,
            @JsonProperty("version_regex") String versionRegex,
            @JsonProperty("compiler_id") String compilerId,
            List<String> compile,
            List<String> run,
            Map<String, String> env,
            @JsonProperty("sandbox_paths") List<String> paths,
            LimitsSpec limits,
            InstallSpec install,
            SessionSpec session,
            DiagnosticsSpec diagnostics,
            String image,
            Map<String, List<String>> images) {

        public ToolchainSpec {
            if (image != null && !image.matches(SUITE)) {
                throw new IllegalArgumentException("image '" + image + "' is not a Debian suite name");
            }
            images = images == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(images));
            if (image != null && !images.isEmpty()) {
                throw new IllegalArgumentException("a kind from a root image (image: " + image + ") has no images of its own");
            }
            for (Map.Entry<String, List<String>> e : images.entrySet()) {
                if (!e.getKey().matches(SUITE) || e.getValue() == null || e.getValue().isEmpty()) {
                    throw new IllegalArgumentException("images: '" + e.getKey()
                            + "' must be a Debian suite name with the packages that install this kind there");
                }
            }
            env = env == null ? Map.of() : Map.copyOf(env);
            paths = paths == null ? List.of() : List.copyOf(paths);
            install = install == null ? InstallSpec.NONE : install;
        }

        /** A toolchain that takes the language's commands, environment, paths and limits. */
        public ToolchainSpec(String discover, String match, List<String> versionCommand, String versionRegex,
                             String compilerId) {
            this(discover, match, versionCommand, versionRegex, compilerId, null, null, null, null, null, null, null, null,
                    null, null);
        }

        private static final String SUITE = "[a-z][a-z0-9-]{0,31}";

        /** The kind's name: {@link #name}, and for a kind from a root image its suite after a slash ({@code gcc/trixie}). */
        public String kindName() {
            return image == null ? name() : name() + "/" + image;
        }

        /** This kind, then the same kind from each of its {@link #images}, installed there by their packages. */
        public List<ToolchainSpec> withImages() {
            List<ToolchainSpec> out = new java.util.ArrayList<>(List.of(this));
            images.forEach((suite, packages) -> out.add(new ToolchainSpec(discover, match, versionCommand, versionRegex,
                    compilerId, compile, run, env, paths, limits,
                    new InstallSpec(InstallSpec.Tier.EXTRA, packages, List.of(), List.of()), session, diagnostics,
                    suite, null)));
            return out;
        }

        /**
         * The toolchain's name: its compiler ids without their version, that is the literal start of
         * {@link #compilerId} without a trailing separator ({@code gcc} for {@code gcc-{major}}, {@code python}
         * for {@code python-{major}.{minor}}).
         */
        public String name() {
            int placeholder = compilerId.indexOf('{');
            String start = placeholder < 0 ? compilerId : compilerId.substring(0, placeholder);
            int end = start.length();
            while (end > 0 && "-_.".indexOf(start.charAt(end - 1)) >= 0) {
                end--;
            }
            return start.substring(0, end);
        }
    }

    /**
     * A session driver: {@code driver} is a file next to {@code language.yaml}, copied into the session's
     * workspace as {@code .session-driver.<ext>}; {@code command} starts it (a template, like {@code run}).
     */
    public record SessionSpec(String driver, List<String> command) {
    }
}
