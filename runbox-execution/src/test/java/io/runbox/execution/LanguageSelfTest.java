package io.runbox.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.SourceFile;
import io.runbox.core.Status;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.catalogue.InstallSpec;
import io.runbox.execution.catalogue.InstalledLanguage;
import io.runbox.execution.catalogue.LanguageDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every installed compiler of the default set (both JDKs, say), and the newest of each sample language beyond it
 * ({@code languages/ci-samples}, which {@code ./runbox test} installs: a root image's toolchain among them), runs its language's {@code test.<ext>} in the
 * real sandbox and prints the known line. Every installed compiler of every language: {@code ./runbox languages test}.
 */
class LanguageSelfTest {

    static Stream<String> compilers() throws IOException {
        List<CiSamples.Sample> samples = CiSamples.samples();
        List<String> ids = new ArrayList<>();
        samples.forEach(s -> ids.add(s.idOrMissing()));
        for (InstalledLanguage l : TestRunner.runner().catalogue().languages()) {
            if (samples.stream().anyMatch(s -> !s.image() && s.language().equals(l.id()))) {
                continue;
            }
            for (Compiler c : l.compilers()) {
                // The language's first kind is what its own install section installs.
                boolean defaultSet = c.language().install().tier() == InstallSpec.Tier.DEFAULT
                        && c.language().toolchain().equals(l.definition().toolchain());
                if (defaultSet && !ids.contains(c.id())) {
                    ids.add(c.id());
                }
            }
        }
        return ids.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compilers")
    void selfTestPrintsItsKnownLine(String compilerId) throws Exception {
        Compiler compiler = TestRunner.runner().catalogue().compiler(compilerId).orElseThrow(() -> new AssertionError(
                compilerId + ": a sample of languages/ci-samples, which ./runbox test installs"));
        LanguageDefinition lang = compiler.language();
        String id = lang.id();
        Path test = selfTest(lang.dir());
        ExecResult r = TestRunner.runner().execute(ExecRequest.of(id,
                new SourceFile(lang.sourceFile(), Files.readAllBytes(test))).withVersion(compilerId));

        assertThat(r.status()).as("%s: %s", id, r).isEqualTo(Status.OK);
        assertThat(r.run().stdout()).startsWith("Hello from Runbox in ");
        assertThat(r.run().exitCode()).isZero();
        assertThat(r.compilerId()).isEqualTo(compilerId);
        assertThat(r.version()).isEqualTo(compiler.version().toString());
        assertThat(r.compile() == null).isEqualTo(!lang.isCompiled());
    }

    private static Path selfTest(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("test.")).findFirst().orElseThrow();
        }
    }
}
