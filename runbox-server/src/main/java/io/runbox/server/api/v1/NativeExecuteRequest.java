package io.runbox.server.api.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of {@code POST /v1/execute} and {@code POST /v1/jobs}. Timeouts are milliseconds and memory
 * limits bytes, as the runtools and Piston documents use them. {@code compiler_options} may be a string
 * (split on whitespace) or an array; {@code args} an array or a string. {@code output_files} (glob patterns, an
 * array or one string) and {@code output_images} ask for files the run leaves; {@code output_file_max_bytes} and
 * {@code output_files_max_bytes} lower (or, within the plan, raise) the caps on them.
 */
public record NativeExecuteRequest(
        String language,
        String version,
        String code,
        List<NativeFile> files,
        String stdin,
        JsonNode args,
        @JsonProperty("compiler_options") JsonNode compilerOptions,
        @JsonProperty("run_timeout") Long runTimeout,
        @JsonProperty("compile_timeout") Long compileTimeout,
        @JsonProperty("run_memory_limit") Long runMemoryLimit,
        @JsonProperty("compile_memory_limit") Long compileMemoryLimit,
        @JsonProperty("callback_url") String callbackUrl,
        @JsonProperty("extra_params") JsonNode extraParams,
        @JsonProperty("output_files") JsonNode outputFiles,
        @JsonProperty("output_images") Boolean outputImages,
        @JsonProperty("output_file_max_bytes") Long outputFileMaxBytes,
        @JsonProperty("output_files_max_bytes") Long outputFilesMaxBytes) {

    /** One file: {@code content} is text unless {@code encoding} is {@code base64}; {@code name} is optional. */
    public record NativeFile(String name, String content, String encoding) {
    }
}
