package io.runbox.execution;

import io.runbox.execution.catalogue.LanguageDefinition;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What every box of a language sees: the base environment with the language's own over it, and its extra paths. */
public final class BoxEnvironment {
    private BoxEnvironment() {
    }

    public static Map<String, String> env(LanguageDefinition lang) {
        Map<String, String> env = new HashMap<>(RequestRunner.BASE_ENV);
        env.putAll(lang.env());
        return env;
    }

    /** The language's {@code sandbox_paths}, with {@code {prefix}} expanded. */
    public static List<String> paths(LanguageDefinition lang, Path prefix) {
        return lang.paths().stream().map(p -> p.replace("{prefix}", prefix.toString())).toList();
    }
}
