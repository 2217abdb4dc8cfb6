package io.runbox.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitsTest {

    @Test
    void orElseTakesEachFieldFromTheFirstLevelThatSetsIt() {
        Limits request = Limits.UNSET.withWallTime(Duration.ofSeconds(2));
        Limits language = Limits.UNSET.withMemoryBytes(1L << 30).withWallTime(Duration.ofSeconds(9));

        Limits resolved = request.orElse(language).orElse(Limits.DEFAULTS);

        assertThat(resolved.wallTime()).isEqualTo(Duration.ofSeconds(2));
        assertThat(resolved.memoryBytes()).isEqualTo(1L << 30);
        assertThat(resolved.pids()).isEqualTo(64);
        assertThat(resolved.isComplete()).isTrue();
    }

    @Test
    void unsetIsNotComplete() {
        assertThat(Limits.UNSET.isComplete()).isFalse();
        assertThat(Limits.UNSET.withPids(3).orElse(Limits.UNSET).isComplete()).isFalse();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(Limits.DEFAULTS.memoryBytes()).isEqualTo(512L << 20);
        assertThat(Limits.DEFAULTS.pids()).isEqualTo(64);
        assertThat(Limits.DEFAULTS.wallTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(Limits.DEFAULTS.cpus()).isEqualTo(2.0);
        assertThat(Limits.DEFAULTS.outputBytes()).isEqualTo(10L << 20);
    }
}
