package io.runbox.execution.catalogue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads every {@code <dir>/<id>/language.yaml}; a definition whose {@code id} differs from its folder is an error. */
public final class LanguageLoader {
    private static final Logger LOG = LoggerFactory.getLogger(LanguageLoader.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private LanguageLoader() {
    }

    public static List<LanguageDefinition> loadAll(Path languagesDir) throws IOException {
        List<LanguageDefinition> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(languagesDir)) {
            for (Path dir : dirs.sorted().toList()) {
                Path yaml = dir.resolve("language.yaml");
                if (Files.isRegularFile(yaml)) {
                    out.add(load(yaml));
                }
            }
        }
        return out;
    }

    public static LanguageDefinition load(Path yaml) throws IOException {
        LanguageDefinition def;
        try {
            def = YAML.readValue(yaml.toFile(), LanguageDefinition.class);
        } catch (IOException e) {
            throw new IOException("invalid " + yaml + ": " + e.getMessage(), e);
        }
        String folder = yaml.getParent().getFileName().toString();
        if (def.id() == null || !def.id().equals(folder)) {
            throw new IOException(yaml + ": id '" + def.id() + "' must equal its folder name '" + folder + "'");
        }
        if (def.toolchain() == null || def.run() == null || def.sourceFile() == null) {
            throw new IOException(yaml + ": toolchain (or toolchains), run and source_file are required");
        }
        if (!def.toolchains().isEmpty() && def.toolchains().get(0) != def.toolchain()) {
            throw new IOException(yaml + ": give either toolchain or toolchains, not both");
        }
        if (def.prestart() != null) {
            String problem = def.prestart().problem(yaml.getParent(), def.run());
            if (problem != null) {
                throw new IOException(yaml + ": " + problem);
            }
            String missing = def.prestart().missingHookFile(yaml.getParent());
            if (missing != null) {
                // A hook built from source (the JVM's) that was not built: the language runs, cold.
                LOG.warn("{}: not pre-started: its hook {} is missing (mvn compile builds it)", yaml, missing);
                def = def.withoutPrestart();
            }
        }
        if (def.warmCompile() != null) {
            String problem = def.warmCompile().problem(yaml.getParent());
            if (problem != null) {
                throw new IOException(yaml + ": " + problem);
            }
        }
        List<DiagnosticsSpec> diagnostics = new ArrayList<>();
        diagnostics.add(def.diagnostics());
        def.toolchains().forEach(t -> diagnostics.add(t.diagnostics()));
        for (DiagnosticsSpec d : diagnostics) {
            String problem = d == null ? null : d.problem();
            if (problem != null) {
                throw new IOException(yaml + ": " + problem);
            }
        }
        return def.withDir(yaml.getParent());
    }
}
