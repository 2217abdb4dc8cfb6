package io.runbox.execution.judge;

import io.runbox.core.StageResult;

/** The one rule from how a stage ended to a verdict, for the native judge and every dialect that judges. */
public final class Verdicts {
    private Verdicts() {
    }

    /**
     * The verdict of a run that its output does not decide, or {@code null} when the program ended normally within
     * every limit (its output decides next). A run whose CPU time passed {@code cpuTimeLimitMs} ({@code null}: no
     * such limit) is a time limit even if it ended in time otherwise.
     */
    public static Verdict ofRun(StageResult run, Long cpuTimeLimitMs) {
        Verdict v = switch (run.status()) {
            case OK -> null;
            case TIME_LIMIT -> Verdict.TIME_LIMIT_EXCEEDED;
            case MEMORY_LIMIT -> Verdict.MEMORY_LIMIT_EXCEEDED;
            case OUTPUT_LIMIT -> Verdict.OUTPUT_LIMIT_EXCEEDED;
            case RUNTIME_ERROR -> Verdict.RUNTIME_ERROR;
            case COMPILE_ERROR -> Verdict.COMPILATION_ERROR;
            case KILLED, INTERNAL_ERROR -> Verdict.INTERNAL_ERROR;
        };
        boolean overCpu = cpuTimeLimitMs != null && run.cpuMs() > cpuTimeLimitMs;
        if (overCpu && (v == null || v == Verdict.RUNTIME_ERROR)) {
            return Verdict.TIME_LIMIT_EXCEEDED;
        }
        return v;
    }

    /** The verdict of a compile stage that stopped the submission, or {@code null} when it compiled. */
    public static Verdict ofCompile(StageResult compile) {
        if (compile == null) {
            return null;
        }
        return switch (compile.status()) {
            case OK -> null;
            case KILLED, INTERNAL_ERROR -> Verdict.INTERNAL_ERROR;
            default -> Verdict.COMPILATION_ERROR;
        };
    }
}
