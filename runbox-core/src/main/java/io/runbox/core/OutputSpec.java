package io.runbox.core;

import java.util.List;

/**
 * Which files of the workspace come back with a run's result, and the caps on them (a plan's, resolved by the
 * caller).
 *
 * @param globs         patterns relative to the workspace ({@code *.png}, {@code out/**}{@code /*.csv}); {@code **}
 *                      spans directories, also none
 * @param images        also every image file the run created or changed, asked for or not
 * @param maxFileBytes  the most one file may hold and come back whole
 * @param maxTotalBytes the most all returned files of one run may hold together
 * @param maxFiles      the most files one run returns (more are listed as omitted, up to twice this)
 */
public record OutputSpec(List<String> globs, boolean images, long maxFileBytes, long maxTotalBytes, int maxFiles) {
    /** Caps when the caller names none: 8 MiB a file, 16 MiB a run, 64 files. */
    public static final long DEFAULT_FILE_BYTES = 8L << 20;
    public static final long DEFAULT_TOTAL_BYTES = 16L << 20;
    public static final int DEFAULT_FILES = 64;
    /** Nothing asked for: a run's result holds no files (but a figure shown by {@code plt.show()}). */
    public static final OutputSpec NONE = new OutputSpec(List.of(), false, DEFAULT_FILE_BYTES, DEFAULT_TOTAL_BYTES,
            DEFAULT_FILES);

    public OutputSpec {
        globs = globs == null ? List.of() : List.copyOf(globs);
        if (maxFileBytes < 0 || maxTotalBytes < 0 || maxFiles < 0) {
            throw new IllegalArgumentException("output file caps must not be negative");
        }
    }

    /** The default caps with these patterns. */
    public static OutputSpec of(List<String> globs, boolean images) {
        return new OutputSpec(globs, images, DEFAULT_FILE_BYTES, DEFAULT_TOTAL_BYTES, DEFAULT_FILES);
    }

    public OutputSpec withCaps(long fileBytes, long totalBytes) {
        return new OutputSpec(globs, images, fileBytes, totalBytes, maxFiles);
    }

    /** Whether the caller asked for any file. */
    public boolean asksForFiles() {
        return images || !globs.isEmpty();
    }
}
