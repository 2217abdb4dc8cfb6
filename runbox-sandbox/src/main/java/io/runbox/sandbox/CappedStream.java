package io.runbox.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stream to its end, keeping at most {@code cap} bytes. When more arrives, it calls
 * {@code onOverflow} once (the sandbox kills the box) and keeps draining so the writer never blocks.
 */
final class CappedStream {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final long cap;
    private final Runnable onOverflow;
    private final java.util.function.Consumer<byte[]> live;
    private boolean overflowed;

    CappedStream(long cap, Runnable onOverflow) {
        this(cap, onOverflow, null);
    }

    /** @param live receives each kept chunk as it arrives, or {@code null} */
    CappedStream(long cap, Runnable onOverflow, java.util.function.Consumer<byte[]> live) {
        this.cap = cap;
        this.onOverflow = onOverflow;
        this.live = live;
    }

    /** Reads {@code in} until EOF or an I/O error (the box died); never throws. */
    void drain(InputStream in) {
        byte[] buf = new byte[16384];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                long room = cap - kept.size();
                int keep = (int) Math.max(0, Math.min(n, room));
                if (live != null && keep > 0) {
                    live.accept(java.util.Arrays.copyOf(buf, keep));
                }
                if (n > room) {
                    kept.write(buf, 0, keep);
                    if (!overflowed) {
                        overflowed = true;
                        onOverflow.run();
                    }
                } else {
                    kept.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // The pipe broke because the box was killed; what was read so far stands.
        }
    }

    synchronized byte[] bytes() {
        return kept.toByteArray();
    }

    boolean overflowed() {
        return overflowed;
    }
}
