package io.runbox.execution.judge;

import io.runbox.core.OutputFile;
import io.runbox.core.StageResult;
import java.util.List;

/**
 * What one test case came to.
 *
 * @param index     its place in the request, from 0
 * @param verdict   its verdict, or {@code null} when it was skipped (an earlier case failed and the request asked to
 *                  stop)
 * @param run       the solution's run (the median one when a case ran several times), or {@code null} when skipped
 * @param mismatch  where the output first differed, for a wrong answer the comparison found
 * @param message   what the checker or interactor said (its output, cut), or why the case is an internal error
 * @param files     the files the solution's run left that the submission asked for ({@code output_files})
 */
public record CaseResult(int index, Verdict verdict, StageResult run, Mismatch mismatch, String message,
                         List<OutputFile> files) {
    public CaseResult {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** A case without returned files. */
    public CaseResult(int index, Verdict verdict, StageResult run, Mismatch mismatch, String message) {
        this(index, verdict, run, mismatch, message, List.of());
    }

    static CaseResult skipped(int index) {
        return new CaseResult(index, null, null, null, null);
    }

    CaseResult withFiles(List<OutputFile> value) {
        return new CaseResult(index, verdict, run, mismatch, message, value);
    }
}
