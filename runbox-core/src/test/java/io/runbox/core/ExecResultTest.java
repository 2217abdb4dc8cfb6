package io.runbox.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a client is shown of an execution when it is shown one stage. */
class ExecResultTest {
    private static StageResult stage(String stdout, String stderr, int exit, Status status, long wallMs) {
        return new StageResult(stdout, stderr, exit, null, status, wallMs, wallMs, 1024, false);
    }

    @Test
    void anInterpretedRunShowsTheRun() {
        StageResult run = stage("out\n", "err\n", 3, Status.RUNTIME_ERROR, 40);
        ExecResult r = new ExecResult("python", "3.11.2", "python-3.11", null, run);
        assertThat(r.finalStage()).isSameAs(run);
        assertThat(r.programStdout()).isEqualTo("out\n");
        assertThat(r.programStderr()).isEqualTo("err\n");
        assertThat(r.compilerOutput()).isEmpty();
        assertThat(r.errorOutput()).isEqualTo("err\n");
        assertThat(r.runWallMs()).isEqualTo(40);
        assertThat(r.totalWallMs()).isEqualTo(40);
    }

    @Test
    void aCompiledRunShowsTheRunAndKeepsTheCompilersWarnings() {
        StageResult compile = stage("", "warning: unused\n", 0, Status.OK, 300);
        StageResult run = stage("42\n", "", 0, Status.OK, 5);
        ExecResult r = new ExecResult("c", "12.2.0", "gcc-12", compile, run);
        assertThat(r.finalStage()).isSameAs(run);
        assertThat(r.programStdout()).isEqualTo("42\n");
        assertThat(r.errorOutput()).isEmpty();
        assertThat(r.compilerOutput()).isEqualTo("warning: unused\n");
        assertThat(r.runWallMs()).isEqualTo(5);
        assertThat(r.totalWallMs()).isEqualTo(305);
    }

    @Test
    void aFailedCompileShowsTheCompilerAndNoProgramOutput() {
        // mcs prints its summary on stdout: that is the compiler's, never the program's (the onlinecompiler
        // dialect showed it as the program's output).
        StageResult compile = stage("Compilation failed: 1 error(s)\n", "main.cs(1,1): error CS0103\n", 1,
                Status.COMPILE_ERROR, 300);
        ExecResult r = new ExecResult("csharp", "6.12.0", "mono-6.12", compile, null);
        assertThat(r.finalStage()).isSameAs(compile);
        assertThat(r.status()).isEqualTo(Status.COMPILE_ERROR);
        assertThat(r.programStdout()).isEmpty();
        assertThat(r.programStderr()).isEmpty();
        assertThat(r.compilerOutput()).isEqualTo("Compilation failed: 1 error(s)\nmain.cs(1,1): error CS0103\n");
        assertThat(r.errorOutput()).isEqualTo(r.compilerOutput());
        assertThat(r.runWallMs()).isZero();
        assertThat(r.totalWallMs()).isEqualTo(300);
    }
}
