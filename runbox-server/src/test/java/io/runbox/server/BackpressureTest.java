package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
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
            String slow = "{\"language\": \"bash\", \"code\": \"sleep 1.5; echo done\"}";
            List<HttpResponse<String>> answers = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<HttpResponse<String>> first = pool.submit(() -> server.post("/v1/execute", slow));
                Thread.sleep(400);
                Future<HttpResponse<String>> second = pool.submit(() -> server.post("/v1/execute", slow));
                answers.add(first.get());
                answers.add(second.get());
            }
            assertThat(answers.get(0).statusCode()).isEqualTo(200);
            HttpResponse<String> refused = answers.get(1);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(TestServer.json(refused).get("error").get("code").asText()).isEqualTo("too_many_requests");
        }
    }
}
