package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Programs that sleep (a run past its wall limit, an idle session) hold no thread the service needs: while
 * more of them sleep than the machine has cores, {@code /health} and another key's runs keep answering, and
 * each sleeper ends {@code TIME_LIMIT} on time.
 *
 * <p>The probes wait {@link #PAST_SPARE_CARRIERS}: a virtual thread blocked in a pipe read pins its carrier, and
 * the scheduler makes up for it with a spare carrier only until that spare has idled for 30 s; from then on, as
 * many blocked reads as cores froze every request (issue 11, finding 3).
 */
class SleepingProgramsTest {
    /** Generous for a loaded 2-core machine; the figures are printed. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);
    /** Longer than the virtual-thread scheduler keeps an idle spare carrier (30 s). */
    static final Duration PAST_SPARE_CARRIERS = Duration.ofSeconds(36);
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("RUNBOX_MAX_CONCURRENT", "16", "RUNBOX_SESSION_IDLE_TIMEOUT", "5m"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void sleepersPastTheirLimitAndAnIdleSessionLeaveTheServiceAnswering() throws Exception {
        String session = createSession(server.key());
        int sleepers = Runtime.getRuntime().availableProcessors() + 1;
        long limitMs = PAST_SPARE_CARRIERS.toMillis() + 5000;
        String other = server.createKey("api", "unlimited", null);
        try (ExecutorService clients = Executors.newCachedThreadPool()) {
            List<Future<Timed>> sleeping = new ArrayList<>();
            for (int i = 0; i < sleepers; i++) {
                sleeping.add(clients.submit(() -> timed(() -> execute(server.key(),
                        "{\"language\": \"bash\", \"code\": \"sleep 100\", \"run_timeout\": " + limitMs + "}"))));
            }
            Thread.sleep(PAST_SPARE_CARRIERS.toMillis());
            // The sleepers are in their boxes (with 5 s left) and the session idles: the service must not notice.
            Timed health = timed(() -> send(null, "/health", null));
            Timed run = timed(() -> execute(other, "{\"language\": \"python\", \"code\": \"print('awake')\"}"));
            Timed call = timed(() -> send(server.key(), "/api/sessions/" + session + "/execute",
                    "{\"code\": \"print(6 * 7)\"}"));
            System.out.printf("with %d sleepers and an idle session: /health %d ms, another key's python run %d ms,"
                    + " a call in the idle session %d ms%n", sleepers, health.ms, run.ms, call.ms);
            assertThat(health.response.statusCode()).isEqualTo(200);
            assertThat(TestServer.json(run.response).get("run").get("stdout").asText()).isEqualTo("awake\n");
            assertThat(TestServer.json(call.response).get("stdout").asText()).isEqualTo("42");
            assertThat(health.ms).as("/health answered in ms").isLessThan(ANSWER_WITHIN.toMillis());
            assertThat(run.ms).as("another key's run answered in ms").isLessThan(ANSWER_WITHIN.toMillis());
            assertThat(call.ms).as("the session answered in ms").isLessThan(ANSWER_WITHIN.toMillis());

            for (Future<Timed> f : sleeping) {
                Timed t = f.get();
                JsonNode r = TestServer.json(t.response).get("run");
                System.out.printf("sleeper: %s after %d ms (reported %d ms, limit %d ms)%n", r.get("status").asText(),
                        t.ms, r.get("time_ms").asLong(), limitMs);
                assertThat(r.get("status").asText()).isEqualTo("TIME_LIMIT");
                assertThat(r.get("time_ms").asLong()).as("reported wall time").isBetween(limitMs, limitMs + 2000);
            }
        }
    }

    /** A python session that has answered one call and is idle now. */
    static String createSession(String key) throws Exception {
        HttpResponse<String> r = send(key, "/api/sessions", "{\"language\": \"python\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = TestServer.json(r).get("id").asText();
        HttpResponse<String> first = send(key, "/api/sessions/" + id + "/execute", "{\"code\": \"x = 1\"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        return id;
    }

    static HttpResponse<String> execute(String key, String body) throws Exception {
        return send(key, "/v1/execute", body);
    }

    /**
     * A GET ({@code body} null) or POST with a time bound, so that a frozen server fails the test instead of
     * hanging it; {@code key} may be null.
     */
    static HttpResponse<String> send(String key, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(120));
        if (key != null) {
            b.header("Authorization", key);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return server.send(b.build());
    }

    record Timed(HttpResponse<String> response, long ms) {
    }

    interface Call {
        HttpResponse<String> call() throws Exception;
    }

    static Timed timed(Call call) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = call.call();
        return new Timed(r, (System.nanoTime() - t0) / 1_000_000);
    }
}
