package io.runbox.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.TestServer;
import io.runbox.server.http.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Toolchains installed or removed while the server runs: a reload (the admin route, or the request file the
 * {@code languages} commands write) serves them or refuses them with a clear error, and a session started before a
 * removal keeps its process. The toolchain is a real bash copied into a prefix of the test's own, run in the real
 * sandbox.
 */
class LanguageReloadTest {
    private Path languages;
    private Path prefix;
    private Path state;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        Path home = TestServer.home();
        languages = open(Files.createTempDirectory("runbox-languages"));
        Path bash = open(Files.createDirectories(languages.resolve("bashcopy")));
        Files.writeString(bash.resolve("language.yaml"), """
                id: bashcopy
                name: Bash from the prefix
                extensions: [sh]
                source_file: main.sh
                toolchain:
                  discover: "{prefix}/bin/bash-*"
                  match: 'bash-\\d+\\.\\d+'
                  version_command: ["{tool}", "--version"]
                  version_regex: 'version (\\d+\\.\\d+(?:\\.\\d+)?)'
                  compiler_id: bashcopy-{major}.{minor}
                run: ["{tool}", "{file}", "{args}"]
                session:
                  driver: session.sh
                  command: ["{tool}", ".session-driver.sh"]
                sandbox_paths: ["{prefix}"]
                install: {debian: [bash]}
                """);
        Files.copy(home.resolve("languages/bash/session.sh"), bash.resolve("session.sh"));
        Files.writeString(bash.resolve("test.sh"), "echo Hello from Runbox in Bash\n");
        // A language that stays installed throughout.
        Path python = open(Files.createDirectories(languages.resolve("python")));
        try (var files = Files.walk(home.resolve("languages/python"))) {
            for (Path p : files.toList()) {
                Path to = python.resolve(home.resolve("languages/python").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    open(Files.createDirectories(to));
                } else if (!p.toString().contains("__pycache__")) {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        // Not under /tmp, which a box has its own of (a checkout may live there too): /var/tmp, a host folder as a
        // real prefix is.
        prefix = open(Files.createTempDirectory(Path.of("/var/tmp"), "runbox-test-prefix"));
        open(Files.createDirectories(prefix.resolve("bin")));
        state = open(Files.createTempDirectory("runbox-state"));
        server = TestServer.start(Map.of("RUNBOX_LANGUAGES_DIR", languages.toString(), "RUNBOX_PREFIX",
                prefix.toString(), "RUNBOX_STATE_DIR", state.toString()));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        try (var files = Files.walk(prefix)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (java.io.IOException e) {
            // Left in /var/tmp; the machine's temporary-file cleaning takes it.
        }
    }

    @Test
    void installedAndRemovedToolchainsAreServedAndRefusedWithoutARestartAndASessionKeepsItsProcess() throws Exception {
        assertThat(run("echo hi").statusCode()).isEqualTo(400);
        assertThat(TestServer.json(server.get("/health")).get("languages").asInt()).isEqualTo(1);

        install();
        JsonNode added = reload();
        assertThat(added.get("added").toString()).contains("bashcopy-5.");
        assertThat(added.get("removed")).isEmpty();
        HttpResponse<String> ran = run("echo hi");
        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
        assertThat(TestServer.json(ran).at("/run/stdout").asText()).as(ran.body()).isEqualTo("hi\n");
        assertThat(TestServer.json(server.get("/health")).get("languages").asInt()).isEqualTo(2);

        HttpResponse<String> created = server.post("/api/sessions", "{\"language\": \"bashcopy\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String session = TestServer.json(created).get("id").asText();
        assertThat(exec(session, "x=41").statusCode()).isEqualTo(200);

        Files.delete(prefix.resolve("bin").resolve(toolName()));
        JsonNode removed = reload();
        assertThat(removed.get("removed").toString()).contains("bashcopy-5.");
        assertThat(removed.get("languages").asInt()).isEqualTo(1);

        HttpResponse<String> kept = exec(session, "echo $((x + 1))");
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
        assertThat(TestServer.json(kept).get("stdout").asText().strip()).isEqualTo("42");
        HttpResponse<String> refused = run("echo hi");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("unknown language 'bashcopy'");
        assertThat(server.post("/api/sessions", "{\"language\": \"bashcopy\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void theRequestFileOfTheLanguagesCommandsMakesTheServerReloadAndIsRemoved() throws Exception {
        install();
        Path request = ReloadRequests.requestFile(ReloadRequests.serversDir(state), ProcessHandle.current().pid());
        Files.write(request, new byte[0]);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Files.exists(request) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(request).doesNotExist();
        assertThat(run("echo hi").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyTheAdminMayReload() throws Exception {
        HttpResponse<String> r = server.postWith("/admin/languages/reload", "", "Authorization", "Bearer " + server.key());
        assertThat(r.statusCode()).isIn(401, 403);
        assertThat(r.body()).contains("\"error\"");
    }

    private String toolName() {
        return "bash-5.2";
    }

    private void install() throws Exception {
        Path tool = prefix.resolve("bin").resolve(toolName());
        Files.copy(Path.of("/usr/bin/bash"), tool);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private JsonNode reload() throws Exception {
        HttpResponse<String> r = server.postWith("/admin/languages/reload", "", "Authorization",
                "Bearer " + TestServer.ADMIN_TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    private HttpResponse<String> run(String code) throws Exception {
        return server.post("/v1/execute", "{\"language\": \"bashcopy\", \"code\": " + Json.MAPPER.writeValueAsString(code)
                + "}");
    }

    private HttpResponse<String> exec(String session, String code) throws Exception {
        return server.post("/api/sessions/" + session + "/execute", "{\"code\": " + Json.MAPPER.writeValueAsString(code)
                + "}");
    }

    private static Path open(Path dir) throws java.io.IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }
}
