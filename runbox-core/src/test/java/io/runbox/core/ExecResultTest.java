package io.runbox.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a client is shown of an execution when it is shown one stage. */
class ExecResultTest {
    private static StageResult stage(String stdout, String stderr, Status status, long wallMs) {
        return new StageResult(stdout, stderr, status == Status.OK ? 0 : 1, null, status, wallMs, wallMs, 1024, false);
    }

    /** The texts a client is shown: the program's stdout and stderr, the compiler's output, the one error stream. */
    private static List<String> texts(ExecResult r) {
        return List.of(r.programStdout(), r.programStderr(), r.compilerOutput(), r.errorOutput());
    }

    @Test
    void anInterpretedRunShowsTheRun() {
        StageResult run = stage("out\n", "err\n", Status.RUNTIME_ERROR, 40);
        ExecResult r = new ExecResult("python", "3.11.2", "python-3.11", null, run);
        assertThat(r.finalStage()).isSameAs(run);
        assertThat(texts(r)).containsExactly("out\n", "err\n", "", "err\n");
        assertThat(List.of(r.runWallMs(), r.totalWallMs())).containsExactly(40L, 40L);
    }

    @Test
    void aCompiledRunShowsTheRunAndKeepsTheCompilersWarnings() {
        StageResult run = stage("42\n", "", Status.OK, 5);
        ExecResult r = new ExecResult("c", "12.2.0", "gcc-12", stage("", "warning: unused\n", Status.OK, 300), run);
        assertThat(r.finalStage()).isSameAs(run);
        assertThat(texts(r)).containsExactly("42\n", "", "warning: unused\n", "");
        assertThat(List.of(r.runWallMs(), r.totalWallMs())).containsExactly(5L, 305L);
    }

    @Test
    void aFailedCompileShowsTheCompilerAndNoProgramOutput() {
        // mcs prints its summary on stdout: that is the compiler's, never the program's (the onlinecompiler
        // dialect showed it as the program's output).
        StageResult compile = stage("Compilation failed: 1 error(s)\n", "main.cs(1,1): error CS0103\n",
                Status.COMPILE_ERROR, 300);
        ExecResult r = new ExecResult("csharp", "6.12.0", "mono-6.12", compile, null);
        assertThat(r.finalStage()).isSameAs(compile);
        assertThat(r.status()).isEqualTo(Status.COMPILE_ERROR);
        String all = "Compilation failed: 1 error(s)\nmain.cs(1,1): error CS0103\n";
        assertThat(texts(r)).containsExactly("", "", all, all);
        assertThat(List.of(r.runWallMs(), r.totalWallMs())).containsExactly(0L, 300L);
    }
}
