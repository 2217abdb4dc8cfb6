package io.runbox.execution.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.runbox.core.Diagnostic;
import io.runbox.execution.catalogue.DiagnosticsSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whatever a program prints, reading its diagnostics is bounded work. */
class BoundsTest {
    private static final List<String> MAIN_C = List.of("main.c");

    private static DiagnosticsSpec gcc() throws Exception {
        return Captured.definition("c").diagnostics();
    }

    @Test
    void atMostTwoHundredDiagnosticsAStage() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            text.append("main.c:").append(i).append(":1: error: again\n");
        }
        List<Diagnostic> found = Diagnostics.parse(gcc(), "", text.toString(), MAIN_C);
        assertThat(found).hasSize(Found.MAX);
        assertThat(found.get(199).line()).isEqualTo(200);
    }

    @Test
    void onlyTheFirst256KiBOfAStreamAreRead() throws Exception {
        String filler = "x".repeat(100) + "\n";
        String text = "main.c:1:1: error: early\n" + filler.repeat(3000) + "main.c:2:1: error: late\n";
        assertThat(Diagnostics.parse(gcc(), "", text, MAIN_C)).extracting(Diagnostic::message).containsExactly("early");
    }

    @Test
    void aPathologicalLineCostsLittleWithTheShippedPatterns() throws Exception {
        // Long lines of the pattern's separators, which a careless pattern would backtrack over.
        String colons = "main.c:" + "1:".repeat(200_000) + " error\n";
        String spaces = "main.c:1:1: error" + " ".repeat(200_000) + "x\n";
        String parens = "main.ts(" + "1,".repeat(200_000) + "\n";
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (String language : List.of("c", "java", "go", "typescript", "csharp", "haskell")) {
                DiagnosticsSpec spec = Captured.definition(language).diagnostics();
                assertThat(Diagnostics.parse(spec, colons + parens, colons + spaces + parens, MAIN_C))
                        .allSatisfy(d -> assertThat(d.line()).isEqualTo(1));
            }
        });
    }

    @Test
    void aPatternThatBacktracksWithoutEndStopsAtTheBudgetKeepingWhatItFound() {
        DiagnosticsSpec catastrophic = new DiagnosticsSpec(null, null, null,
                "(?<file>main\\.c):(?<line>\\d+): (?<message>ok|(.*a){12}x)", null, null, false, null);
        // Without a bound, matching the second line alone takes Java's regex engine minutes.
        String text = "main.c:1: ok\n" + ("main.c:2: " + "a".repeat(40) + "!\n").repeat(100);
        List<Diagnostic> found = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> Diagnostics.parse(catastrophic, "", text, MAIN_C));
        assertThat(found).containsExactly(new Diagnostic("main.c", 1, 0, "error", "ok"));
    }

    @Test
    void theBudgetStopsReadingOnceSpent() {
        CharSequence line = new Budget().lines("a".repeat(Budget.MAX_LINE)).get(0);
        assertThatThrownBy(() -> {
            for (long i = 0; i <= Budget.MAX_READS; i++) {
                line.charAt((int) (i % line.length()));
            }
        }).isInstanceOf(Budget.Exhausted.class);
    }

    @Test
    void numbersTooLargeToBeRealAreNone() throws Exception {
        assertThat(Diagnostics.parse(gcc(), "", "main.c:99999999999:3: error: big\n", MAIN_C))
                .containsExactly(new Diagnostic("main.c", 0, 3, "error", "big"));
    }

    @Test
    void theRequestsNamesAreFoundHoweverTheMessageSpellsThem() throws Exception {
        String text = "/box/main.c:1:1: error: a\n./main.c:2:1: error: b\n/box/./main.c:3:1: error: c\n"
                + "/etc/main.c:4:1: error: d\n../main.c:5:1: error: e\n";
        assertThat(Diagnostics.parse(gcc(), "", text, MAIN_C)).extracting(Diagnostic::line).containsExactly(1, 2, 3);
    }
}
