package io.runbox.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.SourceFile;
import io.runbox.core.Status;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.catalogue.LanguageDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every installed compiler of every language (both JDKs, say) runs its language's {@code test.<ext>} in the
 * real sandbox and prints the known line.
 */
class LanguageSelfTest {

    static Stream<String> compilers() {
        return TestRunner.runner().catalogue().compilers().stream().map(Compiler::id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compilers")
    void selfTestPrintsItsKnownLine(String compilerId) throws Exception {
        Compiler compiler = TestRunner.runner().catalogue().compiler(compilerId).orElseThrow();
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
