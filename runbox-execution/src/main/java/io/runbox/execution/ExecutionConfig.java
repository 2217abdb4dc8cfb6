package io.runbox.execution;

import io.runbox.core.Limits;
import io.runbox.core.StageLimits;
import java.nio.file.Path;
import java.util.Map;

/**
 * The engine's settings. {@link #defaults(Path)} needs nothing but the Runbox home.
 *
 * @param languagesDir   where {@code <id>/language.yaml} live
 * @param prefix         Runbox's own toolchain prefix (npm packages and the like), visible read-only in boxes
 * @param defaults       global limits, the bottom of the resolution chain
 * @param perLanguage    operator overrides by language id, above {@code language.yaml}
 * @param maxCodeBytes   total size of a request's files
 * @param maxStdinBytes  size of stdin
 * @param maxFiles       number of files in a request
 * @param compileCacheBytes memory for compiled programs kept for identical requests; 0 keeps none
 * @param warmCompilers  warm compilers kept in all, for languages that have one; 0 starts none
 */
public record ExecutionConfig(
        Path languagesDir,
        Path prefix,
        StageLimits defaults,
        Map<String, StageLimits> perLanguage,
        long maxCodeBytes,
        long maxStdinBytes,
        int maxFiles,
        long compileCacheBytes,
        int warmCompilers) {

    public ExecutionConfig {
        perLanguage = Map.copyOf(perLanguage);
    }

    /** The default size limit of a request's stdin, and of live input waiting for a program to read it. */
    public static final int DEFAULT_MAX_STDIN_BYTES = 100 * 1024;

    /** Warm compilers in all, by default. */
    public static final int DEFAULT_WARM_COMPILERS = 2;

    /** The compile cache's default budget. */
    public static final long DEFAULT_COMPILE_CACHE_BYTES = 64L << 20;

    public static ExecutionConfig defaults(Path home) {
        return new ExecutionConfig(home.resolve("languages"), Path.of("/opt/runbox"),
                new StageLimits(Limits.DEFAULTS, Limits.DEFAULTS), Map.of(), 100 * 1024, DEFAULT_MAX_STDIN_BYTES, 64,
                DEFAULT_COMPILE_CACHE_BYTES, DEFAULT_WARM_COMPILERS);
    }

    /** These settings with {@code value} warm compilers in all (0: none). */
    public ExecutionConfig withWarmCompilers(int value) {
        return new ExecutionConfig(languagesDir, prefix, defaults, perLanguage, maxCodeBytes, maxStdinBytes, maxFiles,
                compileCacheBytes, value);
    }
}
