package io.runbox.execution.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A {@code diagnostics:} section the engine cannot use is refused when the catalogue loads, saying why. */
class DiagnosticsSpecTest {
    private static String problem(String parser, String stage, String stream, String pattern, List<String> context,
                                  String continuation, boolean caret, Map<String, String> severities) {
        return new DiagnosticsSpec(parser, stage, stream, pattern, context, continuation, caret, severities).problem();
    }

    private static final String LINE = "(?<file>[^:]+):(?<line>\\d+): (?<message>.*)";

    @Test
    void aRegexWithFileAndLineIsEnough() {
        assertThat(problem(null, null, null, LINE, null, null, false, null)).isNull();
        assertThat(problem("python", "run", "stderr", null, null, null, false, null)).isNull();
    }

    @Test
    void eachMistakeIsNamed() {
        assertThat(problem("perl", null, null, null, null, null, false, null)).contains("diagnostics.parser");
        assertThat(problem(null, "link", null, LINE, null, null, false, null)).contains("diagnostics.stage");
        assertThat(problem(null, null, "stdin", LINE, null, null, false, null)).contains("diagnostics.stream");
        assertThat(problem(null, null, null, "(?<file>x):(\\d+)", null, null, false, null))
                .contains("file and line");
        assertThat(problem(null, null, null, LINE + "(", null, null, false, null)).contains("not a regular expression");
        assertThat(problem(null, null, null, LINE, List.of("from (?<file>x)"), null, false, null))
                .contains("diagnostics.context");
        assertThat(problem(null, null, null, LINE, null, "  (.*)", false, null)).contains("diagnostics.continuation");
        assertThat(problem(null, null, null, LINE, null, null, false, Map.of("fatal", "fatal")))
                .contains("diagnostics.severities");
        assertThat(problem("rustc", null, null, LINE, null, null, false, null)).contains("for the regex parser");
    }
}
