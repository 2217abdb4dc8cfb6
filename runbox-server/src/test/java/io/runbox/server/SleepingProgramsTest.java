package io.runbox.server;

import static io.runbox.server.TimedRequests.timed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.TimedRequests.Timed;
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
 * many blocked reads as cores froze every request (issue 11, finding 3: on the code before the fix
 * {@code /health} took 64 s and the sleepers ran to their 100 s, past the 41 s limit). {@link TenantLoadTest}
 * times the same under a key at its plan's maximum.
 */
class SleepingProgramsTest {
    /** Generous for a loaded 2-core machine; the figures are printed. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);
    /** Longer than the virtual-thread scheduler keeps an idle spare carrier (30 s). */
    static final Duration PAST_SPARE_CARRIERS = Duration.ofSeconds(36);
    static TestServer server;
    static TimedRequests requests;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("RUNBOX_MAX_CONCURRENT", "16", "RUNBOX_SESSION_IDLE_TIMEOUT", "5m"));
        requests = new TimedRequests(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void sleepersPastTheirLimitAndAnIdleSessionLeaveTheServiceAnswering() throws Exception {
        String session = requests.createSession(server.key());
        int sleepers = Runtime.getRuntime().availableProcessors() + 1;
        long limitMs = PAST_SPARE_CARRIERS.toMillis() + 5000;
        String other = server.createKey("api", "unlimited", null);
        try (ExecutorService clients = Executors.newCachedThreadPool()) {
            List<Future<Timed>> sleeping = new ArrayList<>();
            for (int i = 0; i < sleepers; i++) {
                sleeping.add(clients.submit(() -> timed(() -> requests.execute(server.key(),
                        "{\"language\": \"bash\", \"code\": \"sleep 100\", \"run_timeout\": " + limitMs + "}"))));
            }
            Thread.sleep(PAST_SPARE_CARRIERS.toMillis());
            // The sleepers are in their boxes (with 5 s left) and the session idles: the service must not notice.
            Timed health = timed(() -> requests.send(null, "/health", null));
            Timed run = timed(() -> requests.execute(other, "{\"language\": \"python\", \"code\": \"print('awake')\"}"));
            Timed call = timed(() -> requests.send(server.key(), "/api/sessions/" + session + "/execute",
                    "{\"code\": \"print(6 * 7)\"}"));
            System.out.printf("with %d sleepers and an idle session: /health %d ms, another key's python run %d ms,"
                    + " a call in the idle session %d ms%n", sleepers, health.ms(), run.ms(), call.ms());
            assertThat(health.response().statusCode()).isEqualTo(200);
            assertThat(TestServer.json(run.response()).get("run").get("stdout").asText()).isEqualTo("awake\n");
            assertThat(TestServer.json(call.response()).get("stdout").asText()).isEqualTo("42");
            assertThat(health.ms()).as("/health answered in ms").isLessThan(ANSWER_WITHIN.toMillis());
            assertThat(run.ms()).as("another key's run answered in ms").isLessThan(ANSWER_WITHIN.toMillis());
            assertThat(call.ms()).as("the session answered in ms").isLessThan(ANSWER_WITHIN.toMillis());

            for (Future<Timed> f : sleeping) {
                Timed t = f.get();
                JsonNode r = TestServer.json(t.response()).get("run");
                System.out.printf("sleeper: %s after %d ms (reported %d ms, limit %d ms)%n", r.get("status").asText(),
                        t.ms(), r.get("time_ms").asLong(), limitMs);
                assertThat(r.get("status").asText()).isEqualTo("TIME_LIMIT");
                assertThat(r.get("time_ms").asLong()).as("reported wall time").isBetween(limitMs, limitMs + 2000);
            }
        }
    }

    /** A python session that has answered one call and is idle now. */
}
