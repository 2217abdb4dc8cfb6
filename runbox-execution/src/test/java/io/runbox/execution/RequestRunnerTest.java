package io.runbox.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.Limits;
import io.runbox.core.SourceFile;
import io.runbox.core.StageLimits;
import io.runbox.core.Status;
import io.runbox.execution.RequestRejectedException.Reason;
import io.runbox.execution.catalogue.Compiler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The executor end to end, through the real sandbox. */
class RequestRunnerTest {
    private final RequestRunner runner = TestRunner.runner();

    @Test
    void compileErrorsStopBeforeTheRunAndShowTheDiagnostics() throws Exception {
        ExecResult r = TestRunner.run("c", "int main(void) { return missing; }\n");
        assertThat(r.status()).isEqualTo(Status.COMPILE_ERROR);
        assertThat(r.run()).isNull();
        assertThat(r.compile().stderr()).contains("missing");
        assertThat(r.compile().exitCode()).isNotZero();
    }

    @Test
    void interruptingTheCallerKillsTheRunAndTheStageEndsKilledNotAsAnInternalError() throws Exception {
        java.util.concurrent.atomic.AtomicReference<ExecResult> result = new java.util.concurrent.atomic.AtomicReference<>();
        String marker = "interrupted" + System.nanoTime();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                result.set(TestRunner.run("bash", "exec -a " + marker + " sleep 60"));
            } catch (RequestRejectedException e) {
                throw new IllegalStateException(e);
            }
        });
        // Interrupt once the program runs (on a loaded host its box may take a while to start).
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!running(marker) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(running(marker)).as("the program started").isTrue();
        caller.interrupt();
        caller.join(Duration.ofSeconds(20));
        assertThat(caller.isAlive()).as("the run ended within 20 s of the interrupt").isFalse();
        ExecResult r = result.get();
        assertThat(r.status()).as(String.valueOf(r)).isEqualTo(Status.KILLED);
        assertThat(r.run().exitCode()).isEqualTo(137);
        assertThat(r.run().signal()).isEqualTo(9);
    }

    @Test
    void aSegfaultIsExit139Signal11() throws Exception {
        ExecResult r = TestRunner.run("c", "int main(void) { volatile int *p = 0; return *p; }\n");
        assertThat(r.status()).isEqualTo(Status.RUNTIME_ERROR);
        assertThat(r.run().exitCode()).isEqualTo(139);
        assertThat(r.run().signal()).isEqualTo(11);
    }

    @Test
    void anExceptionIsARuntimeErrorWithTheTraceback() throws Exception {
        ExecResult r = TestRunner.run("python", "print('before')\nraise ValueError('boom')\n");
        assertThat(r.status()).isEqualTo(Status.RUNTIME_ERROR);
        assertThat(r.run().exitCode()).isEqualTo(1);
        assertThat(r.run().stdout()).isEqualTo("before\n");
        assertThat(r.run().stderr()).contains("ValueError: boom");
    }

    @Test
    void stdinAndArgsReachTheProgram() throws Exception {
        ExecRequest req = ExecRequest.of("python", SourceFile.of("main.py",
                        "import sys\nprint(sys.argv[1:], sys.stdin.read().upper())\n"))
                .withStdin("hello".getBytes()).withArgs(List.of("a b", "--flag"));
        ExecResult r = runner.execute(req);
        assertThat(r.run().stdout()).isEqualTo("['a b', '--flag'] HELLO\n");
    }

    @Test
    void multiFileProjectsCompileTogether() throws Exception {
        ExecRequest req = new ExecRequest("c", null, List.of(
                SourceFile.of("main.c", "#include \"lib/add.h\"\n#include <stdio.h>\nint main(void){printf(\"%d\\n\", add(2, 3));}\n"),
                SourceFile.of("lib/add.h", "int add(int a, int b);\n"),
                SourceFile.of("add.c", "int add(int a, int b) { return a + b; }\n")), null, null, null, null);
        ExecResult r = runner.execute(req);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OK);
        assertThat(r.run().stdout()).isEqualTo("5\n");
    }

    @Test
    void pythonModulesImportEachOther() throws Exception {
        ExecRequest req = new ExecRequest("py", null, List.of(
                SourceFile.of("main.py", "from helper import greet\nprint(greet('box'))\n"),
                SourceFile.of("helper.py", "def greet(n):\n    return 'hi ' + n\n")), null, null, null, null);
        assertThat(runner.execute(req).run().stdout()).isEqualTo("hi box\n");
    }

    @Test
    void theVersionSelectorPicksTheToolchain() throws Exception {
        String code = "public class Main { public static void main(String[] a) {"
                + " System.out.println(Runtime.version().feature()); } }";
        // The oldest installed JDK, by its major version: not the default wherever two are installed.
        Compiler oldest = runner.catalogue().find("java").orElseThrow().compilers().stream()
                .min(Comparator.comparing(Compiler::version)).orElseThrow();
        int major = oldest.version().major();
        ExecResult r = runner.execute(ExecRequest.of("java", SourceFile.of("Main.java", code))
                .withVersion(Integer.toString(major)));
        assertThat(r.compilerId()).isEqualTo(oldest.id());
        assertThat(r.run().stdout().trim()).isEqualTo(Integer.toString(major));
    }

    /** Whether a host process whose command line contains {@code marker} runs. */
    private static boolean running(String marker) throws java.io.IOException {
        try (var procs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).anyMatch(p -> {
                try {
                    return new String(java.nio.file.Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .contains(marker);
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }
    }

    @Test
    void invalidUtf8OutputSurvivesAsReplacementCharacters() throws Exception {
        ExecResult r = TestRunner.run("python", "import sys\nsys.stdout.buffer.write(b'ok\\xff\\xfe!')\n");
        assertThat(r.status()).isEqualTo(Status.OK);
        assertThat(r.run().stdout()).isEqualTo("ok\uFFFD\uFFFD!");
    }

    @Test
    void requestLimitsWin() throws Exception {
        Limits run = Limits.UNSET.withWallTime(Duration.ofMillis(500));
        ExecResult r = runner.execute(ExecRequest.of("python", SourceFile.of("main.py", "while True: pass\n"))
                .withLimits(new StageLimits(Limits.UNSET, run)));
        assertThat(r.status()).isEqualTo(Status.TIME_LIMIT);
        assertThat(r.run().exitCode()).isEqualTo(124);
        assertThat(r.run().signal()).isNull();
        assertThat(r.run().wallMs()).isBetween(450L, 3000L);
    }

    @Test
    void theRunBoxGetsTheCompiledProgramButNothingElseOfTheCompileBox() throws Exception {
        ExecResult r = TestRunner.run("c", "#include <stdlib.h>\nint main(void) {"
                + " return system(\"ls /box; ls -A /tmp | wc -l\"); }\n");
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OK);
        assertThat(r.run().stdout()).isEqualTo("main\nmain.c\n0\n");
    }

    @Test
    void oversizeCodeAndStdinAreRejectedBeforeRunning() {
        String big = "#".repeat(100 * 1024 + 1);
        assertThatThrownBy(() -> TestRunner.run("python", big))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        ExecRequest req = ExecRequest.of("python", SourceFile.of("main.py", "pass"))
                .withStdin(new byte[100 * 1024 + 1]);
        assertThatThrownBy(() -> runner.execute(req)).hasMessageContaining("stdin");
    }

    @Test
    void hostileFileNamesAreRejectedBeforeAnythingIsWritten() {
        for (String name : List.of("../escape.py", "/etc/cron.d/x", "a/../../b.py")) {
            ExecRequest req = new ExecRequest("python", null, List.of(SourceFile.of("main.py", "pass"),
                    new SourceFile(name, "x".getBytes(StandardCharsets.UTF_8))), null, null, null, null);
            assertThatThrownBy(() -> runner.execute(req))
                    .isInstanceOfSatisfying(RequestRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_FILE_NAME));
        }
    }

    @Test
    void anIdenticalCompiledRequestStartsFromTheKeptCompile() throws Exception {
        String code = "#include <stdio.h>\n/* " + System.nanoTime() + " */\nint main(void) { puts(\"kept\"); return 0; }\n";
        long hits = runner.compileCache().hits();
        ExecResult first = TestRunner.run("c", code);
        ExecResult second = TestRunner.run("c", code);
        assertThat(first.compile().wallMs()).as("the first compile ran in a box").isPositive();
        assertThat(second.compile().wallMs()).as("the second compile came from the cache").isZero();
        assertThat(second.compile().status()).isEqualTo(Status.OK);
        assertThat(second.run().stdout()).isEqualTo("kept\n");
        assertThat(runner.compileCache().hits()).isEqualTo(hits + 1);
    }

    @Test
    void aDifferentFileOptionOrLimitCompilesAgain() throws Exception {
        String code = "#include <stdio.h>\n/* " + System.nanoTime() + " */\nint main(void) { puts(\"v\"); return 0; }\n";
        TestRunner.run("c", code);
        ExecRequest base = ExecRequest.of("c", SourceFile.of("main.c", code));
        ExecRequest otherFile = new ExecRequest("c", null, List.of(SourceFile.of("main.c", code),
                SourceFile.of("data.txt", "x")), null, null, null, null);
        ExecRequest otherOption = new ExecRequest("c", null, base.files(), null, null, List.of("-O1"), null);
        ExecRequest otherLimit = base.withLimits(new StageLimits(Limits.UNSET.withWallTime(Duration.ofMillis(9_999)),
                Limits.UNSET));
        for (ExecRequest req : List.of(otherFile, otherOption, otherLimit)) {
            ExecResult r = runner.execute(req);
            assertThat(r.compile().wallMs()).as("compile of %s", req).isPositive();
            assertThat(r.run().stdout()).isEqualTo("v\n");
        }
    }

    @Test
    void aFailedCompileIsNotKept() throws Exception {
        String code = "int main(void) { return missing_" + System.nanoTime() + "; }\n";
        TestRunner.run("c", code);
        ExecResult again = TestRunner.run("c", code);
        assertThat(again.status()).isEqualTo(Status.COMPILE_ERROR);
        assertThat(again.compile().wallMs()).isPositive();
    }

    @Test
    void aCompiledJavaProgramRunsFromTheCacheToo() throws Exception {
        String code = "public class Main { public static void main(String[] a) { System.out.println(\"j" + System.nanoTime()
                + "\"); } }\n";
        ExecResult first = TestRunner.run("java", code);
        ExecResult second = TestRunner.run("java", code);
        assertThat(second.compile().wallMs()).isZero();
        assertThat(second.run().stdout()).isEqualTo(first.run().stdout()).startsWith("j");
    }
}
