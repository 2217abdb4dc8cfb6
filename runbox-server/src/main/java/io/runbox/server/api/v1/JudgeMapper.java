package io.runbox.server.api.v1;

import io.runbox.core.ExecRequest;
import io.runbox.core.Limits;
import io.runbox.core.SourceFile;
import io.runbox.core.StageResult;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.judge.CaseResult;
import io.runbox.execution.judge.Comparison;
import io.runbox.execution.judge.CpuTime;
import io.runbox.execution.judge.JudgeRequest;
import io.runbox.execution.judge.JudgeResult;
import io.runbox.execution.judge.TestCase;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.ContentEncoding;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Maps the judging wire format ({@link NativeJudgeRequest}) to the engine's request and back. */
public final class JudgeMapper {
    /** The most test cases in one request. */
    public static final int MAX_TESTS = 500;
    /** The most runs of each case ({@code number_of_runs}). */
    public static final int MAX_RUNS = 10;
    /** The most characters of each stream of each case in a response. */
    public static final int CASE_OUTPUT_CHARS = 8192;

    private final NativeMapper programs;

    public JudgeMapper(Catalogue catalogue) {
        this.programs = new NativeMapper(catalogue);
    }

    public JudgeRequest toRequest(NativeJudgeRequest w) {
        ExecRequest submission = programs.toRequest(new NativeExecuteRequest(w.language(), w.version(), w.code(),
                w.files(), null, w.args(), w.compilerOptions(), w.wallTimeLimit(), w.compileTimeout(),
                w.memoryLimit(), w.compileMemoryLimit(), null, null, w.outputFiles(), w.outputImages(),
                w.outputFileMaxBytes(), w.outputFilesMaxBytes()));
        Limits run = submission.limits().run();
        if (w.maxProcesses() != null) {
            run = run.withPids(atLeast(w.maxProcesses(), 1, "max_processes"));
        }
        if (w.maxFileSize() != null) {
            run = run.withFileSizeBytes(atLeast(w.maxFileSize(), 1L, "max_file_size"));
        }
        submission = submission.withLimits(new io.runbox.core.StageLimits(submission.limits().compile(), run));
        CpuTime cpu = null;
        if (w.cpuTimeLimit() != null) {
            cpu = new CpuTime(atLeast(w.cpuTimeLimit(), 1L, "cpu_time_limit"),
                    w.cpuExtraTime() == null ? 0 : atLeast(w.cpuExtraTime(), 0L, "cpu_extra_time"));
        } else if (w.cpuExtraTime() != null) {
            throw ApiException.badRequest("invalid_request", "cpu_extra_time needs a cpu_time_limit", "cpu_extra_time");
        }
        int runs = w.numberOfRuns() == null ? 1 : w.numberOfRuns();
        if (runs < 1 || runs > MAX_RUNS) {
            throw ApiException.badRequest("invalid_request", "number_of_runs must be 1 to " + MAX_RUNS, "number_of_runs");
        }
        if (w.checker() != null && w.interactor() != null) {
            throw ApiException.badRequest("invalid_request", "give a checker or an interactor, not both", "interactor");
        }
        return new JudgeRequest(submission, tests(w), comparison(w), program(w.checker(), "checker"),
                program(w.interactor(), "interactor"), cpu, Boolean.TRUE.equals(w.stopOnFirstFailure()),
                runs, Boolean.TRUE.equals(w.redirectStderrToStdout()));
    }

