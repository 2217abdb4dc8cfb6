package io.runbox.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuantitiesTest {
    @Test
    void parsesSizes() {
        assertThat(Quantities.bytes("512m")).isEqualTo(512L << 20);
        assertThat(Quantities.bytes("1G")).isEqualTo(1L << 30);
        assertThat(Quantities.bytes("64KiB")).isEqualTo(64L << 10);
        assertThat(Quantities.bytes("1000")).isEqualTo(1000);
        assertThatThrownBy(() -> Quantities.bytes("lots")).hasMessageContaining("not a size");
    }

    @Test
    void parsesDurations() {
        assertThat(Quantities.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Quantities.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Quantities.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Quantities.duration("7")).isEqualTo(Duration.ofSeconds(7));
        assertThatThrownBy(() -> Quantities.duration("soon")).hasMessageContaining("not a duration");
    }
}
