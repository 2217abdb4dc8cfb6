package io.runbox.server.api.piston;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Piston's package API: the recipes listed with what is installed, installs through the installer, admin only. */
class PistonPackagesTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String[] admin() {
        return new String[] {"Authorization", "Bearer " + TestServer.ADMIN_TOKEN};
    }

    @Test
    void theListHasEveryInstalledCompilerAndTheRecipesNotInstalled() throws Exception {
        HttpResponse<String> r = server.getWith("/api/v2/packages", admin());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode list = TestServer.json(r);
        boolean python = false;
        for (JsonNode p : list) {
            if (p.get("language").asText().equals("python") && p.get("installed").asBoolean()) {
                python |= p.get("language_version").asText().matches("3\\.\\d+\\.\\d+");
            }
            assertThat(p.get("language_version").asText()).as("a language's library is no Piston package")
                    .isNotEqualTo("scientific");
        }
        assertThat(python).as("python with its version, installed: %s", list).isTrue();
        assertThat(server.getWith("/api/v2/piston/packages", admin()).statusCode()).isEqualTo(200);
    }

    @Test
    void installingWhatIsInstalledChangesNothingAndAnUnknownPackageIsAClearError() throws Exception {
        HttpResponse<String> ok = server.postWith("/api/v2/packages", "{\"language\": \"bash\", \"version\": \"*\"}", admin());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(TestServer.json(ok).get("language").asText()).isEqualTo("bash");
        HttpResponse<String> unknown = server.postWith("/api/v2/packages", "{\"language\": \"pyton\"}", admin());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(unknown).get("message").asText()).contains("did you mean 'python'");
        HttpResponse<String> noVersion = server.postWith("/api/v2/packages", "{\"language\": \"c\", \"version\": \"clang-99\"}",
                admin());
        assertThat(TestServer.json(noVersion).get("message").asText()).contains("it offers: gcc");
    }

    @Test
    void onlyTheAdminMayListOrInstall() throws Exception {
        String[] key = {"Authorization", "Bearer " + server.key()};
        assertThat(server.getWith("/api/v2/packages", key).statusCode()).isIn(401, 403);
        assertThat(server.postWith("/api/v2/packages", "{\"language\": \"bash\"}", key).statusCode()).isIn(401, 403);
    }
}
