package io.runbox.execution.judge;

import io.runbox.core.ExecRequest;
import java.util.List;
import java.util.Objects;

/**
 * A submission to judge.
 *
 * @param submission        the program, compiled once; its run limits are every case's unless a case sets its own
 * @param tests             the test cases, at least one
 * @param comparison        how an output is compared with the expected one when no checker decides
 * @param checker           a checker program (testlib's convention: {@code checker input.txt output.txt answer.txt};
 *                          exit 0 accepted, 1 wrong answer, anything else a checker failure), or {@code null}
 * @param interactor        an interactor program talking with the solution through their standard streams (the
 *                          case's input is its {@code input.txt}; exit 0 accepted, 1 wrong answer, anything else a
 *                          failure), or {@code null}
 * @param cpuTime           the CPU-time limit of each run, or {@code null} for none (the wall time still holds)
 * @param stopOnFirstFailure stop taking cases after the first that is not accepted
 * @param runsPerCase       runs of each case (at least 1); times and memory reported are the median's
 * @param stderrToStdout    compare standard output with standard error merged into it, in the order the chunks came
 *                          ({@link RunOutput})
 */
public record JudgeRequest(ExecRequest submission, List<TestCase> tests, Comparison comparison, ExecRequest checker,
                           ExecRequest interactor, CpuTime cpuTime, boolean stopOnFirstFailure, int runsPerCase,
                           boolean stderrToStdout) {
    public JudgeRequest {
        Objects.requireNonNull(submission, "submission");
        tests = List.copyOf(tests);
        comparison = comparison == null ? Comparison.of(Comparison.Mode.LINES) : comparison;
        if (tests.isEmpty()) {
            throw new IllegalArgumentException("at least one test case");
        }
        if (runsPerCase < 1) {
            throw new IllegalArgumentException("runs per case must be at least 1");
        }
        if (checker != null && interactor != null) {
            throw new IllegalArgumentException("a checker or an interactor, not both");
        }
    }

    /** The same judging of another submission (its caps settled by a plan, say). */
    public JudgeRequest withSubmission(ExecRequest value) {
        return new JudgeRequest(value, tests, comparison, checker, interactor, cpuTime, stopOnFirstFailure,
                runsPerCase, stderrToStdout);
    }
}
