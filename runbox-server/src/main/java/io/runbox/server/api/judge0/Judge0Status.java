package io.runbox.server.api.judge0;

import io.runbox.core.StageResult;
import io.runbox.execution.judge.Verdict;

/**
 * Judge0's fourteen statuses, with the ids and descriptions Judge0 CE 1.13 gives them, and the one rule from an engine
 * verdict to them. A run killed by the memory limit is a runtime error (Judge0 has no memory verdict: its clients see a
 * SIGKILL there); one stopped by the output cap or the file-size limit is {@link #SIGXFSZ}.
 */
public enum Judge0Status {
    IN_QUEUE(1, "In Queue"),
    PROCESSING(2, "Processing"),
    ACCEPTED(3, "Accepted"),
    WRONG_ANSWER(4, "Wrong Answer"),
    TIME_LIMIT_EXCEEDED(5, "Time Limit Exceeded"),
    COMPILATION_ERROR(6, "Compilation Error"),
    SIGSEGV(7, "Runtime Error (SIGSEGV)"),
    SIGXFSZ(8, "Runtime Error (SIGXFSZ)"),
    SIGFPE(9, "Runtime Error (SIGFPE)"),
    SIGABRT(10, "Runtime Error (SIGABRT)"),
    NZEC(11, "Runtime Error (NZEC)"),
    OTHER(12, "Runtime Error (Other)"),
    INTERNAL_ERROR(13, "Internal Error"),
    EXEC_FORMAT_ERROR(14, "Exec Format Error");

    private final int id;
    private final String description;

    Judge0Status(int id, String description) {
        this.id = id;
        this.description = description;
    }

    public int id() {
        return id;
    }

    public String description() {
        return description;
    }

    /**
     * The status of a judged submission: its verdict, and for a runtime error the signal that ended the stage that
     * decided it ({@code run}; {@code null} when the program never ran). Signals map as Judge0 maps them: 11 SIGSEGV,
     * 25 SIGXFSZ, 8 SIGFPE, 6 SIGABRT, any other {@link #OTHER}; a non-zero exit without a signal is {@link #NZEC}.
     */
    public static Judge0Status of(Verdict verdict, StageResult run) {
        return switch (verdict) {
            case ACCEPTED -> ACCEPTED;
            case WRONG_ANSWER -> WRONG_ANSWER;
            case TIME_LIMIT_EXCEEDED -> TIME_LIMIT_EXCEEDED;
            case COMPILATION_ERROR -> COMPILATION_ERROR;
            case INTERNAL_ERROR -> INTERNAL_ERROR;
            case OUTPUT_LIMIT_EXCEEDED -> SIGXFSZ;
            case MEMORY_LIMIT_EXCEEDED -> OTHER;
            case RUNTIME_ERROR -> run == null || run.signal() == null ? NZEC : bySignal(run.signal());
        };
    }

    private static Judge0Status bySignal(int signal) {
        return switch (signal) {
            case 11 -> SIGSEGV;
            case 25 -> SIGXFSZ;
            case 8 -> SIGFPE;
            case 6 -> SIGABRT;
            default -> OTHER;
        };
    }

    /** The status Judge0 gives this id, if any. */
    public static java.util.Optional<Judge0Status> byId(int id) {
        for (Judge0Status s : values()) {
            if (s.id == id) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }
}
