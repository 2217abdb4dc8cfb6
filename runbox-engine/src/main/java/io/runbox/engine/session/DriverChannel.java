package io.runbox.engine.session;

import io.runbox.core.BoxIo;
import io.runbox.core.QueuedInput;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The line protocol with a session driver, over the box's live stdin and stdout: requests
 * {@code OP B64 [B64]}, replies {@code \u001eRUNBOX EXIT B64_STDOUT B64_STDERR}. Anything else the
 * interpreter prints outside a call is ignored.
 */
final class DriverChannel implements BoxIo {
    static final String MARKER = "\u001eRUNBOX ";
    /**
     * The largest request line queued for the driver. Calls are one at a time, so this is also all the
     * channel holds; it fits the largest call the doors send (a 10 MB file upload is 13.4 MiB in base64).
     */
    static final long MAX_REQUEST_BYTES = 16L << 20;
    private final QueuedInput toDriver = new QueuedInput(MAX_REQUEST_BYTES);
    final LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private volatile java.util.function.LongSupplier memory = () -> 0;

    @Override
    public void started(java.util.function.LongSupplier memoryBytes) {
        memory = memoryBytes;
    }

    /** Files are uploaded into and downloaded from the session's workspace while its interpreter runs. */
    @Override
    public boolean usesWorkspaceWhileRunning() {
        return true;
    }

    long memoryBytes() {
        return memory.getAsLong();
    }

    /** Queues one request line; {@code FULL} when it is over {@link #MAX_REQUEST_BYTES}. */
    QueuedInput.Offer send(String requestLine) {
        return toDriver.offer((requestLine + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void close() {
        toDriver.close();
    }

    @Override
    public synchronized void stdout(byte[] chunk) {
        for (byte b : chunk) {
            if (b == '\n') {
                String l = line.toString(StandardCharsets.UTF_8);
                line.reset();
                int at = l.indexOf(MARKER);
                if (at >= 0) {
                    replies.add(l.substring(at + MARKER.length()));
                }
            } else {
                line.write(b);
            }
        }
    }

    @Override
    public void stderr(byte[] chunk) {
        // The driver reports the code's stderr inside replies; the interpreter's own is not part of a call.
    }

    @Override
    public InputStream stdin() {
        return toDriver;
    }
}
