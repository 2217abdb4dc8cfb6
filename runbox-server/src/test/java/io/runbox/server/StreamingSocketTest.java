package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/ws} through the JDK's WebSocket client: streaming, interactive stdin, kill, keys and origin locks. */
class StreamingSocketTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        // Two execution slots: the test of a kill while waiting fills them.
        server = TestServer.start(Map.of("RUNBOX_MAX_CONCURRENT", "2"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A connected client that queues every message and the close code. */
    static String text(List<JsonNode> messages, String type) {
        StringBuilder sb = new StringBuilder();
        messages.stream().filter(m -> m.path("type").asText().equals(type)).forEach(m -> sb.append(m.get("data").asText()));
        return sb.toString();
    }

    @Test
    void aProgramReadingInputIsDrivenInteractively() throws Exception {
        WsClient c = WsClient.open(server, "?key=" + server.key());
        c.send("{\"type\": \"start\", \"language\": \"python\", \"code\":"
                + " \"import sys\\nfor line in sys.stdin:\\n    print(line.strip().upper(), flush=True)\"}");
        JsonNode stage = c.next();
        assertThat(stage.path("stage").asText()).as(stage.toString()).isEqualTo("run");
        c.send("{\"type\": \"stdin\", \"data\": \"hello\\n\"}");
        assertThat(c.stdoutUntil("\n")).isEqualTo("HELLO\n");
        c.send("{\"type\": \"stdin\", \"data\": \"again\\n\"}");
        assertThat(c.stdoutUntil("\n")).isEqualTo("AGAIN\n");
        c.send("{\"type\": \"stdin_eof\"}");
        List<JsonNode> rest = c.until("exit");
        JsonNode exit = rest.get(rest.size() - 1);
        assertThat(exit.get("status").asText()).isEqualTo("OK");
        assertThat(exit.get("run").get("stdout").asText()).isEqualTo("HELLO\nAGAIN\n");
    }

    @Test
    void inputTheProgramDoesNotReadIsRefusedOnceTheBufferIsFullAndTheRunGoesOn() throws Exception {
        WsClient c = WsClient.open(server, "?key=" + server.key());
        c.send("{\"language\": \"python\", \"code\": \"import time\\ntime.sleep(4)\\nprint('done')\"}");
        assertThat(c.next().path("stage").asText()).isEqualTo("run");
        int messages = 64;
        String chunk = "x".repeat(64 * 1024);
        for (int i = 0; i < messages; i++) {
            c.send("{\"type\": \"stdin\", \"data\": \"" + chunk + "\"}");
        }
        List<JsonNode> all = c.until("exit");
        List<JsonNode> refusals = all.stream().filter(m -> m.path("type").asText().equals("error")).toList();
        System.out.printf("%d of %d stdin messages of 64 KB refused; queued bytes at each refusal: %s%n", refusals.size(),
                messages, refusals.stream().map(m -> m.path("queued_bytes").asText()).distinct().toList());
        // The program's pipe takes 64 KB and the feeder holds 4 KB: a few messages get past the 100 KB buffer.
        assertThat(refusals.size()).as("refused of " + messages).isGreaterThanOrEqualTo(messages - 8);
        for (JsonNode r : refusals) {
            assertThat(r.get("code").asText()).isEqualTo("input_buffer_full");
            assertThat(r.get("message").asText()).contains("input buffer is full");
            assertThat(r.get("limit_bytes").asLong()).isEqualTo(100 * 1024);
            assertThat(r.get("queued_bytes").asLong()).isBetween(0L, 100L * 1024);
        }
        JsonNode exit = all.get(all.size() - 1);
        assertThat(exit.get("status").asText()).isEqualTo("OK");
        assertThat(exit.get("run").get("stdout").asText()).isEqualTo("done\n");
    }

    @Test
    void outputStreamsBeforeTheProgramEnds() throws Exception {
        WsClient c = WsClient.open(server, "", "Authorization", "Bearer " + server.key());
        // The program ends only after the client has seen its first line and answered it: output held back
        // until the end would never arrive, and the run would not end.
        c.send("{\"language\": \"bash\", \"code\": \"echo first; read reply; echo \\\"second $reply\\\" >&2\"}");
        List<JsonNode> upToFirst = new ArrayList<>();
        JsonNode m;
        do {
            m = c.next();
            upToFirst.add(m);
        } while (!m.path("type").asText().equals("stdout"));
        assertThat(m.get("data").asText()).startsWith("first");
        c.send("{\"type\": \"stdin\", \"data\": \"seen\\n\"}");
        List<JsonNode> rest = c.until("exit");
        assertThat(text(rest, "stderr")).isEqualTo("second seen\n");
        assertThat(rest.get(rest.size() - 1).get("run").get("code").asInt()).isZero();
    }

    @Test
    void compiledLanguagesReportTheirStagesAndKillEndsARun() throws Exception {
        WsClient c = WsClient.open(server, "?key=" + server.key());
        c.send("{\"language\": \"c\", \"code\": \"#include <stdio.h>\\n#include <unistd.h>\\nint main(void) {"
                + " puts(\\\"looping\\\"); fflush(stdout); for (;;) sleep(1); }\"}");
        assertThat(c.next().get("stage").asText()).isEqualTo("compile");
        assertThat(c.next().get("stage").asText()).isEqualTo("run");
        assertThat(c.stdoutUntil("\n")).isEqualTo("looping\n");
        c.send("{\"type\": \"kill\"}");
        List<JsonNode> rest = c.until("exit");
        JsonNode exit = rest.get(rest.size() - 1);
        assertThat(exit.get("killed").asBoolean()).as(exit.toString()).isTrue();
        assertThat(exit.path("status").asText()).as("ended by the kill, not by its time limit: %s", exit)
                .isEqualTo("KILLED");
    }

    @Test
    void withoutAKeyTheSocketIsClosedWith4401() throws Exception {
        WsClient c = WsClient.open(server, "");
        JsonNode e = c.next();
        assertThat(e.get("type").asText()).isEqualTo("error");
        assertThat(e.get("code").asText()).isEqualTo("missing_key");
        assertThat(c.closed.poll(10, TimeUnit.SECONDS)).isEqualTo(4401);
    }

    @Test
    void aWidgetKeyWorksOnlyFromItsAllowedOrigins() throws Exception {
        String widget = server.createKey("widget", "free", "\"origins\": [\"https://good.example\"]");
        WsClient evil = WsClient.open(server, "?key=" + widget, "Origin", "https://evil.example");
        assertThat(evil.next().get("code").asText()).isEqualTo("origin_not_allowed");
        assertThat(evil.closed.poll(10, TimeUnit.SECONDS)).isEqualTo(4403);

        WsClient none = WsClient.open(server, "?key=" + widget);
        assertThat(none.next().get("code").asText()).isEqualTo("origin_not_allowed");

        WsClient good = WsClient.open(server, "?key=" + widget, "Origin", "https://GOOD.example:443");
        good.send("{\"language\": \"python\", \"code\": \"print('widget ok')\"}");
        List<JsonNode> all = good.until("exit");
        assertThat(text(all, "stdout")).isEqualTo("widget ok\n");
    }

    @Test
    void anApiKeyIsRefusedFromAnotherSitesPageButWorksFromTheServersOwn() throws Exception {
        WsClient foreign = WsClient.open(server, "?key=" + server.key(), "Origin", "https://customer.example");
        JsonNode refused = foreign.next();
        assertThat(refused.get("code").asText()).isEqualTo("key_not_for_pages");
        assertThat(refused.get("message").asText()).contains("https://customer.example").contains("widget key");
        assertThat(foreign.closed.poll(10, TimeUnit.SECONDS)).isEqualTo(4403);

        // The playground: the page's origin is the server's own address.
        WsClient own = WsClient.open(server, "?key=" + server.key(), "Origin", server.url(""));
        own.send("{\"language\": \"python\", \"code\": \"print('own page')\"}");
        assertThat(text(own.until("exit"), "stdout")).isEqualTo("own page\n");

        // Behind a proxy that rewrites Host, the host the page was served from comes in X-Forwarded-Host.
        WsClient proxied = WsClient.open(server, "?key=" + server.key(), "Origin", "https://runbox.example",
                "X-Forwarded-Host", "runbox.example:443");
        proxied.send("{\"language\": \"python\", \"code\": \"print('behind a proxy')\"}");
        assertThat(text(proxied.until("exit"), "stdout")).isEqualTo("behind a proxy\n");
    }

    @Test
    void badRequestsAreErrorMessagesAndTheSocketStaysUsable() throws Exception {
        WsClient c = WsClient.open(server, "?key=" + server.key());
        c.send("{\"language\": \"klingon\", \"code\": \"x\"}");
        JsonNode e = c.next();
        assertThat(e.get("type").asText()).isEqualTo("error");
        assertThat(e.get("code").asText()).isEqualTo("unknown_language");
        c.send("not json");
        assertThat(c.next().get("code").asText()).isEqualTo("invalid_json");
        c.send("{\"language\": \"python\", \"code\": \"print(1)\"}");
        assertThat(text(c.until("exit"), "stdout")).isEqualTo("1\n");
    }

    static boolean isEnd(JsonNode m) {
        String type = m.path("type").asText();
        return type.equals("exit") || type.equals("error");
    }

    /**
     * A run timeout too large for nanoseconds used to throw inside the execution, which is how this test made a run
     * fail in the server; since the deadline arithmetic saturates ({@code io.runbox.core.Deadline}) it is an ordinary
     * run. What remains to check here: it ends with exactly one end message and the connection serves the next run.
     */
    @Test
    void aRunWithATimeoutBeyondTheClockEndsWithOneExitMessage() throws Exception {
        WsClient c = WsClient.open(server, "?key=" + server.key());
        c.send("{\"language\": \"python\", \"code\": \"print(1)\", \"run_timeout\": 9223372036854775807}");
        List<JsonNode> all = c.untilEnd();
        JsonNode end = all.get(all.size() - 1);
        assertThat(end.path("type").asText()).as(end.toString()).isEqualTo("exit");
        assertThat(text(all, "stdout")).isEqualTo("1\n");
        assertThat(end.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        c.nothingMoreWithin(2);
        c.send("{\"language\": \"python\", \"code\": \"print('next')\"}");
        assertThat(text(c.until("exit"), "stdout")).isEqualTo("next\n");
    }

    @Test
    void aKillWhileWaitingForASlotCancelsTheRunAndAKillWhileRunningEndsItKilled() throws Exception {
        String sleeper = "{\"language\": \"python\", \"code\": \"import time\\nprint('sleeping', flush=True)\\ntime.sleep(60)\"}";
        List<WsClient> running = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            WsClient r = WsClient.open(server, "?key=" + server.key());
            r.send(sleeper);
            assertThat(r.next().path("stage").asText()).isEqualTo("run");
            assertThat(r.stdoutUntil("\n")).isEqualTo("sleeping\n");
            running.add(r);
        }
        WsClient waiting = WsClient.open(server, "?key=" + server.key());
        waiting.send(sleeper);
        awaitMetric("runbox_sync_waiting 1.0");
        waiting.send("{\"type\": \"kill\"}");
        List<JsonNode> cancelled = waiting.untilEnd();
        assertThat(cancelled).as("nothing ran: no stage, no output").hasSize(1);
        JsonNode end = cancelled.get(0);
        assertThat(end.path("type").asText()).as(end.toString()).isEqualTo("error");
        assertThat(end.path("code").asText()).as(end.toString()).isEqualTo("cancelled");
        assertThat(end.path("message").asText()).contains("cancelled").doesNotContain("shutting down");
        waiting.nothingMoreWithin(2);

        for (WsClient r : running) {
            r.send("{\"type\": \"kill\"}");
            List<JsonNode> rest = r.untilEnd();
            JsonNode exit = rest.get(rest.size() - 1);
            assertThat(exit.path("type").asText()).as(exit.toString()).isEqualTo("exit");
            assertThat(exit.path("killed").asBoolean()).isTrue();
            assertThat(exit.path("status").asText()).as(exit.toString()).isEqualTo("KILLED");
            assertThat(exit.path("run").path("code").asInt()).isEqualTo(137);
            assertThat(exit.path("run").path("signal").asInt()).isEqualTo(9);
            r.nothingMoreWithin(1);
        }
        String metrics = server.get("/metrics").body();
        assertThat(metrics).contains("runbox_executions_total{language=\"python\",status=\"KILLED\"}")
                .doesNotContain("runbox_executions_total{language=\"python\",status=\"INTERNAL_ERROR\"}");
        // The connection whose wait was cancelled runs the next program.
        waiting.send("{\"language\": \"python\", \"code\": \"print('next')\"}");
        assertThat(text(waiting.until("exit"), "stdout")).isEqualTo("next\n");
    }

    private static void awaitMetric(String line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!server.get("/metrics").body().contains(line)) {
            assertThat(System.nanoTime()).as("/metrics shows '" + line + "' within 20 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
