package io.runbox.server.api.judge0;

import io.runbox.core.ExecRequest;
import io.runbox.core.Limits;
import io.runbox.core.StageResult;
import io.runbox.core.Status;
import io.runbox.execution.PreparedProgram;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.judge.Comparison;
import io.runbox.execution.judge.CpuTime;
import io.runbox.execution.judge.RunOutput;
import io.runbox.execution.judge.Verdict;
import io.runbox.execution.judge.Verdicts;
import io.runbox.server.exec.RunService;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Judges a submission as Judge0 does: compiles once, runs it {@code number_of_runs} times (each in a fresh workspace)
 * and stops at the first run that is not accepted, whose outputs and status are reported; {@code time} and
 * {@code memory} are the medians over the runs made. Verdicts are the engine's ({@link Verdicts}) with
 * {@code cpu_time_limit} as the CPU-time limit and its box killed at {@code cpu_time_limit + cpu_extra_time}
 * ({@link CpuTime}, isolate's {@code -t} and {@code -x}), and {@code expected_output} is compared by Judge0's own rule
 * ({@link Comparison.Mode#LINES}). The caller holds an execution slot.
 */
final class Judge0Judge {
    private static final Comparison LINES = Comparison.of(Comparison.Mode.LINES);

    private final RunService runService;

    Judge0Judge(RunService runService) {
        this.runService = runService;
    }

    Judge0Outcome judge(Judge0Submission s, ExecRequest request) throws RequestRejectedException {
        PreparedProgram program = runService.prepare(request);
        StageResult compile = program.compile();
        byte[] compileOutput = compile == null ? null : nullIfEmpty(compile.stdout() + compile.stderr());
        Verdict compiled = Verdicts.ofCompile(compile);
        Limits limits = program.runLimits();
        if (compiled != null || !program.runnable()) {
            runService.recordRun(program.result(null));
            Judge0Status status = compiled == Verdict.COMPILATION_ERROR ? Judge0Status.COMPILATION_ERROR
                    : Judge0Status.INTERNAL_ERROR;
            String message = status == Judge0Status.INTERNAL_ERROR ? "Internal Error: " + firstLine(compile.stderr())
                    : compile.status() == Status.TIME_LIMIT ? "Compilation time limit exceeded." : null;
            return new Judge0Outcome(null, null, compileOutput, message, status.id(), null, null, null, null, null,
                    limits == null ? null : limits.memoryBytes() / 1024,
                    limits == null ? null : limits.pids(), limits == null ? null : limits.fileSizeBytes() / 1024);
        }
        long cpuLimitMs = Judge0Mapper.millis(s.cpuTimeLimit()).toMillis();
        // As isolate's -t and -x: over cpu_time_limit is a time limit, and the box dies at the extra time's end.
        // A limit of 0 is none, as in isolate: then only the wall time ends the run.
        CpuTime cpu = cpuLimitMs < 1 ? null : new CpuTime(cpuLimitMs, Judge0Mapper.millis(s.cpuExtraTime()).toMillis());
        List<StageResult> runs = new ArrayList<>();
        StageResult last = null;
        RunOutput output = null;
        Judge0Status status = null;
        for (int i = 0; i < s.numberOfRuns(); i++) {
            output = new RunOutput(s.redirectStderrToStdout());
            last = program.run(request.stdin(), request.args(), List.of(), limits, cpu == null ? null : cpu.killAt(),
                    output);
            runService.recordRun(program.result(last));
            runs.add(last);
            status = status(last, output, s, cpu);
            if (status != Judge0Status.ACCEPTED) {
                break;
            }
        }
        Integer signal = last.status() == Status.TIME_LIMIT && last.signal() == null ? Integer.valueOf(9) : last.signal();
        return new Judge0Outcome(nullIfEmpty(output.stdout(last)), nullIfEmpty(output.stderr(last)), compileOutput,
                message(status, last, cpu), status.id(),
                seconds(median(runs, StageResult::cpuMs)), seconds(median(runs, StageResult::wallMs)),
                median(runs, StageResult::memoryKb), signal == null ? last.exitCode() : 0, signal,
                limits.memoryBytes() / 1024, limits.pids(), limits.fileSizeBytes() / 1024);
    }

    private static Judge0Status status(StageResult run, RunOutput output, Judge0Submission s, CpuTime cpu) {
        Verdict v = Verdicts.ofRun(run, cpu == null ? null : cpu.limitMs());
        if (v == null) {
            String actual = new String(output.stdout(run), StandardCharsets.UTF_8);
            v = s.expectedOutput() == null
                    || LINES.compare(new String(s.expectedOutput(), StandardCharsets.UTF_8), actual) == null
                    ? Verdict.ACCEPTED : Verdict.WRONG_ANSWER;
        }
        return Judge0Status.of(v, run);
    }

    /** The message isolate would leave for how the run ended; {@code null} for a normal end. */
    private static String message(Judge0Status status, StageResult run, CpuTime cpu) {
        return switch (status) {
            case TIME_LIMIT_EXCEEDED -> cpu != null && run.cpuMs() > cpu.limitMs() ? "Time limit exceeded"
                    : "Time limit exceeded (wall clock)";
            case SIGXFSZ -> "Output limit exceeded";
            case INTERNAL_ERROR -> "Internal Error: " + firstLine(run.stderr());
            case NZEC -> "Exited with error status " + run.exitCode();
            case SIGSEGV, SIGFPE, SIGABRT, OTHER -> run.status() == Status.MEMORY_LIMIT
                    ? "Caught fatal signal 9 (memory limit exceeded)"
                    : "Caught fatal signal " + run.signal();
            default -> null;
        };
    }

    private static long median(List<StageResult> runs, java.util.function.ToLongFunction<StageResult> f) {
        List<Long> values = new ArrayList<>(runs.stream().map(f::applyAsLong).toList());
        values.sort(Comparator.naturalOrder());
        return values.get((values.size() - 1) / 2);
    }

    private static String seconds(long ms) {
        return BigDecimal.valueOf(ms, 3).toPlainString();
    }

    private static byte[] nullIfEmpty(String s) {
        return s.isEmpty() ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] nullIfEmpty(byte[] b) {
        return b.length == 0 ? null : b;
    }

    private static String firstLine(String s) {
        String line = s == null ? "" : s.strip().lines().findFirst().orElse("");
        return line.isEmpty() ? "the sandbox failed" : line;
    }
}
