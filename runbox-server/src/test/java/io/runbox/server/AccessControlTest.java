package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

/** Keys, key types, plans, quotas, rate and concurrency limits, over real HTTP against a real server. */
class AccessControlTest {
    static final String PLANS = """
            plans:
              cap4: {max_concurrent: 4}
              tiny: {requests_per_month: 3}
            """;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of(), PLANS);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static final String PY = "{\"language\": \"python\", \"code\": \"print(6 * 7)\"}";

    @Test
    void everyDoorWantsAKeyAndAnswersInItsOwnEnvelope() throws Exception {
        HttpResponse<String> nat = server.postWith("/v1/execute", PY);
        assertThat(nat.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(nat).get("error").get("code").asText()).isEqualTo("missing_key");

        HttpResponse<String> oc = server.postWith("/api/run-code-sync/", "{\"compiler\": \""
                + Toolchains.defaultId("python") + "\", \"code\": \"1\"}");
        assertThat(oc.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(oc).get("status").asText()).isEqualTo("error");

        HttpResponse<String> wb = server.getWith("/v1/run?language=python&code=1");
        assertThat(wb.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(wb).get("success").asBoolean()).isFalse();

        HttpResponse<String> ar = server.postWith("/api/execute", PY);
        assertThat(ar.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(ar).get("error").isTextual()).isTrue();

        HttpResponse<String> ps = server.postWith("/api/v2/execute", "{\"language\": \"python\", \"files\": [{\"content\": \"1\"}]}");
        assertThat(ps.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(ps).get("message").asText()).contains("API key");

        assertThat(server.postWith("/v1/jobs", PY).statusCode()).isEqualTo(401);
    }

    @Test
    void anApiKeyOpensEveryDoorInEveryHeaderForm() throws Exception {
        String key = server.createKey("api", "unlimited", null);
        assertThat(server.postWith("/v1/execute", PY, "Authorization", key).statusCode()).isEqualTo(200);
        assertThat(server.postWith("/v1/execute", PY, "Authorization", "Bearer " + key).statusCode()).isEqualTo(200);
        assertThat(server.postWith("/v1/execute", PY, "x-runbox-key", key).statusCode()).isEqualTo(200);
        assertThat(server.getWith("/codeexec-api/v1/run?language=python&code=print(1)", "x-oanor-key", key).statusCode())
                .isEqualTo(200);
        assertThat(server.postWith("/api/run-code-sync/", "{\"compiler\": \"" + Toolchains.defaultId("python")
                + "\", \"code\": \"print(1)\"}",
                "Authorization", key).statusCode()).isEqualTo(200);
        assertThat(server.postWith("/api/execute", PY, "Authorization", key).statusCode()).isEqualTo(200);
        assertThat(server.postWith("/api/v2/execute", "{\"language\": \"python\", \"version\": \"*\", \"files\":"
                + " [{\"content\": \"print(1)\"}]}", "Authorization", key).statusCode()).isEqualTo(200);
        assertThat(server.postWith("/v1/jobs", PY, "Authorization", key).statusCode()).isEqualTo(202);
    }

    @Test
    void publicPathsNeedNoKey() throws Exception {
        for (String path : List.of("/api/compilers/", "/v1/languages", "/v1/compilers", "/v1/meta", "/health", "/docs",
                "/openapi.json", "/codeexec-api/v1/meta")) {
            assertThat(server.getWith(path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theBrowserFilesAndSwaggerUisFilesNeedNoKey() throws Exception {
        for (String path : List.of("/", "/index.html", "/widget.js", "/playground.js")) {
            assertThat(server.getWith(path).statusCode()).as(path).isEqualTo(200);
        }
        java.util.regex.Matcher css = java.util.regex.Pattern.compile("/webjars/[^\"]+\\.css")
                .matcher(server.getWith("/docs").body());
        assertThat(css.find()).as("the docs page links Swagger UI's stylesheet").isTrue();
        assertThat(server.getWith(css.group()).statusCode()).as(css.group()).isEqualTo(200);
    }

    @Test
    void aHeadRequestNeedsWhatItsGetRouteNeeds() throws Exception {
        assertThat(head("/v1/run?language=python&code=1").statusCode()).isEqualTo(401);
        assertThat(head("/api/v2/runtimes").statusCode()).isEqualTo(401);
        assertThat(head("/admin/keys").statusCode()).isEqualTo(401);
        assertThat(head("/health").statusCode()).isEqualTo(200);
        assertThat(head("/widget.js").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> head(String path) throws Exception {
        return server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url(path)))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void theOanorHeaderOpensOnlyTheWandboxStyleDoors() throws Exception {
        String key = server.createKey("api", "unlimited", null);
        assertThat(server.getWith("/v1/run?language=python&code=print(1)", "x-oanor-key", key).statusCode())
                .isEqualTo(200);
        HttpResponse<String> elsewhere = server.postWith("/v1/execute", PY, "x-oanor-key", key);
        assertThat(elsewhere.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(elsewhere).get("error").get("code").asText()).isEqualTo("missing_key");
        assertThat(TestServer.json(elsewhere).get("error").get("message").asText()).doesNotContain("x-oanor-key");
        // Where the header works, the refusal of a call without a key names it, as the seed's clients send it.
        HttpResponse<String> wandbox = server.getWith("/codeexec-api/v1/run?language=python&code=print(1)");
        assertThat(wandbox.statusCode()).isEqualTo(401);
        assertThat(wandbox.body()).contains("x-oanor-key: KEY");
    }

    @Test
    void whatMatchesNoRouteIsNotFoundAndAPreflightIsNotRefused() throws Exception {
        for (HttpResponse<String> r : List.of(server.getWith("/v1/nothing-here"), server.getWith("/favicon.ico"),
                server.getWith("/v1/execute"))) {
            assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(404);
            assertThat(TestServer.json(r).get("error").get("code").asText()).isEqualTo("not_found");
        }
        HttpResponse<String> preflight = server.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.url("/v1/execute"))).method("OPTIONS",
                java.net.http.HttpRequest.BodyPublishers.noBody()).header("Origin", "https://example.com")
                .header("Access-Control-Request-Method", "POST").build());
        assertThat(preflight.statusCode()).isNotIn(401, 403);
    }

    @Test
    void unknownAndRevokedKeysAre401AndRevocationNeedsNoRestart() throws Exception {
        HttpResponse<String> unknown = server.postWith("/v1/execute", PY, "Authorization", "Bearer rbx_api_nope");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(unknown).get("error").get("code").asText()).isEqualTo("invalid_key");

        String key = server.createKey("api", "unlimited", null);
        assertThat(server.postWith("/v1/execute", PY, "Authorization", key).statusCode()).isEqualTo(200);
        String id = server.keyId(key);
        HttpResponse<String> revoked = server.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.url("/admin/keys/" + id))).header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .DELETE().build());
        assertThat(revoked.statusCode()).isEqualTo(200);
        HttpResponse<String> after = server.postWith("/v1/execute", PY, "Authorization", key);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(after).get("error").get("code").asText()).isEqualTo("revoked_key");
    }

    @Test
    void aWidgetKeyOnARestDoorIs403() throws Exception {
        String widget = server.createKey("widget", "free", "\"origins\": [\"https://example.com\"]");
        HttpResponse<String> r = server.postWith("/v1/execute", PY, "Authorization", widget);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(TestServer.json(r).get("error").get("code").asText()).isEqualTo("wrong_key_type");
        HttpResponse<String> noOrigin = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/admin/keys")))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"type\": \"widget\"}")).build());
        assertThat(noOrigin.statusCode()).isEqualTo(400);
    }

    @Test
    void theFifthConcurrentSyncRunOfAFourCapKeyIs429() throws Exception {
        String key = server.createKey("api", "cap4", null);
        String slow = "{\"language\": \"bash\", \"code\": \"sleep 2; echo done\"}";
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> server.postWith("/v1/execute", slow, "Authorization", key)));
            }
        }
        int ok = 0;
        int refused = 0;
        for (Future<HttpResponse<String>> f : calls) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() == 200) {
                ok++;
                assertThat(TestServer.json(r).get("run").get("stdout").asText()).isEqualTo("done\n");
            } else {
                assertThat(r.statusCode()).isEqualTo(429);
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                assertThat(r.headers().firstValue("RateLimit-Limit")).contains("4");
                refused++;
            }
        }
        assertThat(ok).isEqualTo(4);
        assertThat(refused).isEqualTo(4);
        // The slots come back: the next call runs.
        assertThat(server.postWith("/v1/execute", PY, "Authorization", key).statusCode()).isEqualTo(200);
    }

    @Test
    void aBurstPastTheRateLimitIs429WithHeaders() throws Exception {
        String key = server.createKey("api", "free", null);
        int limited = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> r = server.getWith("/v1/jobs/0000", "Authorization", key);
            if (r.statusCode() == 429) {
                limited++;
                last = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(404);
                assertThat(r.headers().firstValue("RateLimit-Limit")).contains("2");
            }
        }
        assertThat(limited).isGreaterThanOrEqualTo(4);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(last.headers().firstValue("RateLimit-Remaining")).contains("0");
        assertThat(TestServer.json(last).get("error").get("message").asText()).contains("2 requests per second");
    }

    @Test
    void theMonthlyQuotaIsCountedInTheStore() throws Exception {
        String key = server.createKey("api", "tiny", null);
        for (int i = 0; i < 3; i++) {
            assertThat(server.getWith("/v1/jobs/0000", "Authorization", key).statusCode()).isEqualTo(404);
        }
        HttpResponse<String> over = server.getWith("/v1/jobs/0000", "Authorization", key);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(TestServer.json(over).get("error").get("message").asText()).contains("monthly quota of 3");
        assertThat(Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow())).isGreaterThan(0);
    }

    @Test
    void requestedLimitsAboveThePlanAre422NamingTheCap() throws Exception {
        String key = server.createKey("api", "free", null);
        HttpResponse<String> t = server.postWith("/v1/execute", "{\"language\": \"python\", \"code\": \"1\","
                + " \"run_timeout\": 60000}", "Authorization", key);
        assertThat(t.statusCode()).isEqualTo(422);
        JsonNode e = TestServer.json(t).get("error");
        assertThat(e.get("code").asText()).isEqualTo("limit_exceeds_plan");
        assertThat(e.get("message").asText()).contains("30000 ms").contains("free");
        assertThat(e.get("field").asText()).isEqualTo("run_timeout");
        HttpResponse<String> m = onceTheRateAdmits("/v1/execute", "{\"language\": \"python\", \"code\": \"1\","
                + " \"run_memory_limit\": 1073741824}", key);
        assertThat(m.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(m).get("error").get("message").asText()).contains("536870912");
        assertThat(onceTheRateAdmits("/v1/execute", "{\"language\": \"python\", \"code\": \"1\", \"run_timeout\": 30000}",
                key).statusCode()).isEqualTo(200);
    }

    /**
     * Posts with {@code key} until its plan's rate admits the request: a 429 is waited out for the seconds its
     * Retry-After names, and tried again, for at most 20 s. Returns the first answer that is not a 429.
     */
    private static HttpResponse<String> onceTheRateAdmits(String path, String body, String key) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        HttpResponse<String> r = server.postWith(path, body, "Authorization", key);
        while (r.statusCode() == 429 && System.nanoTime() < deadline) {
            Thread.sleep(Duration.ofSeconds(Long.parseLong(r.headers().firstValue("Retry-After").orElse("1"))));
            r = server.postWith(path, body, "Authorization", key);
        }
        return r;
    }

    @Test
    void theAnonymousTierIsOffByDefaultAndLimitedPerClientWhenOn() throws Exception {
        assertThat(server.postWith("/v1/execute", PY).statusCode()).isEqualTo(401);
        try (TestServer open = TestServer.start(Map.of("RUNBOX_ANONYMOUS", "true", "RUNBOX_ANONYMOUS_RPM", "3"))) {
            for (int i = 0; i < 3; i++) {
                assertThat(open.postWith("/api/execute", PY).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> r = open.postWith("/api/execute", PY);
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(TestServer.json(r).get("error").asText()).contains("3 requests per minute");
        }
    }

    @Test
    void theAdminApiNeedsTheAdminToken() throws Exception {
        assertThat(server.getWith("/admin/keys").statusCode()).isEqualTo(401);
        assertThat(server.getWith("/admin/keys", "Authorization", "Bearer " + server.key()).statusCode()).isEqualTo(401);
        HttpResponse<String> list = server.getWith("/admin/keys", "Authorization", "Bearer " + TestServer.ADMIN_TOKEN);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(server.key()).contains("\"hint\"");
    }
}
