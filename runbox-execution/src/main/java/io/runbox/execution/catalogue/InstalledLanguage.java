package io.runbox.execution.catalogue;

import java.util.List;

/**
 * A language with the toolchains found on this host: kind by kind in the order its definition gives them
 * ({@link LanguageDefinition#kinds}), each kind's newest first. The first is the default: the newest of the language's
 * first kind, the one its own {@code install} installs (a host toolchain before one from a root image).
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
