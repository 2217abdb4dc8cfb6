package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test client of {@code /v1/ws} (Java's own WebSocket client): the messages it got, in order, and how it was closed. */
public final class WsClient implements WebSocket.Listener {
    final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket ws;

    static WsClient open(TestServer server, String query, String... headers) throws Exception {
        WsClient c = new WsClient();
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        c.ws = b.buildAsync(URI.create(server.url("/v1/ws" + query).replace("http://", "ws://")), c)
                .get(10, TimeUnit.SECONDS);
        return c;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(Json.MAPPER.readTree(partial.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
        closed.add(code);
        return null;
    }

    void send(String json) {
        ws.sendText(json, true).join();
    }

    JsonNode next() throws InterruptedException {
        JsonNode m = messages.poll(20, TimeUnit.SECONDS);
        assertThat(m).as("a message within 20 s").isNotNull();
        return m;
    }

    /** Stdout chunks, joined, until they end with {@code end} (a program may write a line in pieces). */
    String stdoutUntil(String end) throws InterruptedException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith(end)) {
            JsonNode m = next();
            assertThat(m.path("type").asText()).as(m.toString()).isEqualTo("stdout");
            sb.append(m.get("data").asText());
        }
        return sb.toString();
    }

    /** Messages up to and including the first {@code exit} or {@code error}: the end of a run. */
    List<JsonNode> untilEnd() throws InterruptedException {
        List<JsonNode> got = new ArrayList<>();
        while (true) {
            JsonNode m = next();
            got.add(m);
            if (StreamingSocketTest.isEnd(m)) {
                return got;
            }
        }
    }

    /** Fails if another message comes within {@code seconds}: a run ends with exactly one message. */
    void nothingMoreWithin(int seconds) throws InterruptedException {
        assertThat(messages.poll(seconds, TimeUnit.SECONDS)).as("no message after the run's end").isNull();
    }

    /** Messages up to and including the first of {@code type}. */
    List<JsonNode> until(String type) throws InterruptedException {
        List<JsonNode> got = new ArrayList<>();
        while (true) {
            JsonNode m = next();
            got.add(m);
            if (m.path("type").asText().equals(type)) {
                return got;
            }
        }
    }

    /** The first message of {@code type}, skipping others; an {@code error} on the way fails. */
    JsonNode firstOf(String type) throws InterruptedException {
        while (true) {
            JsonNode m = next();
            assertThat(m.path("type").asText()).as(m.toString()).isNotEqualTo("error");
            if (m.path("type").asText().equals(type)) {
                return m;
            }
        }
    }
}
