package io.runbox.execution;

import static io.runbox.execution.ScriptedSandbox.cannotSetUp;
import static io.runbox.execution.ScriptedSandbox.exits;
import static io.runbox.execution.ScriptedSandbox.result;
import static io.runbox.execution.ScriptedSandbox.returns;
import static io.runbox.execution.ScriptedSandbox.runsUntilInterrupted;
import static io.runbox.execution.ScriptedSandbox.writes;
import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.BoxIo;
import io.runbox.core.BoxResult;
import io.runbox.core.ExecListener;
import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.SourceFile;
import io.runbox.core.StageResult;
import io.runbox.core.Status;
import io.runbox.execution.catalogue.Catalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runner's error paths with a {@link ScriptedSandbox}: what a client is told when a box cannot be set up,
 * a compiler fails, a program is stopped by a limit or its caller, or the workspace cannot be written; and that
 * no workspace is left open and no failed compile is kept. The catalogue is the real one; no program runs.
 */
class RequestRunnerErrorPathsTest {
    private static final ExecRequest C = ExecRequest.of("c", SourceFile.of("main.c", "int main(void) { return 0; }\n"));
    private static final ExecRequest PYTHON = ExecRequest.of("python", SourceFile.of("main.py", "print('hi')\n"));
    private static Catalogue catalogue;

    @TempDir
    Path dir;
    private ScriptedSandbox sandbox;
    private RequestRunner runner;

    @BeforeAll
    static void probe() throws IOException {
        ExecutionConfig config = ExecutionConfig.defaults(TestRunner.home());
        catalogue = Catalogue.probe(config.languagesDir(), config.prefix());
    }

    @BeforeEach
    void create() {
        sandbox = new ScriptedSandbox(dir);
        runner = new RequestRunner(catalogue, sandbox, ExecutionConfig.defaults(TestRunner.home()));
    }

    @AfterEach
    void everyWorkspaceIsClosedAndEveryStepUsed() {
        assertThat(sandbox.openWorkspaces()).as("workspaces left open").isZero();
        assertThat(sandbox.unusedSteps()).as("scripted runs that never happened").isZero();
    }

    /** What the caller sees of a failure of the sandbox: an incident id, never the host's own message. */
    private static void assertIsAnIncident(String stderr, String hostMessage) {
        assertThat(stderr).matches("internal error \\(incident [0-9a-f]{12}\\): .*").doesNotContain(hostMessage);
    }

    private static BoxResult compiled() {
        return result(0, "", "", null, false, false, false);
    }

    @Test
    void aWorkspaceThatCannotBeMadeIsAnInternalErrorOfTheFirstStageAndNothingRuns() throws Exception {
        sandbox.failNextWorkspace(new IOException("no space for a workspace tmpfs"));
        ExecResult c = runner.execute(C);
        assertThat(c.status()).isEqualTo(Status.INTERNAL_ERROR);
        assertThat(c.run()).isNull();
        assertIsAnIncident(c.compile().stderr(), "no space for a workspace tmpfs");

        sandbox.failNextWorkspace(new IOException("no space for a workspace tmpfs"));
        ExecResult python = runner.execute(PYTHON);
        assertThat(python.status()).isEqualTo(Status.INTERNAL_ERROR);
        assertThat(python.compile()).isNull();
        assertIsAnIncident(python.run().stderr(), "no space for a workspace tmpfs");
        assertThat(sandbox.commands()).isEmpty();
    }

    @Test
    void aWorkspaceThatCannotTakeTheFilesIsAnInternalErrorAndNothingRuns() throws Exception {
        // Something already holds the entry file's name: the files are created new, never through what is there.
        sandbox.prefillNextWorkspace(ws -> link(ws.resolve("main.c"), dir.resolve("elsewhere")));
        ExecResult r = runner.execute(C);
        assertThat(r.status()).isEqualTo(Status.INTERNAL_ERROR);
        assertThat(r.compile().stderr()).startsWith("internal error (incident ");
        assertThat(r.compile().exitCode()).isEqualTo(1);
        assertThat(r.run()).isNull();
        assertThat(sandbox.commands()).isEmpty();
        assertThat(dir.resolve("elsewhere")).doesNotExist();
    }

    @Test
    void aCompileBoxThatCannotBeSetUpIsAnInternalErrorOfTheCompileAndNothingRuns() throws Exception {
        sandbox.then(cannotSetUp("cannot create the box's cgroup"));
        ExecResult r = runner.execute(C);
        assertThat(r.status()).isEqualTo(Status.INTERNAL_ERROR);
        assertThat(r.compile().status()).isEqualTo(Status.INTERNAL_ERROR);
        assertIsAnIncident(r.compile().stderr(), "cannot create the box's cgroup");
        assertThat(r.run()).isNull();
        assertThat(sandbox.commands()).hasSize(1);
        assertThat(runner.compileCache().size()).isZero();
    }

