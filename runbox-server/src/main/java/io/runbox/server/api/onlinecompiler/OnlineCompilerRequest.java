package io.runbox.server.api.onlinecompiler;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code /api/run-code-sync/} and {@code /api/run-code/} (and of a Socket.IO {@code runcode}), with
 * Runbox's optional {@code output_files} and {@code output_images} as {@code POST /v1/execute} takes them.
 */
public record OnlineCompilerRequest(
        String compiler,
        String code,
        String input,
        @JsonProperty("extra_params") JsonNode extraParams,
        @JsonProperty("callback_url") String callbackUrl,
        @JsonProperty("output_files") JsonNode outputFiles,
        @JsonProperty("output_images") Boolean outputImages) {
}
