package io.runbox.execution;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"main.py", "src/lib/util.c", "Main.java", "données.txt", "a b.txt", ".hidden"})
    void acceptsOrdinaryRelativeNames(String name) {
        assertThatCode(() -> FileNames.validate(name)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "../evil.py", "a/../../b", "a/./b", "a//b", "dir/", "..", ".",
            "a\\b", "bad\nname", "nul\u0000byte"})
    void rejectsNamesThatEscapeOrConfuse(String name) {
        assertThatThrownBy(() -> FileNames.validate(name))
                .isInstanceOf(RequestRejectedException.class)
                .hasMessageContaining("file name");
    }

    @Test
    void rejectsDuplicatesAndDeepNesting() {
        assertThatThrownBy(() -> FileNames.validate(List.of("a.py", "a.py"))).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> FileNames.validate("a/".repeat(20) + "x")).hasMessageContaining("deeper");
        assertThatThrownBy(() -> FileNames.validate("x".repeat(300))).hasMessageContaining("longer");
    }
}
