package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.http.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Durability: 50 jobs are queued, the server is SIGKILLed while it works through them, and a new server on
 * the same data directory finishes them. None is lost: every job ends done with its own output, or failed
 * with a reason.
 */
class CrashRecoveryTest {
    private static final int JOBS = 50;

    @Test
    void queuedAndRunningJobsSurviveSigkill() throws Exception {
        Path data = Files.createTempDirectory("runbox-crash");
        Path log = data.resolve("server.log");
        Map<String, String> env = Map.of("RUNBOX_JOB_WORKERS", "2", "RUNBOX_MAX_CONCURRENT", "2");
        List<String> ids = new ArrayList<>();

        ServerProcess first = ServerProcess.start(data, log, env);
        for (int i = 0; i < JOBS; i++) {
            String body = "{\"language\": \"python\", \"code\": \"import time\\ntime.sleep(0.15)\\nprint('job-" + i + "')\"}";
            HttpResponse<String> r = first.post("/v1/jobs", body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            ids.add(Json.MAPPER.readTree(r.body()).get("id").asText());
        }
        // Let some finish and some run, then crash.
        awaitAtLeastDone(first, ids, 8, Duration.ofSeconds(60));
        first.kill();

        try (ServerProcess second = ServerProcess.start(data, log, env)) {
            int done = 0;
            int failed = 0;
            for (int i = 0; i < JOBS; i++) {
                JsonNode job = awaitFinished(second, ids.get(i), Duration.ofSeconds(120));
                if (job.get("status").asText().equals("done")) {
                    done++;
                    assertThat(job.get("result").get("run").get("stdout").asText()).isEqualTo("job-" + i + "\n");
                } else {
                    failed++;
                    assertThat(job.get("error").asText()).as("a failed job says why").isNotBlank();
                }
            }
            assertThat(done + failed).isEqualTo(JOBS);
            assertThat(done).as("jobs queued at the crash run after the restart").isGreaterThanOrEqualTo(JOBS - 2);
            assertThat(Files.readString(log)).contains("recovered");
        }
    }


    private void awaitAtLeastDone(ServerProcess server, List<String> ids, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int done = 0;
            for (String id : ids) {
                if (server.job(id).get("status").asText().equals("done")) {
                    done++;
                }
            }
            if (done >= count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("fewer than " + count + " jobs finished in " + timeout);
    }

    private JsonNode awaitFinished(ServerProcess server, String id, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode job = server.job(id);
            String status = job.get("status").asText();
            if (status.equals("done") || status.equals("failed")) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " is still " + status + " after the restart");
            }
            Thread.sleep(100);
        }
    }
}
