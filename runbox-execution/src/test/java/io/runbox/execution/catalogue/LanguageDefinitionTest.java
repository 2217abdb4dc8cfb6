package io.runbox.execution.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules a definition decides by itself: names of unnamed files, the toolchain's name. */
class LanguageDefinitionTest {
    private static LanguageDefinition definition(String sourceFile, String compilerId) {
        return new LanguageDefinition("x", "X", null, List.of("x"), sourceFile,
                new LanguageDefinition.ToolchainSpec("/usr/bin/x", null, List.of("{tool}"), "(.*)", compilerId),
                null, null, List.of("{tool}", "{file}"), null, null, null, null, null, null, null, null, null);
    }

    @Test
    void theFirstUnnamedFileIsTheEntryPointAndTheOthersKeepItsExtension() {
        LanguageDefinition java = definition("Main.java", "openjdk-{major}");
        assertThat(java.unnamedFile(0)).isEqualTo("Main.java");
        assertThat(java.unnamedFile(1)).isEqualTo("file1.java");
        assertThat(java.unnamedFile(12)).isEqualTo("file12.java");
        assertThat(definition("main", "x-{major}").unnamedFile(2)).isEqualTo("file2");
    }

    @Test
    void theToolchainIsTheCompilerIdTemplateWithoutItsVersion() {
        assertThat(definition("main.c", "gcc-{major}").toolchain().name()).isEqualTo("gcc");
        assertThat(definition("main.cpp", "g++-{major}").toolchain().name()).isEqualTo("g++");
        assertThat(definition("main.py", "python-{major}.{minor}").toolchain().name()).isEqualTo("python");
        assertThat(definition("main.cs", "dotnet-sdk-{major}").toolchain().name()).isEqualTo("dotnet-sdk");
        // No separator before the version: Piston's runtimes took the whole id ("python3.11") for the toolchain.
        assertThat(definition("main.py", "pypy{major}.{minor}").toolchain().name()).isEqualTo("pypy");
        assertThat(definition("main.go", "go_{version}").toolchain().name()).isEqualTo("go");
        assertThat(definition("main.cs", "mono").toolchain().name()).isEqualTo("mono");
    }
}
