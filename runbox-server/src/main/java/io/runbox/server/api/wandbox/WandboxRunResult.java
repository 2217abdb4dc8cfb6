package io.runbox.server.api.wandbox;

/**
 * {@code data} of {@code GET /v1/run}: the run's output, the compiler's messages, and the permlink when the
 * run was saved. {@code signal} is the signal's name ({@code SIGKILL}) or {@code null}.
 */
public record WandboxRunResult(
        String signal,
        String stderr,
        String stdout,
        String compiler,
        String permlink,
        int exit_code,
        String permlink_url,
        String compiler_error,
        String compiler_message,
        String status) {
}
