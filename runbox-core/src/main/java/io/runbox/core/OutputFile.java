package io.runbox.core;

/**
 * A file a run left in its workspace, returned with its result ({@code output_files}, {@code output_images}, the
 * figures of {@code plt.show()}).
 *
 * @param name      its path relative to the workspace, with {@code /} between components
 * @param size      its size in bytes when it was opened
 * @param mime      its media type, from its first bytes where they tell, else from its name
 * @param encoding  {@code utf-8} when {@code content} is the text itself, {@code base64} when it is the bytes in
 *                  base64; {@code null} when the file was omitted
 * @param content   the file's content, or {@code null} when it was omitted
 * @param truncated text cut at the per-file cap: {@code content} is its first bytes (whole characters)
 * @param omitted   not returned: over the per-file cap (and not text), over the run's total, or past the count
 */
public record OutputFile(String name, long size, String mime, String encoding, String content, boolean truncated,
                         boolean omitted) {
    public static final String UTF_8 = "utf-8";
    public static final String BASE64 = "base64";

    /** A file that was found and not returned. */
    public static OutputFile omitted(String name, long size, String mime) {
        return new OutputFile(name, size, mime, null, null, false, true);
    }

    /** Whether this is an image a browser shows ({@code image/*}). */
    public boolean isImage() {
        return mime != null && mime.startsWith("image/");
    }
}
