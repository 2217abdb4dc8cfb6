package io.runbox.server.api.wandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.StageResult;
import io.runbox.core.Status;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.catalogue.InstalledLanguage;
import io.runbox.execution.catalogue.LanguageDefinition;
import io.runbox.execution.catalogue.Version;
import io.runbox.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Wandbox query to the engine's request and the result back, over a catalogue of one language. */
class WandboxMapperTest {
    private static final LanguageDefinition C = new LanguageDefinition("c", "C", List.of("gcc"), List.of("c"),
            "main.c", new LanguageDefinition.ToolchainSpec("/usr/bin/gcc-*", null, List.of("{tool}"), "(.*)",
            "gcc-{major}"), null, List.of("{tool}", "{files}"), List.of("./main"), null, null, null, null, null, null, null, null,
            null);
    private static final Compiler GCC = new Compiler("gcc-12", Version.parse("12.2.0"), Path.of("/usr/bin/gcc-12"), C);
    private final WandboxMapper mapper = new WandboxMapper(new Catalogue(List.of(new InstalledLanguage(C,
            List.of(GCC))), List.of()));

    private static WandboxRunRequest query(String language, String compiler, String options, String args) {
        return new WandboxRunRequest("int main(){}", language, compiler, null, options, args, false);
    }

    @Test
    void compilerOverridesLanguageAndUnknownOnesAreRefusedListingWhatIsInstalled() throws Exception {
        assertThat(mapper.compiler(query("klingon", "GCC-12", null, null))).isEqualTo(GCC);
        assertThat(mapper.compiler(query("gcc", null, null, null))).isEqualTo(GCC);
        assertThatThrownBy(() -> mapper.compiler(query("c", "gcc-99", null, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("unknown_compiler"))
                .hasMessageContaining("gcc-12");
        assertThatThrownBy(() -> mapper.compiler(query(null, " ", null, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("language"));
        assertThatThrownBy(() -> mapper.compiler(new WandboxRunRequest(null, "c", null, null, null, null, false)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("code"));
    }

    @Test
    void onlyOptionsThatAreFlagsReachTheCompilerAndArgsAreLines() {
        ExecRequest r = mapper.toRequest(query("c", null, "warning, -O2 ,gnu17,-Wall", "a b\nc"), GCC);
        assertThat(r.compilerOptions()).containsExactly("-O2", "-Wall");
        assertThat(r.args()).containsExactly("a b", "c");
        assertThat(r.files()).singleElement().satisfies(f -> assertThat(f.name()).isEqualTo("main.c"));
        assertThat(new String(r.stdin(), StandardCharsets.UTF_8)).isEmpty();
        assertThat(mapper.toRequest(query("c", null, null, null), GCC).args()).isEmpty();
    }

    @Test
    void aFailedCompileIsReportedAsTheCompilersMessages() {
        StageResult compile = new StageResult("note\n", "error: x\n", 1, null, Status.COMPILE_ERROR, 10, 10, 100, false);
        WandboxRunResult d = WandboxMapper.toResult(new ExecResult("c", "12.2.0", "gcc-12", compile, null), null, null);
        assertThat(d.stdout()).isEmpty();
        assertThat(d.stderr()).isEmpty();
        assertThat(d.compiler_error()).isEqualTo("error: x\n");
        assertThat(d.compiler_message()).isEqualTo("note\nerror: x\n");
        assertThat(d.exit_code()).isEqualTo(1);
        assertThat(d.status()).isEqualTo("COMPILE_ERROR");
        assertThat(d.permlink()).isNull();
    }
}
