package io.runbox.execution.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionSelectorTest {

    @ParameterizedTest(name = "''{0}'' matches {1}: {2}")
    @CsvSource({
            "*, 3.11.2, true",
            "latest, 1.0, true",
            "3.11, 3.11.2, true",
            "3.11, 3.12.0, false",
            "3, 3.9.1, true",
            "3.x, 3.12.1, true",
            "3.x, 2.7.18, false",
            "3.*, 3.0, true",
            ">=17, 25.0.3, true",
            ">=17, 17.0.15, true",
            ">=17, 11.0.2, false",
            ">17, 17.0.15, false",
            ">17, 21.0.1, true",
            "<3.12, 3.11.9, true",
            "<3.12, 3.12.0, false",
            "<=3.11, 3.11.9, true",
            "^3.10, 3.13.0, true",
            "^3.10, 4.0.0, false",
            "~3.11.1, 3.11.5, true",
            "~3.11.1, 3.12.0, false",
            "'>=3.8 <3.12', 3.11.2, true",
            "'>=3.8 <3.12', 3.12.0, false",
            "'17 || 21', 21.0.2, true",
            "'17 || 21', 25.0.0, false",
            "12.2.0, 12.2.0, true",
            "v20, 20.20.2, true",
    })
    void matchesRanges(String selector, String version, boolean expected) {
        assertThat(VersionSelector.parse(selector).matches(Version.parse(version))).isEqualTo(expected);
    }

    @Test
    void namesCompilerIdsCaseInsensitively() {
        VersionSelector s = VersionSelector.parseLenient("GCC-12");
        assertThat(s.namesCompiler("gcc-12")).isTrue();
        assertThat(s.matches(Version.parse("12.2.0"))).isFalse();
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> VersionSelector.parse(">=banana")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void versionsCompareNumericallyNotAsText() {
        assertThat(Version.parse("3.10.0")).isGreaterThan(Version.parse("3.9.18"));
        assertThat(Version.parse("25")).isGreaterThan(Version.parse("17.0.15"));
        assertThat(Version.parse("5.2.15(1)-release").toString()).isEqualTo("5.2.15");
    }
}
