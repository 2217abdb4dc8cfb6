package io.runbox.server.api.judge0;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.catalogue.InstalledLanguage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judge0's language ids of what is installed, read from the data next to each language: {@code judge0.yaml} in its
 * folder lists the ids it serves, each with Judge0's name ({@code {version}} standing for the installed version) and
 * the toolchain that runs it (the newest installed compiler of that toolchain; the language's default when none is
 * named). Resolved against the live catalogue on every call, so a language reload shows at once; an id whose toolchain
 * is not installed is not served.
 */
public final class Judge0Languages {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One entry of a {@code judge0.yaml}. */
    record Entry(int id, String name, String toolchain) {
    }

    /** An installed Judge0 language: its id, its name with the real version, and the compiler that runs it. */
    public record Judge0Language(int id, String name, Compiler compiler) {
    }

    private final Catalogue catalogue;
    private final Map<Path, List<Entry>> files = new ConcurrentHashMap<>();

    public Judge0Languages(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Every installed Judge0 language, by id. */
    public List<Judge0Language> installed() {
        List<Judge0Language> out = new ArrayList<>();
        for (InstalledLanguage l : catalogue.languages()) {
            for (Entry e : entries(l.definition().dir())) {
                compiler(l, e.toolchain()).ifPresent(c -> out.add(new Judge0Language(e.id(),
                        e.name().replace("{version}", c.version().toString()), c)));
            }
        }
        out.sort(Comparator.comparingInt(Judge0Language::id));
        return out;
    }

    public Optional<Judge0Language> find(int id) {
        return installed().stream().filter(l -> l.id() == id).findFirst();
    }

    private static Optional<Compiler> compiler(InstalledLanguage language, String toolchain) {
        if (toolchain == null) {
            return Optional.of(language.defaultCompiler());
        }
        return language.compilers().stream().filter(c -> c.toolchain().equals(toolchain))
                .max(Comparator.comparing(Compiler::version));
    }

    private List<Entry> entries(Path dir) {
        if (dir == null) {
            return List.of();
        }
        return files.computeIfAbsent(dir, d -> {
            Path file = d.resolve("judge0.yaml");
            if (!Files.isRegularFile(file)) {
                return List.of();
            }
            try {
                return List.copyOf(YAML.readValue(file.toFile(), new TypeReference<List<Entry>>() { }));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        });
    }
}
