package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ./runbox serve --anonymous}, as a separate process: the agent-runner seed's keyless example and a keyless
 * Piston call (piston-client sends no key) run; without the flag (and without {@code access.anonymous.enabled}) they
 * are refused with 401.
 */
class ServeAnonymousTest {
    /** The agent-runner seed's first example, keyless as the seed sends it. */
    private static final String SEED_BODY = "{\"language\":\"python\",\"code\":\"print(sum(range(100)))\"}";
    /** Blank: the anonymous tier that {@link ServerProcess} turns on by default stays off unless the flag says so. */
    private static final Map<String, String> NO_ANONYMOUS_IN_ENVIRONMENT = Map.of("RUNBOX_ANONYMOUS", "");

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> keyless(ServerProcess server, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theFlagTurnsTheAnonymousTierOn() throws Exception {
        Path data = Files.createTempDirectory("runbox-anonymous");
        try (ServerProcess server = ServerProcess.start(data, data.resolve("server.log"), NO_ANONYMOUS_IN_ENVIRONMENT,
                List.of("--anonymous"))) {
            HttpResponse<String> r = keyless(server, "/v1/agent-coderunner/api/execute", SEED_BODY);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(r.body()).get("stdout").asText()).isEqualTo("4950");
            HttpResponse<String> piston = keyless(server, "/api/v2/execute",
                    "{\"language\": \"python\", \"version\": \"*\", \"files\": [{\"content\": \"print(6 * 7)\"}]}");
            assertThat(piston.statusCode()).as(piston.body()).isEqualTo(200);
            JsonNode run = Json.MAPPER.readTree(piston.body()).get("run");
            assertThat(run.get("stdout").asText()).isEqualTo("42\n");
            assertThat(Json.MAPPER.readTree(piston.body()).get("compiler").asText()).isEqualTo(Toolchains.defaultId("python"));
        }
    }

    @Test
    void withoutItKeylessCallsAre401() throws Exception {
        Path data = Files.createTempDirectory("runbox-anonymous");
        try (ServerProcess server = ServerProcess.start(data, data.resolve("server.log"), NO_ANONYMOUS_IN_ENVIRONMENT)) {
            HttpResponse<String> r = keyless(server, "/v1/agent-coderunner/api/execute", SEED_BODY);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        }
    }
}
