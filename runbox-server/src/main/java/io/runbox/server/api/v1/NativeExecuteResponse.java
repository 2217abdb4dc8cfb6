package io.runbox.server.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The result of {@code POST /v1/execute}: {@code compile} only for compiled languages, {@code run} absent
 * when compilation failed; {@code status} sums the execution up; {@code files} (absent when none) are the files the
 * run left that the request asked for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NativeExecuteResponse(
        String language,
        String version,
        String compiler,
        String status,
        NativeStage compile,
        NativeStage run,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<NativeOutputFile> files) {
}
