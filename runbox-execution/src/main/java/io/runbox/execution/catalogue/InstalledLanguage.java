package io.runbox.execution.catalogue;

import java.util.List;

/**
 * A language with the toolchains found on this host, newest first; the first is the default.
 */
public record InstalledLanguage(LanguageDefinition definition, List<Compiler> compilers) {
    public InstalledLanguage {
        compilers = List.copyOf(compilers);
    }

    public String id() {
        return definition.id();
    }

    public Compiler defaultCompiler() {
        return compilers.get(0);
    }
}
