package io.runbox.execution.outputs;

import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** A returned file's media type: from its first bytes where they tell (images, PDF, archives), else from its name. */
final class MediaTypes {
    static final String OCTET_STREAM = "application/octet-stream";
    static final String TEXT = "text/plain";

    /** Names whose files are text, which the JDK's own table does not know. */
    private static final Map<String, String> TEXT_NAMES = Map.ofEntries(
            Map.entry("csv", "text/csv"), Map.entry("tsv", "text/tab-separated-values"),
            Map.entry("json", "application/json"), Map.entry("md", "text/markdown"), Map.entry("svg", "image/svg+xml"),
            Map.entry("txt", TEXT), Map.entry("log", TEXT), Map.entry("yaml", "application/yaml"),
            Map.entry("yml", "application/yaml"), Map.entry("html", "text/html"), Map.entry("xml", "application/xml"));

    private MediaTypes() {
    }

    /** The type of a file named {@code name} whose first bytes are {@code head} (any length, even none). */
    static String of(String name, byte[] head) {
        String sniffed = sniff(head);
        return sniffed != null ? sniffed : byName(name);
    }

    /** The type the name alone gives, {@link #OCTET_STREAM} when it says nothing. */
    static String byName(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String known = TEXT_NAMES.get(ext);
        if (known != null) {
            return known;
        }
        String guessed = URLConnection.guessContentTypeFromName(name.toLowerCase(Locale.ROOT));
        return guessed != null ? guessed : OCTET_STREAM;
    }

    /** Whether a file of this type is shown as an image by a browser. */
    static boolean isImage(String mime) {
        return mime.startsWith("image/");
    }

    /** Whether the name says the file is text, before anything is read. */
    static boolean textByName(String name) {
        String m = byName(name);
        return m.startsWith("text/") || m.equals("application/json") || m.equals("application/xml")
                || m.equals("application/yaml") || m.equals("image/svg+xml");
    }

    /** Whether {@code bytes} are UTF-8 text: valid, and without NUL or other control bytes but tab, CR, LF, FF, ESC. */
    static boolean isText(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The length of the longest prefix of {@code bytes[0, length)} that ends on a whole UTF-8 character. */
    static int wholeCharacters(byte[] bytes, int length) {
        int end = length;
        int back = 0;
        while (end > 0 && back < 4 && (bytes[end - 1] & 0xC0) == 0x80) {
            end--;
            back++;
        }
        if (end == 0) {
            return length;
        }
        int lead = bytes[end - 1] & 0xFF;
        int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return need == back + 1 ? length : end - 1;
    }

    private static String sniff(byte[] h) {
        if (starts(h, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (starts(h, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(h, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (h.length >= 12 && starts(h, 'R', 'I', 'F', 'F') && h[8] == 'W' && h[9] == 'E' && h[10] == 'B'
                && h[11] == 'P') {
            return "image/webp";
        }
        if (starts(h, '%', 'P', 'D', 'F', '-')) {
            return "application/pdf";
        }
        if (starts(h, 'P', 'K', 3, 4)) {
            return "application/zip";
        }
        if (starts(h, 0x1F, 0x8B)) {
            return "application/gzip";
        }
        return null;
    }

    private static boolean starts(byte[] h, int... magic) {
        if (h.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((h[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
