package io.runbox.execution.judge;

import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.Limits;
import io.runbox.core.SourceFile;
import io.runbox.core.StageResult;
import io.runbox.core.Status;
import io.runbox.execution.FileNames;
import io.runbox.execution.PreparedProgram;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.RequestRejectedException.Reason;
import io.runbox.execution.RequestRunner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Judges a submission: compiles it once ({@link RequestRunner#prepare}), then runs each test case in a fresh box from
 * the compiled tree, {@code parallel} cases at a time, and gives each a {@link Verdict}: from how the run ended
 * ({@link Verdicts}), else from a checker, an interactor or the {@link Comparison}. A checker or interactor is itself
 * compiled once and runs in boxes of its own; its failure is an {@link Verdict#INTERNAL_ERROR}, never an acceptance.
 * Interrupting the calling thread stops every case's box.
 */
public final class Judge {
    /** The case's input, in a checker's or interactor's workspace. */
    public static final String INPUT = "input.txt";
    /** The solution's output, in a checker's workspace. */
    public static final String OUTPUT = "output.txt";
    /** The expected output, in a checker's workspace. */
    public static final String ANSWER = "answer.txt";
    /** The most characters of a checker's or interactor's own output kept as a case's message. */
    public static final int MESSAGE_CHARS = 1024;

    private final RequestRunner runner;

    public Judge(RequestRunner runner) {
        this.runner = runner;
    }

    /**
     * Checks a request as {@link #judge} would, without running anything: the programs resolve and their files are
     * safe, and no case's files clash with the program's.
     */
    public void validate(JudgeRequest request) throws RequestRejectedException {
        runner.validate(request.submission());
        Set<String> program = names(request.submission());
        for (int i = 0; i < request.tests().size(); i++) {
            List<String> files = request.tests().get(i).files().stream().map(SourceFile::name).toList();
            FileNames.validate(files);
            for (String f : files) {
                if (program.contains(f)) {
                    throw new RequestRejectedException(Reason.INVALID, "tests[" + i + "]: the file '" + f
                            + "' is also one of the program's files");
                }
            }
        }
        for (ExecRequest helper : Arrays.asList(request.checker(), request.interactor())) {
            if (helper == null) {
                continue;
            }
            runner.validate(helper);
            for (String reserved : List.of(INPUT, OUTPUT, ANSWER)) {
                if (names(helper).contains(reserved)) {
                    throw new RequestRejectedException(Reason.INVALID, "a checker's or interactor's file may not be named '"
                            + reserved + "': Runbox puts the case's files there");
                }
            }
        }
    }

    /**
     * Judges {@code request}, running at most {@code parallel} cases at once.
     *
     * @throws RequestRejectedException when the request is invalid; nothing ran
     */
    public JudgeResult judge(JudgeRequest request, int parallel) throws RequestRejectedException {
        validate(request);
        PreparedProgram solution = runner.prepare(request.submission());
        ExecResult shape = solution.result(null);
        if (!solution.runnable()) {
            Verdict v = Verdicts.ofCompile(solution.compile());
            return result(v == null ? Verdict.COMPILATION_ERROR : v, shape, List.of());
        }
        PreparedProgram helper = null;
        ExecRequest helperRequest = request.checker() != null ? request.checker() : request.interactor();
        if (helperRequest != null) {
            helper = runner.prepare(helperRequest);
            if (!helper.runnable()) {
                String why = "the " + (request.checker() != null ? "checker" : "interactor") + " did not compile: "
                        + cut(helper.compile().stdout() + helper.compile().stderr());
                List<CaseResult> cases = new ArrayList<>();
                for (int i = 0; i < request.tests().size(); i++) {
                    cases.add(new CaseResult(i, Verdict.INTERNAL_ERROR, null, null, why));
                }
                return result(Verdict.INTERNAL_ERROR, shape, cases);
            }
        }
        List<CaseResult> cases = runCases(request, solution, helper, Math.max(1, parallel));
        Verdict overall = cases.stream().map(CaseResult::verdict)
                .filter(v -> v != null && v != Verdict.ACCEPTED).findFirst().orElse(Verdict.ACCEPTED);
        return result(overall, shape, cases);
    }

    private static JudgeResult result(Verdict verdict, ExecResult shape, List<CaseResult> cases) {
        return new JudgeResult(verdict, shape.language(), shape.version(), shape.compilerId(), shape.compile(), cases);
    }

    private List<CaseResult> runCases(JudgeRequest request, PreparedProgram solution, PreparedProgram helper,
                                      int parallel) {
        int n = request.tests().size();
        CaseResult[] results = new CaseResult[n];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Runnable worker = () -> {
            int i;
            while (!stop.get() && !Thread.currentThread().isInterrupted() && (i = next.getAndIncrement()) < n) {
                CaseResult r = judgeCase(request, i, solution, helper);
                results[i] = r;
                if (request.stopOnFirstFailure() && r.verdict() != Verdict.ACCEPTED) {
                    stop.set(true);
                }
            }
        };
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(parallel, n); w++) {
            workers.add(Thread.ofVirtual().name("runbox-judge-" + w).start(worker));
        }
        joinAll(workers);
        List<CaseResult> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(results[i] != null ? results[i] : CaseResult.skipped(i));
        }
        return out;
    }

    /** Waits for every worker; an interrupt of the caller is passed on to them (their boxes are killed). */
    static void joinAll(List<Thread> workers) {
        boolean interrupted = false;
        for (Thread t : workers) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    workers.forEach(Thread::interrupt);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private CaseResult judgeCase(JudgeRequest request, int index, PreparedProgram solution, PreparedProgram helper) {
        TestCase test = request.tests().get(index);
        Limits limits = test.limits().orElse(solution.runLimits());
        List<CaseResult> runs = new ArrayList<>();
        for (int r = 0; r < request.runsPerCase(); r++) {
            CaseResult one = request.interactor() != null
                    ? Interaction.judge(request, index, test, limits, solution, helper)
                    : single(request, index, test, limits, solution, helper);
            if (one.verdict() != Verdict.ACCEPTED) {
                return one;
            }
            runs.add(one);
        }
        runs.sort(Comparator.comparingLong(c -> c.run().wallMs()));
        return runs.get(runs.size() / 2);
    }

    private CaseResult single(JudgeRequest request, int index, TestCase test, Limits limits, PreparedProgram solution,
                              PreparedProgram checker) {
        RunOutput merged = request.stderrToStdout() ? new RunOutput(true) : null;
        PreparedProgram.Ran ran = solution.run(test.stdin(), request.submission().args(), test.files(), limits,
                killAt(request), merged, request.submission().outputs());
        return judged(request, index, test, ran.stage(), merged, checker).withFiles(ran.files());
    }

    private CaseResult judged(JudgeRequest request, int index, TestCase test, StageResult run, RunOutput merged,
                              PreparedProgram checker) {
        Verdict v = Verdicts.ofRun(run, cpuLimit(request));
        if (v != null) {
            return new CaseResult(index, v, run, null, null);
        }
        String output = merged == null ? run.stdout() : new String(merged.stdout(run), StandardCharsets.UTF_8);
        if (checker != null) {
            StageResult checked = checker.run(new byte[0], List.of(INPUT, OUTPUT, ANSWER), List.of(
                    new SourceFile(INPUT, test.stdin()), new SourceFile(OUTPUT, bytes(output)),
                    new SourceFile(ANSWER, bytes(test.expectedOutput() == null ? "" : test.expectedOutput()))),
                    checker.runLimits(), null, null);
            return decided(index, run, checked, "checker");
        }
        if (test.expectedOutput() == null) {
            return new CaseResult(index, Verdict.ACCEPTED, run, null, null);
        }
        Mismatch m = request.comparison().compare(test.expectedOutput(), output);
        return new CaseResult(index, m == null ? Verdict.ACCEPTED : Verdict.WRONG_ANSWER, run, m, null);
    }

    /** A checker's or interactor's word: exit 0 accepted, 1 wrong answer, anything else (a limit, a crash) a failure. */
    static CaseResult decided(int index, StageResult run, StageResult judge, String who) {
        String said = cut(judge.stdout() + judge.stderr());
        if (judge.status() == Status.OK) {
            return new CaseResult(index, Verdict.ACCEPTED, run, null, said);
        }
        if (judge.status() == Status.RUNTIME_ERROR && judge.exitCode() == 1 && judge.signal() == null) {
            return new CaseResult(index, Verdict.WRONG_ANSWER, run, null, said);
        }
        return new CaseResult(index, Verdict.INTERNAL_ERROR, run, null, "the " + who + " failed (" + judge.status()
                .name().toLowerCase(java.util.Locale.ROOT) + ", exit " + judge.exitCode() + ")"
                + (said.isEmpty() ? "" : ": " + said));
    }

    static Long cpuLimit(JudgeRequest request) {
        return request.cpuTime() == null ? null : request.cpuTime().limitMs();
    }

    static java.time.Duration killAt(JudgeRequest request) {
        return request.cpuTime() == null ? null : request.cpuTime().killAt();
    }

    private static Set<String> names(ExecRequest request) {
        Set<String> out = new HashSet<>();
        request.files().forEach(f -> out.add(f.name()));
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String cut(String s) {
        return s.length() <= MESSAGE_CHARS ? s : s.substring(0, MESSAGE_CHARS) + "…";
    }
}
