package io.runbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SideBySideTest {
    @Test
    void ratioIsRunboxOverBare() {
        assertThat(SideBySide.ratio(30, 12)).isEqualTo("2.50x");
        assertThat(SideBySide.ratio(5, 20)).isEqualTo("0.25x");
        assertThat(SideBySide.ratio(Double.NaN, 1)).isEqualTo("-");
        assertThat(SideBySide.ratio(1, 0)).isEqualTo("-");
    }

    @Test
    void aRowShowsBothSidesAndTheirRatiosAndMissingLanguagesAreNamed() {
        // bare: 4 runs of 10 ms in 0.1 s, 200 ms host CPU; runbox: 2 runs of 30 ms in 0.1 s, 200 ms CPU, one 429
        ClosedLoop.Result bare = new ClosedLoop.Result(List.of(10_000_000L, 10_000_000L, 10_000_000L, 10_000_000L),
                4, 0, 0.1, 200);
        ClosedLoop.Result runbox = new ClosedLoop.Result(List.of(30_000_000L, 30_000_000L), 2, 1, 0.1, 200);
        SideBySide t = new SideBySide();
        t.row("python", 4, bare, runbox);
        t.missing("kotlin", "not installed");
        String[] lines = t.render().split("\n");
        assertThat(lines[2].split("\\s+")).containsExactly("python", "4", "4/2", "10.0", "30.0", "3.00x", "10.0",
                "30.0", "3.00x", "40.0", "20.0", "0.50x", "50.0", "100", "2.00x", "1");
        assertThat(lines[3]).isEqualTo("kotlin: not installed");
    }

    @Test
    void hostCpuCountsBusyTicksOnly() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        assertThat(HostCpu.busyTicks("cpu  100 2 30 5000 40 1 3 4 0 0")).isEqualTo(100 + 2 + 30 + 1 + 3 + 4);
    }

    @Test
    void everyProgramCarriesItsNumberInTheLanguagesCommentSyntax() {
        assertThat(HelloProgram.withComment("python", 7, "print(1)\n")).isEqualTo("# bench 7\nprint(1)\n");
        assertThat(HelloProgram.withComment("c", 8, "int main(){}\n")).isEqualTo("// bench 8\nint main(){}\n");
    }
}
