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
        assertThatThrownBy(() -> Quantities.bytes("lots"))
                .hasMessage("\"lots\" is not a size (use 512m, 1g, 64k or a number of bytes)");
    }

    @Test
    void parsesDurations() {
        assertThat(Quantities.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Quantities.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Quantities.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Quantities.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Quantities.duration("7")).isEqualTo(Duration.ofSeconds(7));
        assertThatThrownBy(() -> Quantities.duration("soon"))
                .hasMessage("\"soon\" is not a duration (use 500ms, 30s, 5m, 1h)");
    }

    /** A quantity too large to count in bytes or nanoseconds is refused, never wrapped around or thrown later. */
    @Test
    void refusesWhatALongCannotHold() {
        assertThatThrownBy(() -> Quantities.bytes("99999999999g")).hasMessage("\"99999999999g\" is too large a size");
        assertThatThrownBy(() -> Quantities.bytes("99999999999999999999")).hasMessageContaining("too large");
        assertThatThrownBy(() -> Quantities.duration("9999999h")).hasMessage("\"9999999h\" is too long a duration");
        assertThatThrownBy(() -> Quantities.duration(Long.MAX_VALUE + "ms")).hasMessageContaining("too long");
        assertThat(Quantities.duration("100000h")).isEqualTo(Duration.ofHours(100_000));
    }
}
