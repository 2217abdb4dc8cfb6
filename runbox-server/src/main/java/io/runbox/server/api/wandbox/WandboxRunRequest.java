package io.runbox.server.api.wandbox;

/**
 * The query of {@code GET /v1/run}. {@code compiler} (an installed compiler id) overrides {@code language};
 * {@code options} is a comma-separated set of which entries that look like compiler flags ({@code -O2}) are
 * passed to the compiler; {@code args} are newline-separated; {@code save} asks for a permlink. Absent text
 * parameters other than {@code code}, {@code language} and {@code compiler} are empty.
 */
public record WandboxRunRequest(String code, String language, String compiler, String stdin, String options,
                                String args, boolean save) {
    public WandboxRunRequest {
        stdin = stdin == null ? "" : stdin;
        options = options == null ? "" : options;
        args = args == null ? "" : args;
    }
}