    private List<TestCase> tests(NativeJudgeRequest w) {
        if (w.tests() == null || w.tests().isEmpty()) {
            throw ApiException.badRequest("invalid_request", "'tests' needs at least one test case", "tests");
        }
        if (w.tests().size() > MAX_TESTS) {
            throw ApiException.badRequest("invalid_request", w.tests().size() + " test cases; at most " + MAX_TESTS
                    + " are accepted", "tests");
        }
        List<TestCase> out = new ArrayList<>();
        for (int i = 0; i < w.tests().size(); i++) {
            NativeJudgeRequest.NativeTest t = w.tests().get(i);
            String field = "tests[" + i + "]";
            if (t == null) {
                throw ApiException.badRequest("invalid_request", field + " is null", field);
            }
            Limits l = Limits.UNSET;
            if (t.wallTimeLimit() != null) {
                l = l.withWallTime(Duration.ofMillis(atLeast(t.wallTimeLimit(), 1L, field + ".wall_time_limit")));
            }
            if (t.memoryLimit() != null) {
                l = l.withMemoryBytes(atLeast(t.memoryLimit(), 4L << 20, field + ".memory_limit"));
            }
            List<SourceFile> files = new ArrayList<>();
            if (t.files() != null) {
                for (int f = 0; f < t.files().size(); f++) {
                    NativeExecuteRequest.NativeFile file = t.files().get(f);
                    String ff = field + ".files[" + f + "]";
                    if (file == null || file.name() == null || file.content() == null) {
                        throw ApiException.badRequest("invalid_request", ff + " needs a name and a content", ff);
                    }
                    files.add(new SourceFile(file.name(), ContentEncoding.decode(file.content(), file.encoding(), ff)));
                }
            }
            out.add(new TestCase(t.stdin() == null ? null : t.stdin().getBytes(StandardCharsets.UTF_8),
                    t.expectedOutput(), l, files));
        }
        return out;
    }

    private static Comparison comparison(NativeJudgeRequest w) {
        Comparison.Mode mode = w.comparison() == null ? Comparison.Mode.LINES : Comparison.Mode.named(w.comparison());
        if (mode == null) {
            throw ApiException.badRequest("invalid_request", "comparison must be exact, lines, tokens or float, not '"
                    + w.comparison() + "'", "comparison");
        }
        double absolute = Comparison.DEFAULT_TOLERANCE;
        double relative = Comparison.DEFAULT_TOLERANCE;
        if (w.tolerance() != null) {
            absolute = w.tolerance().absolute() == null ? absolute : w.tolerance().absolute();
            relative = w.tolerance().relative() == null ? relative : w.tolerance().relative();
            if (!(absolute >= 0) || !(relative >= 0) || Double.isInfinite(absolute) || Double.isInfinite(relative)) {
                throw ApiException.badRequest("invalid_request", "tolerances must be finite and 0 or more", "tolerance");
            }
        }
        return new Comparison(mode, absolute, relative);
    }

    private ExecRequest program(NativeJudgeRequest.NativeProgram p, String field) {
        if (p == null) {
            return null;
        }
        if (p.language() == null || p.language().isBlank()) {
            throw ApiException.badRequest("invalid_request", field + ".language is required", field + ".language");
        }
        return programs.toRequest(new NativeExecuteRequest(p.language(), p.version(), p.code(), p.files(), null, null,
                p.compilerOptions(), null, null, null, null, null, null, null, null, null, null));
    }

    private static <T extends Comparable<T>> T atLeast(T value, T min, String field) {
        if (value.compareTo(min) < 0) {
            throw ApiException.badRequest("invalid_request", field + " must be at least " + min, field);
        }
        return value;
    }

    public static NativeJudgeResponse toResponse(JudgeResult r) {
        List<NativeJudgeResponse.Case> cases = new ArrayList<>();
        for (CaseResult c : r.cases()) {
            StageResult run = c.run();
            if (c.verdict() == null) {
                cases.add(new NativeJudgeResponse.Case(c.index(), null, null, null, null, null, null, null, null, null,
                        null, null, null, null));
                continue;
            }
            boolean cut = run != null && (run.stdout().length() > CASE_OUTPUT_CHARS
                    || run.stderr().length() > CASE_OUTPUT_CHARS);
            cases.add(new NativeJudgeResponse.Case(c.index(), c.verdict().name(),
                    run == null ? null : run.wallMs(), run == null ? null : run.cpuMs(),
                    run == null ? null : run.memoryKb(), run == null ? null : run.exitCode(),
                    run == null ? null : run.signal(), run == null ? null : cut(run.stdout()),
                    run == null ? null : cut(run.stderr()), run == null ? null : run.truncated(), cut ? true : null,
                    c.mismatch(), c.message(), NativeOutputFile.of(c.files())));
        }
        return new NativeJudgeResponse(r.verdict().name(), r.language(), r.version(), r.compilerId(), r.passed(),
                r.cases().size(), NativeMapper.stage(r.compile()), cases);
    }

    private static String cut(String s) {
        return s.length() <= CASE_OUTPUT_CHARS ? s : s.substring(0, CASE_OUTPUT_CHARS);
    }
}
