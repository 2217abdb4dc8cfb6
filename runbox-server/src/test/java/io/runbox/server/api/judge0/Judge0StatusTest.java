package io.runbox.server.api.judge0;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.StageResult;
import io.runbox.core.Status;
import io.runbox.execution.judge.Verdict;
import org.junit.jupiter.api.Test;

class Judge0StatusTest {

    private static StageResult ended(Status status, int exit, Integer signal) {
        return new StageResult("", "", exit, signal, status, 1, 1, 1, false);
    }

    @Test
    void runtimeErrorsAreNumberedBySignalAsJudge0NumbersThem() {
        assertThat(Judge0Status.of(Verdict.RUNTIME_ERROR, ended(Status.RUNTIME_ERROR, 139, 11))).isEqualTo(Judge0Status.SIGSEGV);
        assertThat(Judge0Status.of(Verdict.RUNTIME_ERROR, ended(Status.RUNTIME_ERROR, 153, 25))).isEqualTo(Judge0Status.SIGXFSZ);
        assertThat(Judge0Status.of(Verdict.RUNTIME_ERROR, ended(Status.RUNTIME_ERROR, 136, 8))).isEqualTo(Judge0Status.SIGFPE);
        assertThat(Judge0Status.of(Verdict.RUNTIME_ERROR, ended(Status.RUNTIME_ERROR, 134, 6))).isEqualTo(Judge0Status.SIGABRT);
        assertThat(Judge0Status.of(Verdict.RUNTIME_ERROR, ended(Status.RUNTIME_ERROR, 138, 10))).isEqualTo(Judge0Status.OTHER);
        assertThat(Judge0Status.of(Verdict.RUNTIME_ERROR, ended(Status.RUNTIME_ERROR, 3, null))).isEqualTo(Judge0Status.NZEC);
    }

    @Test
    void limitsMapToWhatJudge0ClientsKnow() {
        assertThat(Judge0Status.of(Verdict.MEMORY_LIMIT_EXCEEDED, ended(Status.MEMORY_LIMIT, 137, 9)))
                .as("Judge0 has no memory verdict: a SIGKILL").isEqualTo(Judge0Status.OTHER);
        assertThat(Judge0Status.of(Verdict.OUTPUT_LIMIT_EXCEEDED, ended(Status.OUTPUT_LIMIT, 137, 9)))
                .isEqualTo(Judge0Status.SIGXFSZ);
        assertThat(Judge0Status.of(Verdict.TIME_LIMIT_EXCEEDED, ended(Status.TIME_LIMIT, 124, null)))
                .isEqualTo(Judge0Status.TIME_LIMIT_EXCEEDED);
        assertThat(Judge0Status.of(Verdict.COMPILATION_ERROR, null)).isEqualTo(Judge0Status.COMPILATION_ERROR);
        assertThat(Judge0Status.of(Verdict.INTERNAL_ERROR, null)).isEqualTo(Judge0Status.INTERNAL_ERROR);
    }

    @Test
    void idsAndDescriptionsAreJudge0s() {
        assertThat(Judge0Status.values()).hasSize(14);
        for (int id = 1; id <= 14; id++) {
            assertThat(Judge0Status.byId(id).orElseThrow().id()).isEqualTo(id);
        }
        assertThat(Judge0Status.byId(15)).isEmpty();
        assertThat(Judge0Status.NZEC.description()).isEqualTo("Runtime Error (NZEC)");
    }
}