    @Test
    void aRunBoxThatCannotBeSetUpIsAnInternalErrorOfTheRunAfterAGoodCompile() throws Exception {
        sandbox.then(exits(0, "", "a warning\n"), cannotSetUp("cannot start bwrap"));
        ExecResult c = runner.execute(C);
        assertThat(c.status()).isEqualTo(Status.INTERNAL_ERROR);
        assertThat(c.compile().status()).isEqualTo(Status.OK);
        assertThat(c.compile().stderr()).isEqualTo("a warning\n");
        assertThat(c.run().status()).isEqualTo(Status.INTERNAL_ERROR);
        assertIsAnIncident(c.run().stderr(), "cannot start bwrap");

        sandbox.then(cannotSetUp("cannot start bwrap"));
        ExecResult python = runner.execute(PYTHON);
        assertThat(python.status()).isEqualTo(Status.INTERNAL_ERROR);
        assertThat(python.compile()).isNull();
        assertIsAnIncident(python.run().stderr(), "cannot start bwrap");
    }

    @Test
    void aCompilerExitingNonZeroIsACompileErrorWithItsDiagnosticsAndNoRun() throws Exception {
        sandbox.then(exits(1, "", "main.c:1:30: error: 'missing' undeclared\n"));
        ExecResult r = runner.execute(C);
        assertThat(r.status()).isEqualTo(Status.COMPILE_ERROR);
        StageResult compile = r.compile();
        assertThat(List.of(compile.exitCode(), compile.stderr(), compile.wallMs(), compile.cpuMs(), compile.memoryKb()))
                .containsExactly(1, "main.c:1:30: error: 'missing' undeclared\n", 1234L, 567L, 8192L);
        assertThat(compile.signal()).isNull();
        assertThat(r.run()).isNull();
        assertThat(sandbox.commands()).hasSize(1);
    }

