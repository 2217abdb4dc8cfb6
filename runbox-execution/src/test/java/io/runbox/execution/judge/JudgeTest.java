package io.runbox.execution.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.core.ExecRequest;
import io.runbox.core.Limits;
import io.runbox.core.SourceFile;
import io.runbox.core.StageLimits;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.TestRunner;
import io.runbox.execution.judge.Comparison.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The judge against the real sandbox: verdicts, checkers, interactors, and what a hostile pair cannot do. */
class JudgeTest {
    private static final String C_SUM = """
            #include <stdio.h>
            int main(void) {
                long a, b;
                if (scanf("%ld %ld", &a, &b) != 2) return 3;
                printf("%ld\\n", a + b);
                return 0;
            }
            """;

    private final Judge judge = new Judge(TestRunner.runner());

    private static ExecRequest c(String code) {
        return ExecRequest.of("c", SourceFile.of("main.c", code));
    }

    private static ExecRequest python(String code) {
        return ExecRequest.of("python", SourceFile.of("main.py", code));
    }

    private static List<TestCase> sums(int n) {
        List<TestCase> tests = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            tests.add(TestCase.of(i + " " + (i * 1000) + "\n", (i + i * 1000) + "\n"));
        }
        return tests;
    }

    private static JudgeRequest request(ExecRequest submission, List<TestCase> tests) {
        return new JudgeRequest(submission, tests, null, null, null, null, false, 1, false);
    }

    @Test
    void aCorrectSolutionIsAcceptedOnTwentyCasesCompiledOnce() throws RequestRejectedException {
        JudgeResult r = judge.judge(request(c(C_SUM), sums(20)), 2);
        assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(r.compile()).isNotNull();
        assertThat(r.cases()).hasSize(20).allSatisfy(cr -> {
            assertThat(cr.verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(cr.run().stdout()).isNotEmpty();
        });
        assertThat(r.cases()).extracting(CaseResult::index).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 20).boxed().toList());
        assertThat(r.passed()).isEqualTo(20);
    }

    @Test
    void aWrongAnswerOnCaseSevenIsReportedWithWhereItDiffers() throws RequestRejectedException {
        String wrongOnSeven = C_SUM.replace("printf(\"%ld\\n\", a + b);",
                "printf(\"%ld\\n\", a == 7 ? a + b + 1 : a + b);");
        JudgeResult r = judge.judge(request(c(wrongOnSeven), sums(20)), 2);
        assertThat(r.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        CaseResult seventh = r.cases().get(6);
        assertThat(seventh.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(seventh.mismatch()).isEqualTo(new Mismatch(1, 4, "7007", "7008"));
        assertThat(r.cases()).filteredOn(cr -> cr.index() != 6).allSatisfy(cr ->
                assertThat(cr.verdict()).isEqualTo(Verdict.ACCEPTED));
    }

    @Test
    void timeAndMemoryLimitsHitOnlyTheCasesThatPassThem() throws RequestRejectedException {
        String program = """
                import sys
                n = int(sys.stdin.readline())
                if n == 3:
                    while True:
                        pass
                if n == 5:
                    hog = bytearray(300 * 1024 * 1024)
                    print(len(hog))
                print(n * 2)
                """;
        List<TestCase> tests = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            tests.add(TestCase.of(i + "\n", (i * 2) + "\n"));
        }
        ExecRequest submission = python(program).withLimits(new StageLimits(Limits.UNSET,
                Limits.UNSET.withWallTime(Duration.ofSeconds(30)).withMemoryBytes(64L << 20)));
        JudgeResult r = judge.judge(new JudgeRequest(submission, tests, null, null, null, new CpuTime(1000, 200), false,
                1, false), 2);
        assertThat(r.cases()).extracting(CaseResult::verdict).containsExactly(Verdict.ACCEPTED, Verdict.ACCEPTED,
                Verdict.TIME_LIMIT_EXCEEDED, Verdict.ACCEPTED, Verdict.MEMORY_LIMIT_EXCEEDED, Verdict.ACCEPTED);
        assertThat(r.verdict()).isEqualTo(Verdict.TIME_LIMIT_EXCEEDED);
        // Killed by its CPU time (1.2 s), not by its 30 s of wall time.
        assertThat(r.cases().get(2).run().cpuMs()).isGreaterThan(1000);
        assertThat(r.cases().get(2).run().wallMs()).isLessThan(20_000);
    }

    @Test
    void aCustomCheckerDecidesAFloatAnswerAndACrashingCheckerIsNeverAnAcceptance() throws RequestRejectedException {
        String checker = """
                import sys
                inp, out, ans = (open(f).read() for f in sys.argv[1:4])
                got, want = float(out.split()[0]), float(ans.split()[0])
                if abs(got - want) <= 1e-3:
                    sys.exit(0)
                print(f"expected {want}, got {got}")
                sys.exit(1)
                """;
        List<TestCase> tests = List.of(TestCase.of("2\n", "1.41421\n"), TestCase.of("3\n", "1.73205\n"));
        ExecRequest sqrt = python("import math\nprint(math.sqrt(int(input())))\n");
        JudgeResult ok = judge.judge(new JudgeRequest(sqrt, tests, null, python(checker), null, null, false, 1, false), 2);
        assertThat(ok.verdict()).isEqualTo(Verdict.ACCEPTED);

        ExecRequest rough = python("print(round(int(input()) ** 0.5, 1))\n");
        JudgeResult wrong = judge.judge(new JudgeRequest(rough, tests, null, python(checker), null, null, false, 1,
                false), 2);
        assertThat(wrong.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(wrong.cases().get(0).message()).contains("expected 1.41421, got 1.4");

        ExecRequest crashing = python("raise SystemExit(3)\n");
        JudgeResult failed = judge.judge(new JudgeRequest(sqrt, tests, null, crashing, null, null, false, 1, false), 2);
        assertThat(failed.verdict()).isEqualTo(Verdict.INTERNAL_ERROR);
        assertThat(failed.cases()).allSatisfy(cr -> {
            assertThat(cr.verdict()).isEqualTo(Verdict.INTERNAL_ERROR);
            assertThat(cr.message()).contains("checker failed");
        });
        ExecRequest uncompilable = c("int main( {");
        JudgeResult broken = judge.judge(new JudgeRequest(sqrt, tests, null, uncompilable, null, null, false, 1,
                false), 2);
        assertThat(broken.verdict()).isEqualTo(Verdict.INTERNAL_ERROR);
        assertThat(broken.cases().get(0).message()).startsWith("the checker did not compile");
    }

    private static final String INTERACTOR = """
            import sys
            secret = int(open(sys.argv[1]).read())
            print(1000, flush=True)
            for _ in range(11):
                line = sys.stdin.readline()
                if not line:
                    print("no answer", file=sys.stderr)
                    sys.exit(1)
                guess = int(line)
                if guess == secret:
                    print("=", flush=True)
                    sys.exit(0)
                print("<" if secret < guess else ">", flush=True)
            print("too many guesses", file=sys.stderr)
            sys.exit(1)
            """;

    @Test
    void anInteractiveGuessingGameIsAcceptedByBinarySearchAndRefusedForGuessing() throws RequestRejectedException {
        String binary = """
                lo, hi = 1, int(input())
                while True:
                    mid = (lo + hi) // 2
                    print(mid, flush=True)
                    answer = input()
                    if answer == "=":
                        break
                    if answer == "<":
                        hi = mid - 1
                    else:
                        lo = mid + 1
                """;
        List<TestCase> secrets = List.of(TestCase.of("1", null), TestCase.of("777", null), TestCase.of("1000", null));
        JudgeResult ok = judge.judge(new JudgeRequest(python(binary), secrets, null, null, python(INTERACTOR), null,
                false, 1, false), 2);
        assertThat(ok.cases()).extracting(CaseResult::verdict).containsOnly(Verdict.ACCEPTED);

        String linear = """
                n = int(input())
                for g in range(1, n + 1):
                    print(g, flush=True)
                    if input() == "=":
                        break
                """;
        JudgeResult wrong = judge.judge(new JudgeRequest(python(linear), secrets, null, null, python(INTERACTOR), null,
                false, 1, false), 2);
        assertThat(wrong.cases()).extracting(CaseResult::verdict)
                .containsExactly(Verdict.ACCEPTED, Verdict.WRONG_ANSWER, Verdict.WRONG_ANSWER);
        assertThat(wrong.cases().get(1).message()).contains("too many guesses");
    }

    @Test
    void aSolutionFloodingItsInteractorIsCutOffAndOneThatNeverAnswersRunsOutOfTime()
            throws RequestRejectedException {
        // The interactor never reads: the solution's output piles up in the relay until its capacity, not the host's
        // memory, ends it.
        ExecRequest deaf = python("import time\nprint(1, flush=True)\ntime.sleep(30)\n").withLimits(new StageLimits(
                Limits.UNSET, Limits.UNSET.withWallTime(Duration.ofSeconds(20))));
        ExecRequest flood = python("import sys\nchunk = 'x' * 65536\nwhile True:\n    sys.stdout.write(chunk)\n");
        ExecRequest submission = flood.withLimits(new StageLimits(Limits.UNSET,
                Limits.UNSET.withWallTime(Duration.ofSeconds(20)).withOutputBytes(64L << 20)));
        JudgeResult flooded = judge.judge(new JudgeRequest(submission, List.of(TestCase.of("1", null)), null, null,
                deaf, null, false, 1, false), 1);
        assertThat(flooded.cases().get(0).verdict()).isEqualTo(Verdict.OUTPUT_LIMIT_EXCEEDED);
        assertThat(flooded.cases().get(0).message()).contains("the solution wrote more than");
        // Both boxes were stopped at the overflow, long before either's 20 s.
        assertThat(flooded.cases().get(0).run().wallMs()).isLessThan(15_000);

        // A solution that waits for input the interactor never sends: its wall time ends it, and the host's threads
        // are free again.
        ExecRequest silent = python("input()\n").withLimits(new StageLimits(Limits.UNSET,
                Limits.UNSET.withWallTime(Duration.ofSeconds(2))));
        ExecRequest mute = python("import time\ntime.sleep(30)\n").withLimits(new StageLimits(Limits.UNSET,
                Limits.UNSET.withWallTime(Duration.ofSeconds(3))));
        JudgeResult stuck = judge.judge(new JudgeRequest(silent, List.of(TestCase.of("1", null)), null, null, mute,
                null, false, 1, false), 1);
        assertThat(stuck.cases().get(0).verdict()).isEqualTo(Verdict.TIME_LIMIT_EXCEEDED);
    }

    @Test
    void standardErrorMergedIntoStandardOutputKeepsTheOrderItWasWritten() throws RequestRejectedException {
        ExecRequest both = python("import sys, time\nprint('a')\ntime.sleep(0.3)\nprint('b', file=sys.stderr)\n"
                + "time.sleep(0.3)\nprint('c')\n");
        List<TestCase> tests = List.of(TestCase.of("", "a\nb\nc\n"));
        JudgeResult merged = judge.judge(new JudgeRequest(both, tests, Comparison.of(Mode.EXACT), null, null, null,
                false, 1, true), 1);
        assertThat(merged.verdict()).isEqualTo(Verdict.ACCEPTED);
        JudgeResult apart = judge.judge(new JudgeRequest(both, tests, Comparison.of(Mode.EXACT), null, null, null,
                false, 1, false), 1);
        assertThat(apart.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(apart.cases().get(0).run().stderr()).isEqualTo("b\n");
    }

    @Test
    void aCompileErrorRunsNoCaseAndStopOnFirstFailureSkipsTheRest() throws RequestRejectedException {
        JudgeResult broken = judge.judge(request(c("int main( {"), sums(3)), 2);
        assertThat(broken.verdict()).isEqualTo(Verdict.COMPILATION_ERROR);
        assertThat(broken.cases()).isEmpty();
        assertThat(broken.compile().stderr()).contains("error");

        List<TestCase> tests = new ArrayList<>(sums(5));
        tests.set(1, TestCase.of("1 1\n", "3\n"));
        JudgeResult stopped = judge.judge(new JudgeRequest(c(C_SUM), tests, Comparison.of(Mode.EXACT), null, null,
                null, true, 1, false), 1);
        assertThat(stopped.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(stopped.cases()).extracting(CaseResult::verdict)
                .containsExactly(Verdict.ACCEPTED, Verdict.WRONG_ANSWER, null, null, null);
    }

    @Test
    void aCompileThatLeavesALinkIsNeverCopiedIntoTheCasesBoxes() throws RequestRejectedException {
        // gcc's -wrapper runs each of its stages under a program of the caller's choice: here one that plants a
        // link to a host file in the workspace, then compiles as asked. Following it when the compiled tree is
        // copied for each case would read the host's file; the judge refuses the tree instead.
        ExecRequest planted = new ExecRequest("c", null, List.of(SourceFile.of("main.c", C_SUM)), null, null,
                List.of("-wrapper", "/bin/sh,-c,ln -sf /etc/shadow /box/leak; exec \"$0\" \"$@\""), null);
        JudgeResult r = judge.judge(request(planted, sums(2)), 2);
        assertThat(r.verdict()).isEqualTo(Verdict.COMPILATION_ERROR);
        assertThat(r.cases()).isEmpty();
        assertThat(r.compile().stderr()).contains("left a link, a FIFO or too much");
        assertThat(r.compile().stdout() + r.compile().stderr()).doesNotContain("root:");
    }

    @Test
    void eachCaseRunsInAFreshBoxWithItsOwnFiles() throws RequestRejectedException {
        // Every case appends to a file and reads its case's data file: a box shared between cases would show more.
        String program = """
                import os
                with open("log.txt", "a") as f:
                    f.write("x")
                print(len(open("log.txt").read()), open("data.txt").read().strip())
                """;
        List<TestCase> tests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tests.add(new TestCase(new byte[0], "1 d" + i + "\n", null,
                    List.of(SourceFile.of("data.txt", "d" + i + "\n"))));
        }
        JudgeResult r = judge.judge(request(python(program), tests), 2);
        assertThat(r.cases()).extracting(CaseResult::verdict).containsOnly(Verdict.ACCEPTED);

        List<TestCase> clash = List.of(new TestCase(new byte[0], "", null, List.of(SourceFile.of("main.py", "x"))));
        assertThatThrownBy(() -> judge.judge(request(python(program), clash), 1))
                .isInstanceOf(RequestRejectedException.class).hasMessageContaining("also one of the program's files");
        ExecRequest badChecker = ExecRequest.of("python", SourceFile.of("answer.txt", "x"));
        assertThatThrownBy(() -> judge.judge(new JudgeRequest(python(program), tests, null, badChecker, null, null,
                false, 1, false), 1)).isInstanceOf(RequestRejectedException.class).hasMessageContaining("answer.txt");
    }
}
