package io.runbox.server.api.piston;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Piston's execute body; timeouts in milliseconds, memory limits in bytes ({@code -1}: no limit of its own).
 * Fields Runbox does not use are ignored, as Piston ignores them: clients written for Piston's later versions send
 * {@code compile_cpu_time}, {@code run_cpu_time} and the like. A known field of the wrong type is still a 400.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PistonExecuteRequest(
        String language,
        String version,
        List<PistonFile> files,
        String stdin,
        List<String> args,
        Long compile_timeout,
        Long run_timeout,
        Long compile_memory_limit,
        Long run_memory_limit) {

    /** A file; {@code encoding} is {@code utf8} (default), {@code base64} or {@code hex}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PistonFile(String name, String content, String encoding) {
    }
}
