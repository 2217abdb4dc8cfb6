package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** With one slot and no waiting line, a second concurrent sync request is refused with 429 and Retry-After. */
class BackpressureTest {

    @Test
    void syncRequestsBeyondTheLineGet429() throws Exception {
        try (TestServer server = TestServer.start(Map.of("RUNBOX_MAX_CONCURRENT", "1", "RUNBOX_MAX_WAITING", "0",
                "RUNBOX_JOB_WORKERS", "1"))) {
            String marker = "holder" + System.nanoTime();
            // The first run holds the only slot until the test ends it: the second request surely comes meanwhile.
            String holder = "{\"language\": \"bash\", \"run_timeout\": 30000, \"code\": \"exec -a " + marker
                    + " sleep 60\"}";
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<HttpResponse<String>> first = pool.submit(() -> server.post("/v1/execute", holder));
                assertThat(Await.until(Duration.ofSeconds(30), () -> HostProcesses.withMarker(marker) > 0))
                        .as("the first run holds the slot").isTrue();

                HttpResponse<String> refused = server.post("/v1/execute",
                        "{\"language\": \"bash\", \"code\": \"echo second\"}");
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(TestServer.json(refused).get("error").get("code").asText()).isEqualTo("too_many_requests");

                HostProcesses.killWithMarker(marker);
                HttpResponse<String> held = first.get();
                assertThat(held.statusCode()).as(held.body()).isEqualTo(200);
            }
            assertThat(server.post("/v1/execute", "{\"language\": \"bash\", \"code\": \"echo after\"}").body())
                    .as("the slot is free once the first run ended").contains("after");
        }
    }
}
