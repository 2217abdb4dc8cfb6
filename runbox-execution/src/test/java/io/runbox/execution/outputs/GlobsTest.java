package io.runbox.execution.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.execution.RequestRejectedException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code output_files} patterns: what they match, and the ones refused with the request. */
class GlobsTest {
    @Test
    void aStarStaysInItsDirectoryAndTwoStarsSpanAnyNumberOfThem() throws Exception {
        Globs top = Globs.of(List.of("*.png"));
        assertThat(top.matches("plot.png")).isTrue();
        assertThat(top.matches("out/plot.png")).isFalse();

        Globs csv = Globs.of(List.of("out/**/*.csv"));
        assertThat(csv.matches("out/a.csv")).isTrue();
        assertThat(csv.matches("out/x/y/b.csv")).isTrue();
        assertThat(csv.matches("a.csv")).isFalse();
        assertThat(csv.matches("other/a.csv")).isFalse();

        Globs anywhere = Globs.of(List.of("**/*.png", "./data.{json,csv}"));
        assertThat(anywhere.matches("b.png")).isTrue();
        assertThat(anywhere.matches("a/b/c.png")).isTrue();
        assertThat(anywhere.matches("data.csv")).isTrue();
        assertThat(anywhere.matches("data.txt")).isFalse();
    }

    @Test
    void patternsLeavingTheWorkspaceOrMalformedAreRefusedNamingThePattern() {
        for (String bad : List.of("../secret", "out/../../x", "/etc/passwd", "", "  ", "a[", "x".repeat(600))) {
            assertThatThrownBy(() -> Globs.of(List.of(bad))).as(bad).isInstanceOf(RequestRejectedException.class)
                    .hasMessageContaining("output_files");
        }
        assertThatThrownBy(() -> Globs.of(Collections.nCopies(Globs.MAX_PATTERNS + 1, "*.txt")))
                .hasMessageContaining("at most " + Globs.MAX_PATTERNS);
    }
}
