package io.runbox.core;

/**
 * The outcome of an execution.
 *
 * @param language   the resolved language id
 * @param version    the resolved toolchain version, such as {@code 3.11.2}
 * @param compilerId the resolved compiler id, such as {@code python-3.11}
 * @param compile    the compile stage, or {@code null} for interpreted languages
 * @param run        the run stage, or {@code null} when compilation failed
 */
public record ExecResult(String language, String version, String compilerId, StageResult compile, StageResult run) {

    /** The status that sums the execution up: the compile stage's if it failed, else the run's. */
    public Status status() {
        if (run == null) {
            return compile == null ? Status.INTERNAL_ERROR : compile.status() == Status.OK ? Status.INTERNAL_ERROR : compile.status();
        }
        return run.status();
    }
}
