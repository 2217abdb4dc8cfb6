package io.runbox.server.api.wandbox;

import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.SourceFile;
import io.runbox.core.StageResult;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.Signals;
import io.runbox.server.http.UnknownNames;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Maps {@code GET /v1/run}'s query to the engine's request and the result back to the dialect's {@code data}. */
final class WandboxMapper {
    private final Catalogue catalogue;

    WandboxMapper(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The compiler a run means: the one {@code compiler} names, else {@code language}'s default. */
    Compiler compiler(WandboxRunRequest r) throws RequestRejectedException {
        if (r.code() == null) {
            throw ApiException.badRequest("invalid_request", "'code' is required", "code");
        }
        String compilerId = r.compiler();
        if (compilerId != null && !compilerId.isBlank()) {
            return catalogue.compiler(compilerId.trim()).orElseThrow(() ->
                    UnknownNames.compiler(catalogue, compilerId, "GET /v1/compilers"));
        }
        if (r.language() == null || r.language().isBlank()) {
            throw ApiException.badRequest("invalid_request", "'language' or 'compiler' is required", "language");
        }
        return catalogue.resolve(r.language().trim(), null);
    }

    ExecRequest toRequest(WandboxRunRequest r, Compiler compiler) {
        return new ExecRequest(compiler.language().id(), compiler.id(),
                List.of(SourceFile.of(catalogue.entryFile(compiler.language().id()), r.code())),
                r.stdin().getBytes(StandardCharsets.UTF_8),
                r.args().isEmpty() ? List.of() : Arrays.asList(r.args().split("\n")), flags(r.options()), null);
    }

    /** The run's {@code data}; {@code permlink} and {@code url} are {@code null} when it was not saved. */
    static WandboxRunResult toResult(ExecResult r, String permlink, String url) {
        StageResult shown = r.finalStage();
        String compilerError = r.compile() == null ? "" : r.compile().stderr();
        return new WandboxRunResult(Signals.name(shown.signal()), r.programStderr(), r.programStdout(), r.compilerId(),
                permlink, shown.exitCode(), url, compilerError, r.compilerOutput(), r.status().name());
    }

    /** Wandbox option names are not compiler flags; only entries that are flags reach the compiler. */
    static List<String> flags(String options) {
        return Arrays.stream(options.split(",")).map(String::trim).filter(o -> o.startsWith("-")).toList();
    }
}
