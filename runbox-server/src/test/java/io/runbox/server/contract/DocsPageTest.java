package io.runbox.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /docs} in real headless Chromium: Swagger UI renders every operation of {@code /openapi.json} without an
 * error, and "Try it out" then "Execute" with the defaults answers the documented success status, for the first
 * operation of each tag and each whose defaults fill parameters (POST /v1/execute's default body answers 200):
 * Swagger UI builds its requests as {@link io.runbox.server.OpenApiTryItOutTest} does, which runs every operation
 * so over plain HTTP. The page is kept as screenshots at 1280 and 390 px under {@code target/screenshots}.
 */
class DocsPageTest {

    @Test
    void tryItOutWithTheDefaultsWorksInSwaggerUi() throws Exception {
        NodeClients.install();
        try (TestServer server = TestServer.start()) {
            Path shots = Files.createDirectories(Path.of("target", "screenshots").toAbsolutePath());
            Files.deleteIfExists(shots.resolve("docs-1280.png"));
            Files.deleteIfExists(shots.resolve("docs-390.png"));
            String out = NodeClients.run(List.of("node", "swagger-ui-try-it-out.mjs", server.url(""), server.key(),
                    TestServer.ADMIN_TOKEN, shots.toString()), 300);
            assertThat(out).contains("\"check\":\"every operation is rendered\",\"ok\":true")
                    .contains("\"check\":\"Swagger UI reports no error in the document\",\"ok\":true")
                    .contains("\"check\":\"Try it out: POST /v1/execute\",\"ok\":true")
                    .contains("\"check\":\"Try it out: GET /v1/run\",\"ok\":true")
                    .contains("\"check\":\"Try it out: GET /admin/keys\",\"ok\":true")
                    .contains("\"check\":\"Try it out: GET /api/run/{language}\",\"ok\":true")
                    .doesNotContain("\"ok\":false");
            assertThat(shots.resolve("docs-1280.png")).exists();
            assertThat(shots.resolve("docs-390.png")).exists();
        }
    }
}