    /** Box observations and what the run stage reports for each: status, exit code, signal, truncated. */
    static Stream<Arguments> runOutcomes() {
        return Stream.of(
                Arguments.of("exit 0", result(0, "out", "", null, false, false, false), Status.OK, 0, null, false),
                Arguments.of("exit 3", result(3, "out", "", null, false, false, false), Status.RUNTIME_ERROR, 3, null, false),
                Arguments.of("segfault", result(139, "out", "", 11, false, false, false), Status.RUNTIME_ERROR, 139, 11, false),
                Arguments.of("wall time", result(137, "out", "", 9, true, false, false), Status.TIME_LIMIT, 124, null, false),
                Arguments.of("memory", result(137, "out", "", 9, false, true, false), Status.MEMORY_LIMIT, 137, 9, false),
                Arguments.of("output cap", result(137, "out", "", 9, false, false, true), Status.OUTPUT_LIMIT, 137, 9, true),
                Arguments.of("file size", result(153, "out", "", 25, false, false, false), Status.OUTPUT_LIMIT, 153, 25, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runOutcomes")
    void whatTheRunBoxObservedIsReportedAsItsStatus(String name, BoxResult box, Status status, int exit, Integer signal,
                                                     boolean truncated) throws Exception {
        sandbox.then(exits(0, "", ""), returns(box));
        ExecResult r = runner.execute(C);
        assertThat(r.compile().status()).isEqualTo(Status.OK);
        StageResult run = r.run();
        assertThat(r.status()).isEqualTo(status);
        assertThat(List.of(run.status(), run.exitCode(), run.truncated(), run.stdout(), run.wallMs(), run.cpuMs(),
                run.memoryKb())).containsExactly(status, exit, truncated, "out", 1234L, 567L, 8192L);
        assertThat(run.signal()).isEqualTo(signal);
    }

    @Test
    void aCompileStoppedByALimitIsReportedAsThatLimitAndNothingRuns() throws Exception {
        sandbox.then(returns(result(137, "", "", 9, true, false, false)),
                returns(result(137, "", "", 9, false, true, false)));
        ExecResult slow = runner.execute(C);
        assertThat(List.of(slow.status(), slow.compile().exitCode())).containsExactly(Status.TIME_LIMIT, 124);
        assertThat(slow.run()).isNull();
        ExecResult big = runner.execute(C);
        assertThat(List.of(big.status(), big.compile().exitCode(), big.compile().signal()))
                .containsExactly(Status.MEMORY_LIMIT, 137, 9);
        assertThat(big.run()).isNull();
    }

    @Test
    void aFailedCompileIsNeverKeptAndAGoodOneIs() throws Exception {
        sandbox.then(exits(1, "", "error\n"), returns(result(137, "", "", 9, true, false, false)),
                cannotSetUp("no uid free"));
        assertThat(runner.execute(C).status()).isEqualTo(Status.COMPILE_ERROR);
        assertThat(runner.execute(C).status()).isEqualTo(Status.TIME_LIMIT);
        assertThat(runner.execute(C).status()).isEqualTo(Status.INTERNAL_ERROR);
        assertThat(sandbox.commands()).as("each tried to compile").hasSize(3);
        assertThat(runner.compileCache().size()).isZero();

        sandbox.then(writes("main", "a program", exits(0, "", "warning\n")), exits(0, "first\n", ""), exits(0, "second\n", ""));
        ExecResult first = runner.execute(C);
        ExecResult second = runner.execute(C);
        assertThat(List.of(first.run().stdout(), second.run().stdout())).containsExactly("first\n", "second\n");
        assertThat(sandbox.commands().subList(3, 6)).extracting(c -> c.argv().getFirst())
                .as("the second run started from the kept compile").containsExactly(compiler(), "./main", "./main");
        assertThat(second.compile().stderr()).isEqualTo("warning\n");
        assertThat(second.compile().wallMs()).isZero();
        assertThat(runner.compileCache().size()).isEqualTo(1);
    }

    @Test
    void interruptingTheCallerDuringTheCompileEndsTheCompileKilledAndKeepsNothing() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        sandbox.then(runsUntilInterrupted(started));
        ExecResult r = executeAndInterrupt(C, started);
        assertThat(r.status()).isEqualTo(Status.KILLED);
        assertThat(List.of(r.compile().status(), r.compile().exitCode(), r.compile().signal()))
                .containsExactly(Status.KILLED, 137, 9);
        assertThat(r.run()).isNull();
        assertThat(runner.compileCache().size()).isZero();
    }

    @Test
    void interruptingTheCallerDuringTheRunEndsTheRunKilled() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        sandbox.then(exits(0, "", ""), runsUntilInterrupted(started));
        ExecResult r = executeAndInterrupt(C, started);
        assertThat(r.status()).isEqualTo(Status.KILLED);
        assertThat(r.compile().status()).isEqualTo(Status.OK);
        assertThat(List.of(r.run().status(), r.run().exitCode(), r.run().signal())).containsExactly(Status.KILLED, 137, 9);
    }

    @Test
    void theListenerIsToldEachStageThatStartsAndOnlyTheRunGetsItsIo() throws Exception {
        List<String> stages = new ArrayList<>();
        BoxIo io = new BoxIo() {
            @Override
            public void stdout(byte[] chunk) {
            }

            @Override
            public void stderr(byte[] chunk) {
            }
        };
        ExecListener listener = new ExecListener() {
            @Override
            public void stage(String stage) {
                stages.add(stage);
            }

            @Override
            public BoxIo runIo() {
                return io;
            }
        };
        sandbox.then(exits(1, "", "error\n"));
        runner.execute(C, listener);
        assertThat(stages).containsExactly("compile");
        sandbox.then(exits(0, "", ""), exits(0, "", ""));
        stages.clear();
        runner.execute(C.withStdin("input".getBytes()), listener);
        assertThat(stages).containsExactly("compile", "run");
        assertThat(sandbox.commands().get(1).io()).as("the compile").isNull();
        assertThat(sandbox.commands().get(1).stdin()).isEmpty();
        assertThat(sandbox.commands().get(2).io()).isSameAs(io);
        assertThat(sandbox.commands().get(2).stdin()).isEqualTo("input".getBytes());
    }

    private String compiler() {
        return sandbox.commands().getFirst().argv().getFirst();
    }

    /** Runs {@code request} on a thread of its own, interrupts it once {@code started}, and returns its result. */
    private ExecResult executeAndInterrupt(ExecRequest request, CountDownLatch started) throws Exception {
        AtomicReference<ExecResult> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                result.set(runner.execute(request));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        assertThat(started.await(20, TimeUnit.SECONDS)).as("the stage started").isTrue();
        caller.interrupt();
        assertThat(caller.join(Duration.ofSeconds(20))).as("the caller returned after the interrupt").isTrue();
        assertThat(failure.get()).isNull();
        return result.get();
    }

    private static void link(Path at, Path target) {
        try {
            Files.createSymbolicLink(at, target);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
