package io.runbox.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.server.OneServerPerClass;
import io.runbox.server.access.AccessClass;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The full table of what the server answers and what each door needs. Adding a route without adding it here fails,
 * and so does a route declared with the wrong access class.
 */
class RegisteredRoutesTest extends OneServerPerClass {
    @Test
    void everyFrontDoorsEndpointsAreListedOnceAndNoFilterIs() {
        List<String> listed = server.registeredRoutes().stream().map(RegisteredRoutes.Route::toString).toList();

        assertThat(listed).contains("POST /v1/execute", "GET /v1/jobs/{id}", "GET /health", "WS /v1/ws",
                "POST /api/v2/execute", "POST /api/run-code-sync/", "GET /admin/keys");
        assertThat(listed).doesNotHaveDuplicates();
        assertThat(listed).noneMatch(r -> r.startsWith("BEFORE") || r.startsWith("AFTER"));
    }

    @Test
    void everyDoorHasTheAccessClassItShould() {
        List<String> table = server.registeredRoutes().stream()
                .map(r -> r + " " + AccessClass.of(r.roles(), r.toString())).toList();

        assertThat(table).containsExactlyInAnyOrder(
                // native
                "POST /v1/execute KEY_SYNC_EXECUTION",
                "POST /v1/jobs KEY_EXECUTION",
                "GET /v1/jobs/{id} KEY",
                "GET /v1/languages OPEN",
                "GET /v1/compilers OPEN",
                "POST /v1/sessions KEY",
                "POST /v1/sessions/{id}/execute KEY_EXECUTION",
                "POST /v1/sessions/{id}/files KEY",
                "GET /v1/sessions/{id}/files/{name} KEY",
                "GET /v1/sessions/{id} KEY",
                "DELETE /v1/sessions/{id} KEY",
                "WS /v1/ws SELF_AUTHENTICATED",
                "POST /v1/permlinks KEY",
                "POST /v1/judge KEY_SYNC_EXECUTION",
                "POST /v1/judge/jobs KEY_EXECUTION",
                // onlinecompiler
                "POST /api/run-code-sync/ KEY_SYNC_EXECUTION",
                "POST /api/run-code/ KEY_EXECUTION",
                "GET /api/compilers/ OPEN",
                "SERVLET /socket.io/* SELF_AUTHENTICATED",
                // Wandbox-style, also under the oanor documents' prefix
                "GET /v1/run KEY_SYNC_EXECUTION_OANOR",
                "GET /v1/meta OPEN",
                "GET /codeexec-api/v1/run KEY_SYNC_EXECUTION_OANOR",
                "GET /codeexec-api/v1/meta OPEN",
                "GET /codeexec-api/v1/languages OPEN",
                "GET /codeexec-api/v1/compilers OPEN",
                "GET /p/{id} OPEN",
                // agent-runner, at the root and under its prefix
                "POST /api/execute KEY_SYNC_EXECUTION",
                "GET /api/run/{language} KEY_SYNC_EXECUTION",
                "POST /v1/agent-coderunner/api/execute KEY_SYNC_EXECUTION",
                "GET /v1/agent-coderunner/api/run/{language} KEY_SYNC_EXECUTION",
                "POST /api/sessions KEY",
                "POST /api/sessions/{id}/execute KEY_EXECUTION",
                "POST /api/sessions/{id}/files KEY",
                "GET /api/sessions/{id}/files/{name} KEY",
                "GET /api/sessions/{id} KEY",
                "DELETE /api/sessions/{id} KEY",
                "POST /v1/agent-coderunner/api/sessions KEY",
                "POST /v1/agent-coderunner/api/sessions/{id}/execute KEY_EXECUTION",
                "POST /v1/agent-coderunner/api/sessions/{id}/files KEY",
                "GET /v1/agent-coderunner/api/sessions/{id}/files/{name} KEY",
                "GET /v1/agent-coderunner/api/sessions/{id} KEY",
                "DELETE /v1/agent-coderunner/api/sessions/{id} KEY",
                // Piston
                "POST /api/v2/execute KEY_SYNC_EXECUTION",
                "GET /api/v2/runtimes KEY",
                "POST /api/v2/piston/execute KEY_SYNC_EXECUTION",
                "GET /api/v2/piston/runtimes KEY",
                "GET /api/v2/packages ADMIN",
                "POST /api/v2/packages ADMIN",
                "GET /api/v2/piston/packages ADMIN",
                "POST /api/v2/piston/packages ADMIN",
                // Judge0, at the root and under its prefix
                "POST /submissions/batch KEY_EXECUTION",
                "GET /submissions/batch KEY",
                "POST /submissions KEY_SYNC_EXECUTION",
                "GET /submissions/{token} KEY",
                "DELETE /submissions/{token} KEY",
                "GET /languages OPEN",
                "GET /languages/all OPEN",
                "GET /languages/{id} OPEN",
                "GET /statuses OPEN",
                "GET /about OPEN",
                "GET /version OPEN",
                "GET /config_info OPEN",
                "GET /system_info KEY",
                "GET /workers KEY",
                "POST /judge0/submissions/batch KEY_EXECUTION",
                "GET /judge0/submissions/batch KEY",
                "POST /judge0/submissions KEY_SYNC_EXECUTION",
                "GET /judge0/submissions/{token} KEY",
                "DELETE /judge0/submissions/{token} KEY",
                "GET /judge0/languages OPEN",
                "GET /judge0/languages/all OPEN",
                "GET /judge0/languages/{id} OPEN",
                "GET /judge0/statuses OPEN",
                "GET /judge0/about OPEN",
                "GET /judge0/version OPEN",
                "GET /judge0/config_info OPEN",
                "GET /judge0/system_info KEY",
                "GET /judge0/workers KEY",
                // MCP
                "SERVLET /mcp SELF_AUTHENTICATED",
                // admin
                "GET /admin/keys ADMIN",
                "POST /admin/keys ADMIN",
                "DELETE /admin/keys/{id} ADMIN",
                "POST /admin/languages/reload ADMIN",
                "GET /admin/nodes ADMIN",
                // self-service keys (off unless enabled; limited per address)
                "POST /api/keys/create OPEN",
                "POST /v1/agent-coderunner/api/keys/create OPEN",
                // operations and browser files
                "GET /health OPEN",
                "GET /metrics OPEN",
                "GET /openapi.json OPEN",
                "GET /docs OPEN",
                "STATIC /webjars/* OPEN",
                "STATIC /* OPEN");
    }
}
