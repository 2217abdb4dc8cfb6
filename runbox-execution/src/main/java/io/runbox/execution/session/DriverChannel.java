package io.runbox.execution.session;

import io.runbox.core.BoxIo;
import io.runbox.core.BoxResult;
import io.runbox.core.Deadline;
import io.runbox.core.Ids;
import io.runbox.core.QueuedInput;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The line protocol with one start of a session driver, over its box's live stdin and stdout. The first line
 * the driver reads is this channel's secret nonce; then come requests {@code OP B64 [B64]}, one per call. The
 * driver answers the n-th request (counted from 1) with a line of its own, {@code \u001eRUNBOX NONCE n EXIT
 * B64_STDOUT B64_STDERR [CPU_MS [B64_TABLE]]} ({@code -} for empty; a driver that measures the call's CPU time adds
 * it, {@code -1} when it does not; a driver whose call left a table adds it, as JSON: {@link SessionTable}), written
 * after a newline so that it starts a line whatever the program left unfinished.
 *
 * <p>A reply counts only when it starts a line, carries this channel's nonce, is well formed, and answers the
 * call waiting now; every other line (program output, a marker the program forged, a malformed one, the late
 * reply of an earlier call) is ignored. So output a program writes cannot shift the replies of later calls, and
 * never makes a call fail with anything but its timeout.
 *
 * <p>One channel per start of the driver: the end of its box ({@link #end}) and anything it still writes stay
 * with it, and never reach the channel of a later start.
 */
final class DriverChannel implements BoxIo {
    static final String MARKER = "\u001eRUNBOX ";
    /**
     * The largest request line queued for the driver. Calls are one at a time, so this is also all the
     * channel holds; it fits the largest call the doors send (a 10 MB file upload is 13.4 MiB in base64).
     */
    static final long MAX_REQUEST_BYTES = 16L << 20;

    /**
     * One reply of the driver: the call it answers, what that call's code did, its CPU time (-1: not told), and the
     * table it left ({@code null}: none, or one that was not well formed).
     */
    record Reply(long call, int exitCode, String stdout, String stderr, long cpuMs, SessionTable table) {
    }

    /** Put in the replies when the box ended: no reply will come any more. */
    static final Reply ENDED = new Reply(-1, -1, "", "", -1, null);

    private final String replyPrefix;
    private final QueuedInput toDriver = new QueuedInput(MAX_REQUEST_BYTES);
    private final LinkedBlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private volatile java.util.function.LongSupplier memory = () -> 0;
    private volatile BoxResult ended;
    /** Requests sent; the caller sends one at a time and waits for its reply. */
    private long sent;

    DriverChannel() {
        String nonce = Ids.random(16);
        replyPrefix = MARKER + nonce + " ";
        toDriver.offer((nonce + "\n").getBytes(StandardCharsets.UTF_8));
    }

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
        QueuedInput.Offer offer = toDriver.offer((requestLine + "\n").getBytes(StandardCharsets.UTF_8));
        if (offer == QueuedInput.Offer.ACCEPTED) {
            sent++;
        }
        return offer;
    }

    /**
     * The reply to the request sent last, {@link #ENDED} when the box ended first, or {@code null} when
     * {@code timeout} passed first. Replies to earlier requests met on the way are dropped.
     */
    Reply await(Duration timeout) throws InterruptedException {
        Deadline deadline = Deadline.after(timeout);
        while (true) {
            Reply r = replies.poll(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
            if (r == null || r == ENDED || r.call() == sent) {
                return r;
            }
        }
    }

    /** The box of this start ended with {@code result}; waiting calls get {@link #ENDED}. */
    void end(BoxResult result) {
        ended = result;
        replies.add(ENDED);
    }

    /** How this start's box ended, or {@code null} while it runs. */
    BoxResult ended() {
        return ended;
    }

    void close() {
        toDriver.close();
    }

    @Override
    public synchronized void stdout(byte[] chunk) {
        for (byte b : chunk) {
            if (b == '\n') {
                Reply r = parse(line.toString(StandardCharsets.UTF_8));
                line.reset();
                if (r != null) {
                    replies.add(r);
                }
            } else {
                line.write(b);
            }
        }
    }

    /** The reply a line carries, or {@code null} when it is not a well-formed reply of this channel. */
    private Reply parse(String l) {
        if (!l.startsWith(replyPrefix)) {
            return null;
        }
        String[] f = l.substring(replyPrefix.length()).split(" ", -1);
        if (f.length < 4 || f.length > 6) {
            return null;
        }
        try {
            long cpuMs = f.length >= 5 ? Long.parseLong(f[4]) : -1;
            if (cpuMs < -1) {
                return null;
            }
            SessionTable table = f.length == 6 ? SessionTable.parse(decode(f[5])) : null;
            return new Reply(Long.parseLong(f[0]), Integer.parseInt(f[1]), decode(f[2]), decode(f[3]), cpuMs, table);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String decode(String b64) {
        return b64.equals("-") ? "" : new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
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
