package io.runbox.server.api.onlinecompiler;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** The body of {@code /api/run-code-sync/} and {@code /api/run-code/}. */
public record OnlineCompilerRequest(
        String compiler,
        String code,
        String input,
        @JsonProperty("extra_params") JsonNode extraParams,
        @JsonProperty("callback_url") String callbackUrl) {
}
