package io.runbox.execution.catalogue;

import java.nio.file.Path;

/**
 * One installed toolchain of a language: what a request's version selector picks.
 *
 * @param id       the compiler id, such as {@code python-3.11} or {@code openjdk-25}
 * @param version  the full version the toolchain reports
 * @param tool     the discovered executable (real path, as its boxes see it)
 * @param language the language it serves
 * @param root     the root image its boxes use as their system ({@code {prefix}/rootfs/<suite>}), or {@code null} for
 *                 a toolchain of the host's own system
 */
public record Compiler(String id, Version version, Path tool, LanguageDefinition language, Path root) {
    /** A toolchain of the host's own system. */
    public Compiler(String id, Version version, Path tool, LanguageDefinition language) {
        this(id, version, tool, language, null);
    }

    /** The name of the toolchain it is a version of: {@code gcc} for {@code gcc-12}, {@code python} for {@code python-3.11}. */
    public String toolchain() {
        return language.toolchain().name();
    }

    /** The kind of toolchain it is ({@link LanguageDefinition.ToolchainSpec#kindName}): {@code gcc}, {@code gcc/trixie}. */
    public String kind() {
        return language.toolchain().kindName();
    }

    /** {@code template} with this toolchain's {@code {major}}, {@code {minor}}, {@code {patch}} and {@code {version}}. */
    public String withVersion(String template) {
        return ToolchainProber.compilerId(template, version);
    }
}
