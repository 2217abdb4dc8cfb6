package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A client that hangs up mid-run leaves no process behind, and the server keeps serving. */
class ClientHangUpTest {

    @Test
    void hangingUpMidRunLeavesNothingRunning() throws Exception {
        try (TestServer server = TestServer.start()) {
            String marker = "hangup" + System.nanoTime();
            String body = "{\"language\": \"bash\", \"run_timeout\": 1500, \"code\": \"exec -a " + marker + " sleep 30\"}";
            try (Socket s = new Socket("127.0.0.1", Integer.parseInt(server.url("").replaceAll(".*:", "")))) {
                OutputStream out = s.getOutputStream();
                out.write(("POST /v1/execute HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + server.key()
                        + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                out.flush();
                // On a loaded host the box may take a while to start: wait for it, by outcome, not by a fixed sleep.
                long deadline = System.nanoTime() + 15_000_000_000L;
                while (HostProcesses.withMarker(marker) == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(HostProcesses.withMarker(marker)).as("the program started").isPositive();
            }
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (HostProcesses.withMarker(marker) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(HostProcesses.withMarker(marker)).as("processes left after the client hung up").isZero();
            assertThat(server.post("/v1/execute", "{\"language\": \"bash\", \"code\": \"echo alive\"}").body())
                    .contains("alive");
        }
    }
}
