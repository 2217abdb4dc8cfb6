package io.runbox.server.api.piston;

import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.Limits;
import io.runbox.core.SourceFile;
import io.runbox.core.StageLimits;
import io.runbox.core.StageResult;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.ContentEncoding;
import io.runbox.server.http.Signals;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Maps Piston's wire format to the engine and back. */
final class PistonMapper {
    private final Catalogue catalogue;

    PistonMapper(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    ExecRequest toRequest(PistonExecuteRequest r) {
        if (r.language() == null || r.language().isBlank()) {
            throw ApiException.badRequest("invalid_request", "language is required as a string", "language");
        }
        if (r.files() == null || r.files().isEmpty()) {
            throw ApiException.badRequest("invalid_request", "files is required as an array", "files");
        }
        List<SourceFile> files = new ArrayList<>();
        for (int i = 0; i < r.files().size(); i++) {
            PistonExecuteRequest.PistonFile f = r.files().get(i);
            if (f == null || f.content() == null) {
                throw ApiException.badRequest("invalid_request", "files[" + i + "].content is required as a string",
                        "files");
            }
            files.add(new SourceFile(catalogue.fileName(r.language(), i, f.name()), decode(f, i)));
        }
        return new ExecRequest(r.language().trim(), r.version(), files,
                r.stdin() == null ? null : r.stdin().getBytes(StandardCharsets.UTF_8), r.args(), null,
                new StageLimits(limits(r.compile_timeout(), r.compile_memory_limit()),
                        limits(r.run_timeout(), r.run_memory_limit())));
    }

    private static byte[] decode(PistonExecuteRequest.PistonFile f, int i) {
        return ContentEncoding.decode(f.content(), f.encoding(), "files[" + i + "]");
    }

    private static Limits limits(Long timeoutMs, Long memory) {
        Limits l = Limits.UNSET;
        if (timeoutMs != null && timeoutMs > 0) {
            l = l.withWallTime(Duration.ofMillis(timeoutMs));
        }
        if (memory != null && memory > 0) {
            l = l.withMemoryBytes(memory);
        }
        return l;
    }

    static PistonExecuteResponse toResponse(ExecResult r) {
        return new PistonExecuteResponse(r.language(), r.version(), stage(r.run()), stage(r.compile()), r.compilerId());
    }

    static PistonStage stage(StageResult s) {
        if (s == null) {
            return null;
        }
        String status = switch (s.status()) {
            case OK -> null;
            case TIME_LIMIT -> "TO";
            case OUTPUT_LIMIT -> "OL";
            case INTERNAL_ERROR -> "XX";
            case MEMORY_LIMIT, KILLED -> "SG";
            case RUNTIME_ERROR, COMPILE_ERROR -> s.signal() != null ? "SG" : "RE";
        };
        String message = switch (s.status()) {
            case TIME_LIMIT -> "Timeout";
            case MEMORY_LIMIT -> "Memory limit exceeded";
            case OUTPUT_LIMIT -> "Output limit exceeded";
            default -> null;
        };
        return new PistonStage(s.stdout(), s.stderr(), s.stdout() + s.stderr(), s.exitCode(), Signals.name(s.signal()),
                message, status, s.cpuMs(), s.wallMs(), s.memoryKb() * 1024);
    }
}
