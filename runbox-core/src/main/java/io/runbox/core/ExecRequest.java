package io.runbox.core;

import java.util.List;
import java.util.Objects;

/**
 * What a caller asks the engine to do: compile (when the language needs it) and run a set of files.
 *
 * @param language        a language id or alias, such as {@code python} or {@code py}
 * @param version         a version selector: {@code null}/{@code *} for the default, an exact compiler id
 *                        ({@code gcc-12}), a version ({@code 3.11}) or a semver range ({@code >=17}, {@code 3.x})
 * @param files           the workspace; the first file is the entry point unless the language names one
 * @param stdin           bytes fed to the program's standard input
 * @param args            command-line arguments of the program
 * @param compilerOptions extra options for the compiler, appended where the language allows
 * @param limits          per-stage limits asked for; unset fields fall back to configuration
 * @param outputs         which files of the workspace come back with the result, and their caps
 */
public record ExecRequest(
        String language,
        String version,
        List<SourceFile> files,
        byte[] stdin,
        List<String> args,
        List<String> compilerOptions,
        StageLimits limits,
        OutputSpec outputs) {

    public ExecRequest {
        Objects.requireNonNull(language, "language");
        files = List.copyOf(files);
        stdin = stdin == null ? new byte[0] : stdin;
        args = args == null ? List.of() : List.copyOf(args);
        compilerOptions = compilerOptions == null ? List.of() : List.copyOf(compilerOptions);
        limits = limits == null ? StageLimits.UNSET : limits;
        outputs = outputs == null ? OutputSpec.NONE : outputs;
    }

    /** A request that asks for no files back. */
    public ExecRequest(String language, String version, List<SourceFile> files, byte[] stdin, List<String> args,
                       List<String> compilerOptions, StageLimits limits) {
        this(language, version, files, stdin, args, compilerOptions, limits, OutputSpec.NONE);
    }

    /** A single-file request with defaults for everything else. */
    public static ExecRequest of(String language, SourceFile file) {
        return new ExecRequest(language, null, List.of(file), null, null, null, null);
    }

    public ExecRequest withStdin(byte[] value) {
        return new ExecRequest(language, version, files, value, args, compilerOptions, limits, outputs);
    }

    public ExecRequest withArgs(List<String> value) {
        return new ExecRequest(language, version, files, stdin, value, compilerOptions, limits, outputs);
    }

    public ExecRequest withLimits(StageLimits value) {
        return new ExecRequest(language, version, files, stdin, args, compilerOptions, value, outputs);
    }

    public ExecRequest withOutputs(OutputSpec value) {
        return new ExecRequest(language, version, files, stdin, args, compilerOptions, limits, value);
    }

    public ExecRequest withVersion(String value) {
        return new ExecRequest(language, value, files, stdin, args, compilerOptions, limits, outputs);
    }
}
