package io.runbox.server.api.onlinecompiler;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A result as the seed documents it: {@code time} (run only) and {@code total} (with compilation) in seconds
 * and {@code memory} in KB, as strings; {@code output} and {@code error} cut at the output limit, and the
 * two {@code *_truncated} flags say when they were. {@code compiler} names the installed compiler that really ran
 * (the request may have named an alias such as {@code python-3.14}, or a language); {@code null} when nothing ran.
 */
public record OnlineCompilerResult(
        String output,
        String error,
        String status,
        @JsonProperty("exit_code") int exitCode,
        Integer signal,
        String time,
        String total,
        String memory,
        @JsonProperty("output_truncated") boolean outputTruncated,
        @JsonProperty("error_truncated") boolean errorTruncated,
        String compiler) {
}
