package io.runbox.server.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbox.core.BoxIo;
import io.runbox.core.ExecListener;
import io.runbox.core.QueuedInput;
import io.runbox.execution.ExecutionConfig;
import io.runbox.server.http.Json;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One execution on a socket: forwards stage changes and output chunks as messages, and feeds what the
 * client types to the program's stdin (ended by {@code stdin_eof} or the end of the run).
 *
 * <p>Typed input waits for the program in a queue of at most {@link #STDIN_CAP_BYTES}, the same cap as a
 * request's stdin: what does not fit is refused (the caller tells the client), so a program that does not read
 * cannot make the host hold what a client keeps sending.
 */
final class LiveRun implements ExecListener, BoxIo {
    /** Input typed and not yet read by the program, at most: the REST stdin cap. */
    static final long STDIN_CAP_BYTES = ExecutionConfig.DEFAULT_MAX_STDIN_BYTES;
    private final Consumer<ObjectNode> send;
    private final QueuedInput stdin = new QueuedInput(STDIN_CAP_BYTES);

    LiveRun(Consumer<ObjectNode> send) {
        this.send = send;
    }

    @Override
    public void stage(String stage) {
        send.accept(Json.MAPPER.createObjectNode().put("type", "stage").put("stage", stage));
    }

    @Override
    public BoxIo runIo() {
        return this;
    }

    @Override
    public void stdout(byte[] chunk) {
        send.accept(Json.MAPPER.createObjectNode().put("type", "stdout").put("data", text(chunk)));
    }

    @Override
    public void stderr(byte[] chunk) {
        send.accept(Json.MAPPER.createObjectNode().put("type", "stderr").put("data", text(chunk)));
    }

    @Override
    public InputStream stdin() {
        return stdin;
    }

    /** Text the client typed, queued whole if it fits under {@link #STDIN_CAP_BYTES}. */
    QueuedInput.Offer type(String data) {
        return stdin.offer(data.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes typed and not yet read by the program. */
    long queuedInput() {
        return stdin.queuedBytes();
    }

    void endInput() {
        stdin.close();
    }

    /** Chunks may split a UTF-8 sequence; the client gets replacement characters there, never an error. */
    private static String text(byte[] chunk) {
        return new String(chunk, StandardCharsets.UTF_8);
    }
}
