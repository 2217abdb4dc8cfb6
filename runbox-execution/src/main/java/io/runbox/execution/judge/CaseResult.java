package io.runbox.execution.judge;

import io.runbox.core.StageResult;

/**
 * What one test case came to.
 *
 * @param index     its place in the request, from 0
 * @param verdict   its verdict, or {@code null} when it was skipped (an earlier case failed and the request asked to
 *                  stop)
 * @param run       the solution's run (the median one when a case ran several times), or {@code null} when skipped
 * @param mismatch  where the output first differed, for a wrong answer the comparison found
 * @param message   what the checker or interactor said (its output, cut), or why the case is an internal error
 */
public record CaseResult(int index, Verdict verdict, StageResult run, Mismatch mismatch, String message) {
    static CaseResult skipped(int index) {
        return new CaseResult(index, null, null, null, null);
    }
}
