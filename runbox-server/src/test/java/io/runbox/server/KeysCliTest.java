package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./runbox keys} and the admin API work on the same store while the server runs; and a newcomer's
 * first {@code serve} prints a key that works.
 */
class KeysCliTest {
    private static final Pattern SECRET = Pattern.compile("rbx_api_[0-9a-f]{32}");

    /** {@code ./runbox keys args} on the store in {@code dataDir}, its own process: both streams, once it exited 0. */
    static String cli(Path dataDir, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("keys"));
        all.addAll(List.of(args));
        RunboxScript.Outcome o = RunboxScript.run(Map.of("RUNBOX_DATA_DIR", dataDir.toString()),
                all.toArray(String[]::new));
        assertThat(o.exit()).as(o.all()).isZero();
        return o.all();
    }

    @Test
    void theCliAndTheAdminApiAgreeWhileTheServerRuns() throws Exception {
        try (TestServer server = TestServer.start()) {
            String created = cli(server.dataDir(), "create", "--type", "api", "--plan", "pro", "--name", "from-cli");
            Matcher m = SECRET.matcher(created);
            assertThat(m.find()).as(created).isTrue();
            String secret = m.group();
            Matcher idm = Pattern.compile("key_[0-9a-f]{12}").matcher(created);
            assertThat(idm.find()).as(created).isTrue();
            String id = idm.group();

            String admin = server.getWith("/admin/keys", "Authorization", "Bearer " + TestServer.ADMIN_TOKEN).body();
            assertThat(admin).contains(id).contains("from-cli").contains("\"plan\":\"pro\"").doesNotContain(secret);
            assertThat(server.postWith("/v1/execute", "{\"language\": \"python\", \"code\": \"print(1)\"}",
                    "Authorization", secret).statusCode()).isEqualTo(200);

            String apiKey = server.createKey("api", "starter", "\"name\": \"from-admin\"");
            assertThat(cli(server.dataDir(), "list")).contains("from-admin").contains("starter").contains(id)
                    .doesNotContain(apiKey);

            assertThat(cli(server.dataDir(), "revoke", id)).contains("revoked " + id);
            assertThat(server.postWith("/v1/execute", "{\"language\": \"python\", \"code\": \"print(1)\"}",
                    "Authorization", secret).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aNewcomersFirstServePrintsAKeyThatWorks() throws Exception {
        Path data = Files.createTempDirectory("runbox-first");
        Path log = data.resolve("serve.log");
        try (ServerProcess server = ServerProcess.start(data, log, Map.of("RUNBOX_ANONYMOUS", "false"))) {
            String out = Files.readString(log);
            Matcher m = SECRET.matcher(out);
            assertThat(m.find()).as(out).isTrue();
            assertThat(out).contains("curl -s -X POST http://localhost:" + server.port + "/v1/execute");
            var http = java.net.http.HttpClient.newHttpClient();
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/v1/execute")))
                    .header("Authorization", "Bearer " + m.group()).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"language\": \"python\", \"code\": \"print(sum(range(1, 101)))\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"stdout\":\"5050\\n\"");
            var anonymous = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/v1/execute")))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
        }
    }
}
