package io.runbox.execution;

import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.catalogue.InstalledLanguage;
import io.runbox.execution.catalogue.LanguageDefinition;
import io.runbox.execution.catalogue.LanguageLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample toolchains beyond the default set that every test run installs ({@code languages/ci-samples}, which
 * {@code ./runbox test} installs): one line per sample, as {@code ./runbox languages install} takes it. A line
 * {@code NAME@SUITE} names the kinds of a language that live in that suite's root image; any other line names the
 * language's default compiler.
 */
public final class CiSamples {
    private CiSamples() {
    }

    /** The lines of the file, without comments. */
    private static List<String> lines() throws IOException {
        return Files.readAllLines(TestRunner.home().resolve("languages/ci-samples")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /**
     * One line of the file on this host.
     *
     * @param line       as written
     * @param language   the language it names
     * @param image      whether it names kinds from a root image ({@code NAME@SUITE})
     * @param compilerId the compiler it names here, or {@code null} when that is not installed
     */
    public record Sample(String line, String language, boolean image, String compilerId) {
        /** The compiler id, or the line marked not installed: a test that runs it then fails on it. */
        public String idOrMissing() {
            return compilerId != null ? compilerId : line + " (not installed)";
        }
    }

    /** Every line, resolved against the catalogue the tests run on. */
    public static List<Sample> samples() throws IOException {
        Catalogue catalogue = TestRunner.runner().catalogue();
        List<LanguageDefinition> all = LanguageLoader.loadAll(TestRunner.home().resolve("languages"));
        List<Sample> out = new ArrayList<>();
        for (String line : lines()) {
            int at = line.indexOf('@');
            String lang = at < 0 ? line : line.substring(0, at);
            String suite = at < 0 ? null : line.substring(at + 1);
            boolean image = suite != null && all.stream().filter(d -> d.id().equals(lang))
                    .flatMap(d -> d.kinds().stream()).anyMatch(t -> suite.equals(t.image()));
            InstalledLanguage l = catalogue.find(lang).orElse(null);
            String id = l == null ? null : !image ? l.defaultCompiler().id()
                    : l.compilers().stream().filter(c -> c.root() != null && c.root().getFileName().toString().equals(suite))
                            .map(Compiler::id).findFirst().orElse(null);
            out.add(new Sample(line, lang, image, id));
        }
        return out;
    }

    /** The first sample from a root image. */
    public static Sample imageSample() throws IOException {
        return samples().stream().filter(Sample::image).findFirst()
                .orElseThrow(() -> new AssertionError("languages/ci-samples names no toolchain from a root image"));
    }
}
