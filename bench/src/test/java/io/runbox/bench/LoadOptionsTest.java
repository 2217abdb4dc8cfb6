package io.runbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {
    @Test
    void defaultsCoverEveryLanguageAtOneToEightClients() {
        LoadOptions o = LoadOptions.parse();
        assertThat(o.url()).isNull();
        assertThat(o.clients()).containsExactly(1, 2, 4, 8);
        assertThat(o.languages()).containsExactly("python", "javascript", "c", "cpp", "java", "kotlin", "typescript");
        assertThat(o.requests()).isPositive();
        assertThat(o.seconds()).isPositive();
        assertThat(o.spacedMillis()).isEqualTo(200);
        assertThat(o.warmupSeconds()).isEqualTo(10);
    }

    @Test
    void readsEveryOption() {
        LoadOptions o = LoadOptions.parse("--url", "http://h:1", "--key", "k", "--requests", "0", "--seconds", "1.5",
                "--keyed", "7", "--clients", "1, 3", "--languages", "c,python", "--spaced", "0", "--warmup", "0");
        assertThat(o).isEqualTo(new LoadOptions("http://h:1", "k", 0, 1.5, 7, List.of(1, 3), List.of("c", "python"), 0, 0));
    }

    @Test
    void refusesBadInputWithAMessageNamingTheOption() {
        assertThatThrownBy(() -> LoadOptions.parse("--clients", "0")).hasMessageContaining("--clients must be at least 1");
        assertThatThrownBy(() -> LoadOptions.parse("--requests", "x")).hasMessageContaining("--requests takes a number");
        assertThatThrownBy(() -> LoadOptions.parse("--seconds", "0")).hasMessageContaining("--seconds");
        assertThatThrownBy(() -> LoadOptions.parse("--keyed")).hasMessageContaining("--keyed needs a value");
        assertThatThrownBy(() -> LoadOptions.parse("--warmup", "-1")).hasMessageContaining("--warmup must be 0 or more");
        assertThatThrownBy(() -> LoadOptions.parse("--fast", "1")).hasMessageContaining("unknown option --fast");
    }
}
