package io.runbox.execution;

import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.catalogue.LanguageDefinition;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What every box of a language sees: the base environment with the language's own over it, and its extra paths. */
public final class BoxEnvironment {
    private BoxEnvironment() {
    }

    /**
     * The base environment with the language's {@code env} over it, {@code {prefix}} (Runbox's toolchain prefix) and
     * {@code {dir}} (the language's folder, absolute) expanded in its values.
     */
    public static Map<String, String> env(LanguageDefinition lang, Path prefix) {
        Map<String, String> env = new HashMap<>(RequestRunner.BASE_ENV);
        lang.env().forEach((k, v) -> env.put(k, expand(v, lang, prefix)));
        return env;
    }

    /** The root image the toolchain's boxes use as their system, or {@code null} for the host's own. */
    public static String root(Compiler compiler) {
        return compiler.root() == null ? null : compiler.root().toString();
    }

    /**
     * The language's {@code sandbox_paths} for one of its toolchains, with {@code {prefix}}, {@code {dir}} and the
     * toolchain's version ({@code {major}}, {@code {minor}}, ...) expanded: {@code /etc/python{major}.{minor}} is
     * {@code /etc/python3.13} for a Python 3.13. Paths the host does not have are skipped by the sandbox.
     */
    public static List<String> paths(Compiler compiler, Path prefix) {
        return compiler.language().paths().stream()
                .map(p -> compiler.withVersion(expand(p, compiler.language(), prefix))).toList();
    }

    private static String expand(String value, LanguageDefinition lang, Path prefix) {
        String out = value.replace("{prefix}", prefix.toString());
        return lang.dir() == null ? out : out.replace("{dir}", lang.dir().toAbsolutePath().normalize().toString());
    }
}
