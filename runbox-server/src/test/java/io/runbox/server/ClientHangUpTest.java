package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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
                Thread.sleep(500);
                assertThat(processesWith(marker)).as("the program started").isPositive();
            }
            Thread.sleep(2500);
            assertThat(processesWith(marker)).as("processes left after the client hung up").isZero();
            assertThat(server.post("/v1/execute", "{\"language\": \"bash\", \"code\": \"echo alive\"}").body())
                    .contains("alive");
        }
    }

    private static long processesWith(String marker) throws Exception {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).contains(marker);
                } catch (Exception e) {
                    return false;
                }
            }).count();
        }
    }
}
