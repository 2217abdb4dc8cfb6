package io.runbox.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A warm box's command as {@code runbox-boxexec} reads it from its FIFO: an 8-byte big-endian length, then that
 * many bytes of NUL-terminated UTF-8 strings ({@link #encode}); a reused box's requests and releases are those
 * strings alone, in one packet ({@link #strings}). Any string without a NUL byte round-trips, newlines and empty
 * ones included.
 */
final class ReleaseMessage {
    /** The most {@code runbox-boxexec} accepts after the length. */
    static final int MAX_BYTES = 8 << 20;

    private ReleaseMessage() {
    }

    /** @throws IOException when an argument holds a NUL byte or the whole exceeds {@link #MAX_BYTES} */
    static byte[] encode(List<String> argv) throws IOException {
        return encode(argv, MAX_BYTES);
    }

    /** @throws IOException when a string holds a NUL byte or the whole exceeds {@code maxBytes} after the length */
    static byte[] encode(List<String> argv, int maxBytes) throws IOException {
        byte[] body = strings(argv, maxBytes);
        return ByteBuffer.allocate(8 + body.length).putLong(body.length).put(body).array();
    }

    /**
     * {@code strings}, each NUL-terminated, at most {@code maxBytes} in all.
     *
     * @throws IOException when there are none, a string holds a NUL byte or the whole exceeds {@code maxBytes}
     */
    static byte[] strings(List<String> strings, int maxBytes) throws IOException {
        if (strings.isEmpty()) {
            throw new IOException("a box command needs at least the program to run");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String a : strings) {
            if (a.indexOf('\0') >= 0) {
                throw new IOException("a box command argument contains a NUL byte");
            }
            body.writeBytes(a.getBytes(StandardCharsets.UTF_8));
            body.write(0);
            if (body.size() > maxBytes) {
                throw new IOException("a box command longer than " + maxBytes + " bytes");
            }
        }
        return body.toByteArray();
    }
}
