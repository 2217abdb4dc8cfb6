package io.runbox.server;

import static io.runbox.server.TimedRequests.timed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.TimedRequests.Timed;
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
 * The load test of issue 11: one key on the pro plan holds its maximum of idle sessions (5, the per-key cap) and of concurrent runs
 * (8, each sleeping past its limit; at least cores + 1 of them), and while they sleep another key's python runs,
 * {@code /health} and a call in one of the idle sessions keep answering, timed (p50/p95/max printed); each
 * sleeper ends {@code TIME_LIMIT} on time.
 *
 * <p>The probes start after {@link #PAST_SPARE_CARRIERS} of quiet, when spare carriers of the virtual-thread
 * scheduler have started to idle out (see {@link SleepingProgramsTest}, which shows the freeze this guards
 * against; with this many blocked pipes the old code still had spares left at 36 s).
 */
class TenantLoadTest {
    /** Generous for a loaded 2-core machine; the figures are printed. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);
    /** Longer than the virtual-thread scheduler keeps an idle spare carrier (30 s). */
    static final Duration PAST_SPARE_CARRIERS = Duration.ofSeconds(36);
    static final Duration PROBING = Duration.ofSeconds(10);
    static final int PRO_SESSIONS = 5;
    static final int PRO_CONCURRENT = 8;
    static TestServer server;
    static TimedRequests requests;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("RUNBOX_MAX_CONCURRENT", "24", "RUNBOX_SESSION_IDLE_TIMEOUT", "5m",
                "RUNBOX_SESSIONS_PER_KEY", String.valueOf(PRO_SESSIONS)));
        requests = new TimedRequests(server);
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
            sessions.add(requests.createSession(tenant));
        }
        assertThat(requests.send(tenant, "/api/sessions", "{\"language\": \"python\"}").statusCode())
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
                sleeping.add(clients.submit(() -> timed(() -> requests.execute(key, sleeper))));
            }
            Thread.sleep(2000);
            Timed refused = timed(() -> requests.execute(tenant, sleeper));
            assertThat(refused.response().statusCode()).as("a run over the plan's concurrency").isEqualTo(429);
            Thread.sleep(PAST_SPARE_CARRIERS.toMillis() - 2000);

            long end = System.nanoTime() + PROBING.toNanos();
            while (System.nanoTime() < end) {
                Timed health = timed(() -> requests.send(null, "/health", null));
                assertThat(health.response().statusCode()).isEqualTo(200);
                healthMs.add(health.ms());
                Timed run = timed(() -> requests.execute(other, "{\"language\": \"python\", \"code\": \"print(1)\"}"));
                assertThat(TestServer.json(run.response()).get("run").get("stdout").asText()).isEqualTo("1\n");
                runMs.add(run.ms());
                Timed call = timed(() -> requests.send(tenant, "/api/sessions/" + sessions.get(0) + "/execute",
                        "{\"code\": \"print(6 * 7)\"}"));
                assertThat(TestServer.json(call.response()).get("stdout").asText()).isEqualTo("42");
                sessionMs.add(call.ms());
                Thread.sleep(250);
            }
            System.out.printf("one pro key with %d idle sessions and %d runs sleeping past their limit (+%d from"
                    + " another key), after %d s of quiet:%n", PRO_SESSIONS, PRO_CONCURRENT, extra,
                    PAST_SPARE_CARRIERS.toSeconds());
            System.out.println("  /health                         " + TimedRequests.percentiles(healthMs));
            System.out.println("  another key's python print(1)   " + TimedRequests.percentiles(runMs));
            System.out.println("  a call in one of the sessions   " + TimedRequests.percentiles(sessionMs));
            for (Future<Timed> f : sleeping) {
                Timed t = f.get();
                JsonNode r = TestServer.json(t.response()).get("run");
                System.out.printf("  sleeper: %s after %d ms (reported %d ms, limit %d ms)%n", r.get("status").asText(),
                        t.ms(), r.get("time_ms").asLong(), limitMs);
                assertThat(r.get("status").asText()).isEqualTo("TIME_LIMIT");
                assertThat(r.get("time_ms").asLong()).as("reported wall time").isBetween(limitMs, limitMs + 2000);
            }
        }
        assertThat(Collections.max(healthMs)).as("slowest /health in ms").isLessThan(ANSWER_WITHIN.toMillis());
        assertThat(Collections.max(runMs)).as("slowest run in ms").isLessThan(ANSWER_WITHIN.toMillis());
        assertThat(Collections.max(sessionMs)).as("slowest session call in ms").isLessThan(ANSWER_WITHIN.toMillis());
    }
}
