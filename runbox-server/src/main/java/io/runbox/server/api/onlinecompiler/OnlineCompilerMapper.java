package io.runbox.server.api.onlinecompiler;

import io.runbox.server.api.v1.NativeMapper;
import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.SourceFile;
import io.runbox.core.StageResult;
import io.runbox.core.Status;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.UnknownNames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Maps onlinecompiler-style requests to the engine and results back. */
public final class OnlineCompilerMapper {
    private final Catalogue catalogue;
    private final int outputLimit;

    public OnlineCompilerMapper(Catalogue catalogue, int outputLimit) {
        this.catalogue = catalogue;
        this.outputLimit = outputLimit;
    }

    public ExecRequest toRequest(OnlineCompilerRequest r) {
        if (r.compiler() == null || r.compiler().isBlank()) {
            throw ApiException.badRequest("invalid_request", "'compiler' is required (see /api/compilers/)", "compiler");
        }
        if (r.code() == null) {
            throw ApiException.badRequest("invalid_request", "'code' is required", "code");
        }
        Compiler c = compiler(r.compiler().trim());
        return new ExecRequest(c.language().id(), c.id(), List.of(SourceFile.of(catalogue.entryFile(c.language().id()), r.code())),
                r.input() == null ? null : r.input().getBytes(StandardCharsets.UTF_8), null, null, null,
                NativeMapper.outputs(r.outputFiles(), r.outputImages(), null, null));
    }

    /**
     * The installed compiler an identifier names ({@link Catalogue#compiler}: an id, an operator's alias or a
     * language). A known toolchain at a version that is not installed ({@code python-3.14} without an alias) is a
     * 400 listing that language's installed compilers; an unknown one says which it was probably meant to be.
     */
    Compiler compiler(String id) {
        Optional<Compiler> exact = catalogue.compiler(id);
        if (exact.isPresent()) {
            return exact.get();
        }
        List<Compiler> same = catalogue.sameToolchain(id);
        if (!same.isEmpty()) {
            throw new ApiException(400, "compiler_not_installed", "compiler '" + id + "' is not installed; installed "
                    + same.get(0).language().id() + " compilers: " + ids(same), "compiler", null);
        }
        throw UnknownNames.compiler(catalogue, id, "GET /api/compilers/");
    }

    private static String ids(List<Compiler> compilers) {
        return String.join(", ", compilers.stream().map(Compiler::id).toList());
    }

    public OnlineCompilerResult toResult(ExecResult r) {
        StageResult shown = r.finalStage();
        String out = r.programStdout();
        String err = r.errorOutput();
        return new OnlineCompilerResult(cut(out), cut(err), r.status() == Status.OK ? "success" : "error",
                shown.exitCode(), shown.signal(), seconds(r.runWallMs()), seconds(r.totalWallMs()),
                Long.toString(shown.memoryKb()), out.length() > outputLimit || shown.truncated(),
                err.length() > outputLimit, r.compilerId());
    }

    /** The failure of a job that could not run, in the same shape. */
    public OnlineCompilerResult failure(String message) {
        return new OnlineCompilerResult("", cut(message), "error", 1, null, seconds(0), seconds(0), "0", false,
                message.length() > outputLimit, null);
    }

    private String cut(String s) {
        return s.length() <= outputLimit ? s : s.substring(0, outputLimit);
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.4f", ms / 1000.0);
    }
}
