package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Programs that sleep (runs past their wall limit, idle sessions) hold no thread the service needs. The load
 * test: one key on the pro plan holds its maximum of idle sessions (5, the per-key cap) and of concurrent runs
 * (8, each sleeping past its limit; at least cores + 1 of them), and while they sleep another key's python runs,
 * {@code /health} and a call in one of the idle sessions keep answering, timed (p50/p95/max printed); each
 * sleeper ends {@code TIME_LIMIT} on time.
 *
 * <p>The probes start after {@link #PAST_SPARE_CARRIERS} of quiet: a virtual thread blocked in a pipe read pins
 * its carrier, and the scheduler makes up for it with a spare carrier only until that spare has idled for 30 s;
 * from then on, as many blocked reads as cores froze every request and the sleepers' own wall limit (issue 11,
 * finding 3: on the code before the fix {@code /health} took 64 s and the sleepers ran to 100 s).
 */
class SleepingProgramsTest {
    /** Generous for a loaded 2-core machine; the figures are printed. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);
    /** Longer than the virtual-thread scheduler keeps an idle spare carrier (30 s). */
    static final Duration PAST_SPARE_CARRIERS = Duration.ofSeconds(36);
    static final Duration PROBING = Duration.ofSeconds(10);
    static final int PRO_SESSIONS = 5;
    static final int PRO_CONCURRENT = 8;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("RUNBOX_MAX_CONCURRENT", "24", "RUNBOX_SESSION_IDLE_TIMEOUT", "5m",
                "RUNBOX_SESSIONS_PER_KEY", String.valueOf(PRO_SESSIONS)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void oneKeyAtItsPlanMaximumOfIdleSessionsAndSleepersLeavesTheServiceAnsweringAnother() throws Exception {
        String tenant = server.createKey("api", "pro", null);
        String other = server.createKey("api", "unlimited", null);
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < PRO_SESSIONS; i++) {
            sessions.add(createSession(tenant));
        }
        assertThat(send(tenant, "/api/sessions", "{\"language\": \"python\"}").statusCode())
                .as("a session over the per-key cap").isEqualTo(429);
        // On a machine with more cores than the plan allows runs, another key adds sleepers up to cores + 1.
        int extra = Math.max(0, Runtime.getRuntime().availableProcessors() + 1 - PRO_CONCURRENT);
        long limitMs = PAST_SPARE_CARRIERS.plus(PROBING).toMillis() + 3000;
        String sleeper = "{\"language\": \"bash\", \"code\": \"sleep 100\", \"run_timeout\": " + limitMs + "}";
        List<Long> healthMs = new ArrayList<>();
        List<Long> runMs = new ArrayList<>();
        List<Long> sessionMs = new ArrayList<>();
        try (ExecutorService clients = Executors.newCachedThreadPool()) {
            List<Future<Timed>> sleeping = new ArrayList<>();
            for (int i = 0; i < PRO_CONCURRENT + extra; i++) {
                String key = i < PRO_CONCURRENT ? tenant : other;
                sleeping.add(clients.submit(() -> timed(() -> execute(key, sleeper))));
            }
            Thread.sleep(2000);
            Timed refused = timed(() -> execute(tenant, sleeper));
            assertThat(refused.response.statusCode()).as("a run over the plan's concurrency").isEqualTo(429);
            Thread.sleep(PAST_SPARE_CARRIERS.toMillis() - 2000);

            long end = System.nanoTime() + PROBING.toNanos();
            while (System.nanoTime() < end) {
                Timed health = timed(() -> send(null, "/health", null));
                assertThat(health.response.statusCode()).isEqualTo(200);
                healthMs.add(health.ms);
                Timed run = timed(() -> execute(other, "{\"language\": \"python\", \"code\": \"print(1)\"}"));
                assertThat(TestServer.json(run.response).get("run").get("stdout").asText()).isEqualTo("1\n");
                runMs.add(run.ms);
                Timed call = timed(() -> send(tenant, "/api/sessions/" + sessions.get(0) + "/execute",
                        "{\"code\": \"print(6 * 7)\"}"));
                assertThat(TestServer.json(call.response).get("stdout").asText()).isEqualTo("42");
                sessionMs.add(call.ms);
                Thread.sleep(250);
            }
            System.out.printf("one pro key with %d idle sessions and %d runs sleeping past their limit (+%d from"
                    + " another key), after %d s of quiet:%n", PRO_SESSIONS, PRO_CONCURRENT, extra,
                    PAST_SPARE_CARRIERS.toSeconds());
            System.out.println("  /health                         " + percentiles(healthMs));
            System.out.println("  another key's python print(1)   " + percentiles(runMs));
            System.out.println("  a call in one of the sessions   " + percentiles(sessionMs));
            for (Future<Timed> f : sleeping) {
                Timed t = f.get();
                JsonNode r = TestServer.json(t.response).get("run");
                System.out.printf("  sleeper: %s after %d ms (reported %d ms, limit %d ms)%n", r.get("status").asText(),
                        t.ms, r.get("time_ms").asLong(), limitMs);
                assertThat(r.get("status").asText()).isEqualTo("TIME_LIMIT");
                assertThat(r.get("time_ms").asLong()).as("reported wall time").isBetween(limitMs, limitMs + 2000);
            }
        }
        assertThat(Collections.max(healthMs)).as("slowest /health in ms").isLessThan(ANSWER_WITHIN.toMillis());
        assertThat(Collections.max(runMs)).as("slowest run in ms").isLessThan(ANSWER_WITHIN.toMillis());
        assertThat(Collections.max(sessionMs)).as("slowest session call in ms").isLessThan(ANSWER_WITHIN.toMillis());
    }

    static String percentiles(List<Long> ms) {
        List<Long> sorted = ms.stream().sorted().toList();
        return String.format("n=%d p50=%d ms p95=%d ms max=%d ms", sorted.size(), at(sorted, 0.50), at(sorted, 0.95),
                sorted.get(sorted.size() - 1));
    }

    private static long at(List<Long> sorted, double q) {
        return sorted.get(Math.max(0, (int) Math.ceil(q * sorted.size()) - 1));
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
