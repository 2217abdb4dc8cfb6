package io.runbox.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.server.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisteredRoutesTest {
    @Test
    void everyFrontDoorsEndpointsAreListedOnceAndNoFilterIs() throws Exception {
        try (TestServer server = TestServer.start()) {
            List<String> listed = server.registeredRoutes().stream().map(r -> r.method() + " " + r.path()).toList();

            assertThat(listed).contains("POST /v1/execute", "GET /v1/jobs/{id}", "GET /health", "WS /v1/ws",
                    "POST /api/v2/execute", "POST /api/run-code-sync/", "GET /admin/keys");
            assertThat(listed).doesNotHaveDuplicates();
            assertThat(listed).noneMatch(r -> r.startsWith("BEFORE") || r.startsWith("AFTER"));
        }
    }
}
