package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that hangs up mid-run has its box stopped at once, not at the run's own timeout, and its slot is
 * free again. The run's timeout (30 s) is far beyond the test's give-up bound (10 s), so the test fails when
 * the hang-up goes unnoticed.
 */
class ClientHangUpTest {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);
    /** Only a bound to give up at, well inside the run's timeout; the box normally goes within a second or two. */
    private static final Duration GONE_WITHIN = Duration.ofSeconds(10);

    @Test
    void hangingUpMidRunStopsTheBoxAndFreesItsSlot() throws Exception {
        // One slot and no waiting line: a slot still held by the stopped run would refuse the next run with 429.
        try (TestServer server = TestServer.start(Map.of("RUNBOX_MAX_CONCURRENT", "1", "RUNBOX_MAX_WAITING", "0"))) {
            String marker = "hangup" + System.nanoTime();
            try (Socket s = connect(server)) {
                send(s, server, "/v1/execute", "{\"language\": \"bash\", \"run_timeout\": " + RUN_TIMEOUT.toMillis()
                        + ", \"code\": \"exec -a " + marker + " sleep 60\"}");
                // On a loaded host the box may take a while to start: wait for it, by outcome.
                assertThat(Await.until(Duration.ofSeconds(30), () -> HostProcesses.withMarker(marker) > 0))
                        .as("the program started").isTrue();
            }
            long hungUp = System.nanoTime();
            assertThat(Await.until(GONE_WITHIN, () -> HostProcesses.withMarker(marker) == 0))
                    .as("the program is gone well before its %d s timeout", RUN_TIMEOUT.toSeconds()).isTrue();
            System.out.printf("the program was gone %d ms after the client hung up%n",
                    (System.nanoTime() - hungUp) / 1_000_000);

            // The slot is given back once the stopped run's box is torn down, a moment after its program is gone.
            assertThat(Await.until(GONE_WITHIN, () -> metric(server, "runbox_executions_running") == 0))
                    .as("the stopped run let go of its slot").isTrue();
            HttpResponse<String> next = server.post("/v1/execute", "{\"language\": \"bash\", \"code\": \"echo alive\"}");
            assertThat(next.statusCode()).as("the only slot is free again: %s", next.body()).isEqualTo(200);
            assertThat(next.body()).contains("alive");
        }
    }

    @Test
    void hangingUpWhileWaitingForASlotLeavesTheLine() throws Exception {
        try (TestServer server = TestServer.start(Map.of("RUNBOX_MAX_CONCURRENT", "1", "RUNBOX_MAX_WAITING", "1",
                "RUNBOX_MAX_WAIT", "60s"))) {
            String holder = "holder" + System.nanoTime();
            try (Socket first = connect(server)) {
                send(first, server, "/v1/execute", "{\"language\": \"bash\", \"run_timeout\": "
                        + RUN_TIMEOUT.toMillis() + ", \"code\": \"exec -a " + holder + " sleep 60\"}");
                assertThat(Await.until(Duration.ofSeconds(30), () -> HostProcesses.withMarker(holder) > 0))
                        .as("the first run holds the only slot").isTrue();
                String never = "never" + System.nanoTime();
                try (Socket second = connect(server)) {
                    send(second, server, "/v1/execute", "{\"language\": \"bash\", \"code\": \"exec -a " + never
                            + " sleep 60\"}");
                    assertThat(Await.until(Duration.ofSeconds(30), () -> waiting(server) == 1))
                            .as("the second request waits in line").isTrue();
                }
                assertThat(Await.until(GONE_WITHIN, () -> waiting(server) == 0))
                        .as("the request whose client hung up left the line").isTrue();
                HostProcesses.killWithMarker(holder);
                assertThat(Await.until(GONE_WITHIN, () -> HostProcesses.withMarker(holder) == 0)).isTrue();
                assertThat(HostProcesses.withMarker(never)).as("the abandoned request never ran").isZero();
            }
        }
    }

    /** Synchronous requests waiting for a slot now, as {@code /metrics} shows them. */
    private static int waiting(TestServer server) throws Exception {
        return metric(server, "runbox_sync_waiting");
    }

    /** A gauge of {@code /metrics} without labels, or -1 when it is not there. */
    private static int metric(TestServer server, String name) throws Exception {
        return server.get("/metrics").body().lines().filter(l -> l.startsWith(name + " "))
                .mapToInt(l -> (int) Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
    }

    @Test
    void aClientThatStaysConnectedGetsItsResult() throws Exception {
        try (TestServer server = TestServer.start(); Socket s = connect(server)) {
            send(s, server, "/v1/execute", "{\"language\": \"bash\", \"code\": \"sleep 2; echo stayed\"}");
            String answer = new String(s.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("stayed");
        }
    }

    @Test
    void aClientThatShutsItsOutputAfterTheBodyStillGetsItsResult() throws Exception {
        try (TestServer server = TestServer.start(); Socket s = connect(server)) {
            send(s, server, "/v1/execute", "{\"language\": \"bash\", \"code\": \"sleep 3; echo stayed\"}");
            s.shutdownOutput();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // Interim responses may come first (the server probing whether the client is still there).
            String fin = answer.replaceAll("^(HTTP/1\\.1 102 Processing\r\n\r\n)*", "");
            assertThat(fin).as(answer).startsWith("HTTP/1.1 200").contains("stayed");
        }
    }

    private static Socket connect(TestServer server) throws Exception {
        Socket s = new Socket("127.0.0.1", Integer.parseInt(server.url("").replaceAll(".*:", "")));
        s.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
        return s;
    }

    private static void send(Socket s, TestServer server, String path, String body) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + server.key()
                + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
