package io.runbox.server.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One stage's result on the wire. {@code output} is stdout and stderr in order of arrival where known,
 * otherwise stdout followed by stderr; {@code status} is the engine's status enum; {@code diagnostics} what the
 * compiler (or a failed run's interpreter) said about places in the program, left out when it said nothing.
 */
public record NativeStage(
        String stdout,
        String stderr,
        String output,
        int code,
        Integer signal,
        String status,
        @JsonProperty("time_ms") long timeMs,
        @JsonProperty("cpu_ms") long cpuMs,
        @JsonProperty("memory_kb") long memoryKb,
        boolean truncated,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<NativeDiagnostic> diagnostics) {
}
