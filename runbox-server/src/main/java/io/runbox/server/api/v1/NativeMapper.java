package io.runbox.server.api.v1;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.OutputSpec;
import io.runbox.core.Limits;
import io.runbox.core.SourceFile;
import io.runbox.core.StageLimits;
import io.runbox.core.StageResult;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.ContentEncoding;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Maps the native wire format to the engine's request and back. */
public final class NativeMapper {
    private final Catalogue catalogue;

    public NativeMapper(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public ExecRequest toRequest(NativeExecuteRequest w) {
        if (w.language() == null || w.language().isBlank()) {
            throw ApiException.badRequest("invalid_request", "'language' is required", "language");
        }
        List<SourceFile> files = files(w);
        return new ExecRequest(w.language().trim(), w.version(), files,
                w.stdin() == null ? null : w.stdin().getBytes(StandardCharsets.UTF_8),
                strings(w.args(), "args"), strings(w.compilerOptions(), "compiler_options"),
                new StageLimits(limits(w.compileTimeout(), w.compileMemoryLimit(), "compile"),
                        limits(w.runTimeout(), w.runMemoryLimit(), "run")), outputs(w));
    }

    private static OutputSpec outputs(NativeExecuteRequest w) {
        return outputs(w.outputFiles(), w.outputImages(), w.outputFileMaxBytes(), w.outputFilesMaxBytes());
    }

    /**
     * The files a request asks back ({@code output_files}: glob patterns, an array or one string;
     * {@code output_images}), with the caps it asked for or the defaults (the caller's plan settles them later,
     * {@code PlanCaps#outputs}); every door that takes these fields reads them here.
     */
    public static OutputSpec outputs(JsonNode patterns, Boolean images, Long fileMaxBytes, Long filesMaxBytes) {
        List<String> globs = patterns != null && patterns.isTextual() ? List.of(patterns.asText())
                : strings(patterns, "output_files");
        long file = positive(fileMaxBytes, OutputSpec.DEFAULT_FILE_BYTES, "output_file_max_bytes");
        long total = positive(filesMaxBytes, OutputSpec.DEFAULT_TOTAL_BYTES, "output_files_max_bytes");
        return new OutputSpec(globs, Boolean.TRUE.equals(images), file, total, OutputSpec.DEFAULT_FILES);
    }

    private static long positive(Long value, long byDefault, String field) {
        if (value == null) {
            return byDefault;
        }
        if (value < 0) {
            throw ApiException.badRequest("invalid_request", "'" + field + "' must be a number of bytes, 0 or more",
                    field);
        }
        return value;
    }

    private List<SourceFile> files(NativeExecuteRequest w) {
        boolean hasCode = w.code() != null;
        boolean hasFiles = w.files() != null && !w.files().isEmpty();
        if (hasCode == hasFiles) {
            throw ApiException.badRequest("invalid_request",
                    hasCode ? "give either 'code' or 'files', not both" : "'code' or 'files' is required", "code");
        }
        if (hasCode) {
            return List.of(SourceFile.of(catalogue.entryFile(w.language()), w.code()));
        }
        List<SourceFile> out = new ArrayList<>();
        for (int i = 0; i < w.files().size(); i++) {
            NativeExecuteRequest.NativeFile f = w.files().get(i);
            if (f == null || f.content() == null) {
                throw ApiException.badRequest("invalid_request", "files[" + i + "].content is required",
                        "files[" + i + "].content");
            }
            out.add(new SourceFile(catalogue.fileName(w.language(), i, f.name()), content(f, i)));
        }
        return out;
    }

    private static byte[] content(NativeExecuteRequest.NativeFile f, int i) {
        return ContentEncoding.decode(f.content(), f.encoding(), "files[" + i + "]");
    }

    static List<String> strings(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            String s = node.asText().trim();
            return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
        }
        if (node.isArray()) {
            List<String> out = new ArrayList<>();
            for (JsonNode n : node) {
                if (!n.isValueNode() || n.isNull()) {
                    throw ApiException.badRequest("invalid_request", "'" + field + "' must hold strings", field);
                }
                out.add(n.asText());
            }
            return out;
        }
        throw ApiException.badRequest("invalid_request", "'" + field + "' must be an array of strings or a string", field);
    }

    private static Limits limits(Long timeoutMs, Long memoryBytes, String stage) {
        if (timeoutMs != null && timeoutMs <= 0) {
            throw ApiException.badRequest("invalid_request", stage + "_timeout must be a positive number of milliseconds",
                    stage + "_timeout");
        }
        if (memoryBytes != null && memoryBytes != -1 && memoryBytes < (4L << 20)) {
            throw ApiException.badRequest("invalid_request", stage + "_memory_limit must be at least 4194304 bytes",
                    stage + "_memory_limit");
        }
        Limits l = Limits.UNSET;
        if (timeoutMs != null) {
            l = l.withWallTime(Duration.ofMillis(timeoutMs));
        }
        if (memoryBytes != null && memoryBytes != -1) {
            l = l.withMemoryBytes(memoryBytes);
        }
        return l;
    }

    public static NativeExecuteResponse toResponse(ExecResult r) {
        return new NativeExecuteResponse(r.language(), r.version(), r.compilerId(), r.status().name(),
                stage(r.compile()), stage(r.run()), NativeOutputFile.of(r.files()));
    }

    static NativeStage stage(StageResult s) {
        if (s == null) {
            return null;
        }
        return new NativeStage(s.stdout(), s.stderr(), s.stdout() + s.stderr(), s.exitCode(), s.signal(),
                s.status().name(), s.wallMs(), s.cpuMs(), s.memoryKb(), s.truncated(), s.diagnostics().stream()
                .map(d -> new NativeDiagnostic(d.file(), d.line(), d.column(), d.severity(), d.message())).toList());
    }
}
