package io.runbox.bench;

import io.runbox.execution.catalogue.LanguageDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A language's hello world ({@code languages/<id>/test.*}) with a numbered comment on top: {@link #fresh()} is a
 * source never seen before (so no compile cache can answer), {@link #fixed()} always the same one.
 */
final class HelloProgram {
    private static final AtomicLong NUMBER = new AtomicLong(System.nanoTime());

    final LanguageDefinition definition;
    private final String text;

    private HelloProgram(LanguageDefinition definition, String text) {
        this.definition = definition;
        this.text = text;
    }

    static HelloProgram of(LanguageDefinition definition, Path languagesDir) throws IOException {
        return new HelloProgram(definition, Files.readString(LanguageSubject.testFile(languagesDir, definition.id()),
                StandardCharsets.UTF_8));
    }

    String fresh() {
        return withComment(definition.id(), NUMBER.incrementAndGet(), text);
    }

    String fixed() {
        return withComment(definition.id(), 0, text);
    }

    /** The program with a first line comment carrying {@code n}, in the language's comment syntax. */
    static String withComment(String language, long n, String text) {
        String comment = switch (language) {
            case "python", "ruby", "bash", "perl", "r" -> "# ";
            case "haskell", "lua" -> "-- ";
            default -> "// ";
        };
        return comment + "bench " + n + "\n" + text;
    }
}
