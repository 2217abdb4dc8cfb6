package io.runbox.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How every door reads a file's content sent inside JSON: as text (UTF-8; {@code utf8}, {@code utf-8}, {@code text}
 * or no encoding), {@code base64} (white space and line breaks allowed, nothing else outside its alphabet) or
 * {@code hex}. Anything else, or content that is not what
 * its encoding says, is a 400 naming the field.
 */
public final class ContentEncoding {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private ContentEncoding() {
    }

    /**
     * @param owner the JSON path of the object holding {@code content} and {@code encoding} ({@code files[2]}),
     *              or empty when they are top-level fields
     */
    public static byte[] decode(String content, String encoding, String owner) {
        String field = owner.isEmpty() ? "" : owner + ".";
        String name = encoding == null ? "utf8" : encoding.toLowerCase(Locale.ROOT);
        try {
            return switch (name) {
                case "utf8", "utf-8", "text" -> content.getBytes(StandardCharsets.UTF_8);
                case "base64" -> Base64.getDecoder().decode(WHITESPACE.matcher(content).replaceAll(""));
                case "hex" -> HexFormat.of().parseHex(content);
                default -> throw ApiException.badRequest("invalid_request", field + "encoding '" + encoding
                        + "' is not known: use utf8 (the default), base64 or hex", field + "encoding");
            };
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_request", field + "content is not valid " + name, field + "content");
        }
    }
}
