package io.runbox.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.BoxResult;
import io.runbox.core.StageResult;
import io.runbox.core.Status;
import org.junit.jupiter.api.Test;

class StageOutcomeTest {
    private static BoxResult box(int exit, Integer signal, boolean timedOut, boolean oom, boolean flood) {
        return new BoxResult("out".getBytes(), new byte[0], flood, exit, signal, timedOut, oom, 10, 5, 2048);
    }

    @Test
    void timeoutIs124WithoutSignal() {
        StageResult r = StageOutcome.of(box(137, 9, true, false, false), false);
        assertThat(r.status()).isEqualTo(Status.TIME_LIMIT);
        assertThat(r.exitCode()).isEqualTo(124);
        assertThat(r.signal()).isNull();
    }

    @Test
    void memoryKillIs137WithSignal9() {
        StageResult r = StageOutcome.of(box(1, null, false, true, false), false);
        assertThat(r.status()).isEqualTo(Status.MEMORY_LIMIT);
        assertThat(r.exitCode()).isEqualTo(137);
        assertThat(r.signal()).isEqualTo(9);
    }

    @Test
    void fileSizeSignalAndFloodAreOutputLimits() {
        assertThat(StageOutcome.of(box(153, 25, false, false, false), false).status()).isEqualTo(Status.OUTPUT_LIMIT);
        StageResult flood = StageOutcome.of(box(137, 9, false, false, true), false);
        assertThat(flood.status()).isEqualTo(Status.OUTPUT_LIMIT);
        assertThat(flood.truncated()).isTrue();
    }

    @Test
    void nonZeroExitIsACompileOrRuntimeErrorByStage() {
        assertThat(StageOutcome.of(box(1, null, false, false, false), true).status()).isEqualTo(Status.COMPILE_ERROR);
        assertThat(StageOutcome.of(box(139, 11, false, false, false), false).status()).isEqualTo(Status.RUNTIME_ERROR);
        StageResult ok = StageOutcome.of(box(0, null, false, false, false), false);
        assertThat(ok.status()).isEqualTo(Status.OK);
        assertThat(ok.memoryKb()).isEqualTo(2);
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        assertThat(StageOutcome.decode(new byte[] {'o', 'k', (byte) 0xff, (byte) 0xc3})).isEqualTo("ok\uFFFD\uFFFD");
    }
}
