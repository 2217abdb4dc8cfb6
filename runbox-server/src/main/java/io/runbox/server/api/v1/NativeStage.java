package io.runbox.server.api.v1;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One stage's result on the wire. {@code output} is stdout and stderr in order of arrival where known,
 * otherwise stdout followed by stderr; {@code status} is the engine's status enum.
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
        boolean truncated) {
}
