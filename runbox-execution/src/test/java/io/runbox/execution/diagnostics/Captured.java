package io.runbox.execution.diagnostics;

import io.runbox.core.Diagnostic;
import io.runbox.execution.TestRunner;
import io.runbox.execution.catalogue.LanguageDefinition;
import io.runbox.execution.catalogue.LanguageLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A compiler's or interpreter's real output, captured once from the toolchain installed here
 * ({@code src/test/resources/diagnostics/<name>.txt}: notes on {@code #} lines, then {@code === stdout} and
 * {@code === stderr} sections), read with the diagnostics section of the language's real {@code language.yaml}.
 */
record Captured(String stdout, String stderr) {
    static Captured of(String name) throws IOException {
        String text;
        try (InputStream in = Captured.class.getResourceAsStream("/diagnostics/" + name + ".txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int out = text.indexOf("=== stdout\n");
        int err = text.indexOf("=== stderr\n");
        return new Captured(text.substring(out + 11, err), text.substring(err + 11));
    }

    /** The diagnostics {@code language}'s definition reads in this output, for a request of {@code files}. */
    List<Diagnostic> read(String language, String... files) throws IOException {
        return Diagnostics.parse(definition(language).diagnostics(), stdout, stderr, List.of(files));
    }

    /** The same, read as {@code language}'s kind of toolchain whose compiler ids start with {@code kind} does. */
    List<Diagnostic> readAs(String language, String kind, String... files) throws IOException {
        LanguageDefinition def = definition(language).perToolchain().stream()
                .filter(d -> d.toolchain().compilerId().startsWith(kind)).findFirst().orElseThrow();
        return Diagnostics.parse(def.diagnostics(), stdout, stderr, List.of(files));
    }

    static LanguageDefinition definition(String language) throws IOException {
        return LanguageLoader.load(TestRunner.home().resolve("languages").resolve(language).resolve("language.yaml"));
    }
}
