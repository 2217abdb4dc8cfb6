package io.runbox.server.api.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/permlinks}: what to save, nothing is run. {@code language} and {@code version} name
 * the compiler as {@code POST /v1/execute} does; {@code args} is an array or a string (split on whitespace);
 * {@code result} is the outcome the client already has, if any.
 */
public record NativePermlinkRequest(
        String language,
        String version,
        String code,
        String stdin,
        JsonNode args,
        Result result) {

    /** A run's outcome as the client saw it (as {@code POST /v1/execute} answers it); every field optional. */
    public record Result(
            String status,
            @JsonProperty("exit_code") Integer exitCode,
            Integer signal,
            String stdout,
            String stderr,
            @JsonProperty("compile_output") String compileOutput) {
    }
}
