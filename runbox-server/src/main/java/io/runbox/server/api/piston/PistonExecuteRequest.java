package io.runbox.server.api.piston;

import java.util.List;

/** Piston's execute body; timeouts in milliseconds, memory limits in bytes ({@code -1}: no limit of its own). */
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
    public record PistonFile(String name, String content, String encoding) {
    }
}
