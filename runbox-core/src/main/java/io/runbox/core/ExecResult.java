package io.runbox.core;

import java.util.List;

/**
 * The outcome of an execution, and the one rule for what a client is shown of it when it is shown a single
 * stage: the run, or the compile stage when compilation stopped the request (then the program printed nothing).
 *
 * @param language   the resolved language id
 * @param version    the resolved toolchain version, such as {@code 3.11.2}
 * @param compilerId the resolved compiler id, such as {@code python-3.11}
 * @param compile    the compile stage, or {@code null} for interpreted languages
 * @param run        the run stage, or {@code null} when compilation failed
 * @param files      the files the run left that the request asked for ({@link OutputSpec}), in name order
 */
public record ExecResult(String language, String version, String compilerId, StageResult compile, StageResult run,
                         List<OutputFile> files) {

    public ExecResult {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** A result without files. */
    public ExecResult(String language, String version, String compilerId, StageResult compile, StageResult run) {
        this(language, version, compilerId, compile, run, List.of());
    }

    public ExecResult withFiles(List<OutputFile> value) {
        return new ExecResult(language, version, compilerId, compile, run, value);
    }

    /** The status that sums the execution up: the compile stage's if it failed, else the run's. */
    public Status status() {
        if (run == null) {
            return compile == null ? Status.INTERNAL_ERROR : compile.status() == Status.OK ? Status.INTERNAL_ERROR : compile.status();
        }
        return run.status();
    }

    /**
     * The stage whose exit code, signal, time, memory and truncation sum the execution up: the run, or the
     * compile stage when the program never ran.
     */
    public StageResult finalStage() {
        return run != null ? run : compile;
    }

    /** What the program wrote to standard output; empty when it never ran. */
    public String programStdout() {
        return run == null ? "" : run.stdout();
    }

    /** What the program wrote to standard error; empty when it never ran. */
    public String programStderr() {
        return run == null ? "" : run.stderr();
    }

    /** Everything the compiler printed, its stdout then its stderr; empty when nothing was compiled. */
    public String compilerOutput() {
        return compile == null ? "" : compile.stdout() + compile.stderr();
    }

    /**
     * For a client with one error stream: the program's standard error, or, when compilation stopped the
     * request, everything the compiler printed.
     */
    public String errorOutput() {
        return run == null ? compilerOutput() : run.stderr();
    }

    /** Wall time of the run stage; 0 when the program never ran. */
    public long runWallMs() {
        return run == null ? 0 : run.wallMs();
    }

    /** Wall time of both stages together. */
    public long totalWallMs() {
        return (compile == null ? 0 : compile.wallMs()) + runWallMs();
    }
}
