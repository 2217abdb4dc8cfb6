package io.runbox.execution.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.execution.judge.Comparison.Mode;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static final Comparison EXACT = Comparison.of(Mode.EXACT);
    private static final Comparison LINES = Comparison.of(Mode.LINES);
    private static final Comparison TOKENS = Comparison.of(Mode.TOKENS);
    private static final Comparison FLOAT = Comparison.of(Mode.FLOAT);

    @Test
    void exactReportsTheFirstDifferingLineAndColumnWithBothLines() {
        assertThat(EXACT.compare("a\nb\n", "a\nb\n")).isNull();
        assertThat(EXACT.compare("1\n2\n3\n", "1\n2\n4\n")).isEqualTo(new Mismatch(3, 1, "3", "4"));
        assertThat(EXACT.compare("hello world\n", "hello wordl\n")).isEqualTo(new Mismatch(1, 10, "hello world", "hello wordl"));
        // A missing final newline is a difference in exact mode only.
        assertThat(EXACT.compare("x\n", "x")).isEqualTo(new Mismatch(1, 2, "x", "x"));
        assertThat(LINES.compare("x\n", "x")).isNull();
        // Output that ends early: the expected line, nothing of the program's.
        assertThat(EXACT.compare("1\n2\n", "1\n")).isEqualTo(new Mismatch(2, 1, "2", null));
    }

    @Test
    void linesIsJudge0sRuleTrailingWhitespaceOfEachLineAndOfTheTextIgnored() {
        assertThat(LINES.compare("1 2\n3\n", "1 2   \r\n3\t\n\n\n")).isNull();
        assertThat(LINES.compare("1 2\n3", "\n  1 2\n3")).isNull(); // Judge0's strip drops leading whitespace too
        assertThat(LINES.compare("1 2\n3\n", "1  2\n3\n")).isEqualTo(new Mismatch(1, 3, "1 2", "1  2"));
        // Reported on the program's own lines, past the leading blank lines the rule dropped.
        assertThat(LINES.compare("a\nb\nc", "\n\na\nb\nd")).isEqualTo(new Mismatch(5, 1, "c", "d"));
        assertThat(LINES.compare("a\nb", "a\n\nb")).isEqualTo(new Mismatch(2, 1, "b", ""));
    }

    @Test
    void tokensIgnoreHowTheyAreSpacedButNotTheirOrder() {
        assertThat(TOKENS.compare("1 2 3\n", "1\n2    3")).isNull();
        assertThat(TOKENS.compare("1 2 3\n", "1 3 2\n")).isEqualTo(new Mismatch(1, 3, "1 2 3", "1 3 2"));
        assertThat(TOKENS.compare("1 2 3\n", "1 2\n")).isEqualTo(new Mismatch(2, 1, "1 2 3", null));
        assertThat(TOKENS.compare("1 2\n", "1 2\n3\n")).isEqualTo(new Mismatch(2, 1, null, "3"));
        assertThat(TOKENS.compare("1.0", "1")).isNotNull();
    }

    @Test
    void floatsMatchWithinAbsoluteOrRelativeToleranceAndWordsExactly() {
        assertThat(FLOAT.compare("3.1415926", "3.14159265358979")).isNull();
        assertThat(FLOAT.compare("0.5", "5e-1")).isNull();
        assertThat(FLOAT.compare("1000000", "1000000.5")).isNull(); // relative 1e-6 of a million is 1
        assertThat(FLOAT.compare("3.1415", "3.1416")).isEqualTo(new Mismatch(1, 1, "3.1415", "3.1416"));
        assertThat(FLOAT.compare("yes 1.0", "YES 1.0")).isNotNull();
        assertThat(FLOAT.compare("1.0", "NaN")).isNotNull();
        assertThat(new Comparison(Mode.FLOAT, 0.01, 0).compare("2.00", "2.009")).isNull();
        assertThat(new Comparison(Mode.FLOAT, 0.01, 0).compare("2.00", "2.02")).isNotNull();
    }

    @Test
    void modesAreNamedInAnyCaseAndTolerancesMayNotBeNegative() {
        assertThat(Mode.named("Float")).isEqualTo(Mode.FLOAT);
        assertThat(Mode.named("diff")).isNull();
        assertThat(Mode.LINES.wireName()).isEqualTo("lines");
        assertThatThrownBy(() -> new Comparison(Mode.FLOAT, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Comparison(Mode.FLOAT, 0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void longLinesAreCutInTheReport() {
        String line = "x".repeat(5000);
        Mismatch m = EXACT.compare(line + "a", line + "b");
        assertThat(m.column()).isEqualTo(5001);
        assertThat(m.expected()).hasSize(Mismatch.EXCERPT + 1).endsWith("…");
    }
}
