package io.runbox.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    private static final List<String> FIELDS = List.of("language", "version", "code", "files", "stdin", "args");

    @Test
    void aTypoFindsTheNameItWasMeantToBe() {
        assertThat(DidYouMean.closest("stdn", FIELDS)).contains("stdin");
        assertThat(DidYouMean.closest("langauge", FIELDS)).contains("language");
        assertThat(DidYouMean.closest("Code", FIELDS)).contains("code");
        assertThat(DidYouMean.closest("pyhton", List.of("python", "php", "perl"))).contains("python");
        assertThat(DidYouMean.suffix("fils", FIELDS)).isEqualTo("; did you mean 'files'?");
    }

    @Test
    void aNameThatIsNotCloseGetsNoSuggestion() {
        assertThat(DidYouMean.closest("source", FIELDS)).isEmpty();
        assertThat(DidYouMean.closest("cobol", List.of("python", "c", "go", "bash"))).isEmpty();
        assertThat(DidYouMean.closest("x", List.of("c", "d"))).isEmpty();
        assertThat(DidYouMean.closest(null, FIELDS)).isEmpty();
        assertThat(DidYouMean.suffix("", FIELDS)).isEmpty();
    }

    @Test
    void theFirstOfEquallyCloseNamesWins() {
        assertThat(DidYouMean.closest("cod", List.of("code", "cot"))).contains("code");
    }
}
