package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Persistent sessions through real HTTP and the real sandbox. */
class SessionsTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        // Sessions stay while the tests use them, however slow the host; expiry has a server of its own.
        server = TestServer.start(Map.of("RUNBOX_SESSIONS_PER_KEY", "20"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String create(String language) throws Exception {
        return create(server, language);
    }

    static String create(TestServer server, String language) throws Exception {
        HttpResponse<String> r = server.post("/api/sessions", "{\"language\": \"" + language + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r).get("id").asText();
    }

    static JsonNode exec(String id, String code) throws Exception {
        return exec(server, id, code);
    }

    static JsonNode exec(TestServer server, String id, String code) throws Exception {
        HttpResponse<String> r = server.post("/api/sessions/" + id + "/execute",
                "{\"code\": " + io.runbox.server.http.Json.MAPPER.writeValueAsString(code) + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "python|def greet(name): return f'Hello, {name}!'|print(greet('World'))",
            "javascript|function greet(name) { return `Hello, ${name}!`; }|console.log(greet('World'))",
            "bash|greet() { echo \"Hello, $1!\"; }|greet World",
            "ruby|def greet(name) = \"Hello, #{name}!\"|puts greet('World')",
            "php|function greet($name) { return \"Hello, $name!\"; }|echo greet('World'), \"\\n\";",
            "perl|sub greet { return \"Hello, $_[0]!\" }|print greet('World'), \"\\n\";",
            "lua|function greet(name) return 'Hello, ' .. name .. '!' end|print(greet('World'))",
            "r|greet <- function(name) paste0('Hello, ', name, '!')|writeLines(greet('World'))",
            "zsh|greet() { echo \"Hello, $1!\"; }|greet World",
            "tcl|proc greet {name} { return \"Hello, $name!\" }|puts [greet World]",
            "typescript|function greet(name: string): string { return `Hello, ${name}!`; }|console.log(greet('World'))",
            "ksh|greet() { echo \"Hello, $1!\"; }|greet World",
            "octave|function r = greet(name), r = ['Hello, ' name '!']; end|disp(greet('World'))"})
    void aFunctionDefinedInOneCallIsUsableInTheNext(String language, String define, String use) throws Exception {
        String id = create(language);
        assertThat(exec(id, define).get("exitCode").asInt()).isZero();
        JsonNode r = exec(id, use);
        assertThat(r.get("stdout").asText()).isEqualTo("Hello, World!");
        assertThat(r.get("exitCode").asInt()).isZero();
        assertThat(r.get("timedOut").asBoolean()).isFalse();
        delete(id);
    }

    /** Deletes a session a per-language test made, so that the table's sessions stay under the server's cap. */
    static void delete(String id) throws Exception {
        HttpResponse<String> del = server.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.url("/api/sessions/" + id)))
                .header("Authorization", "Bearer " + server.key()).DELETE().build());
        assertThat(del.statusCode()).as(del.body()).isEqualTo(200);
    }

    /** Per language: code that sets x to 41, code that fails, what its stderr says, and code that prints x + 1. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "python|x = 41|raise ValueError('boom')|ValueError: boom|print(x + 1)",
            "javascript|var x = 41|throw new Error('boom')|Error: boom|console.log(x + 1)",
            "ruby|$x = 41|raise 'boom'|boom|puts $x + 1",
            "bash|x=41|echo boom >&2; false|boom|echo $((x + 1))",
            "php|$x = 41;|throw new RuntimeException('boom');|RuntimeException:  boom|echo $x + 1, \"\\n\";",
            "perl|$x = 41;|die \"boom\\n\";|boom|print $x + 1, \"\\n\";",
            "lua|x = 41|error('boom')|boom|print(x + 1)",
            "r|x <- 41|stop('boom')|Error: boom|cat(x + 1, sep = '\\n')",
            "zsh|x=41|echo boom >&2; false|boom|echo $((x + 1))",
            "tcl|set x 41|error boom|boom|puts [expr {$x + 1}]",
            "typescript|var x: number = 41|const y: number = 'boom'|error TS2322: Type 'string' is not assignable|console.log(x + 1)",
            "ksh|x=41|echo boom >&2; false|boom|echo $((x + 1))",
            "octave|x = 41;|error('boom')|error: boom|disp(x + 1)"})
    void aFailingCallIsNonZeroWithItsErrorAndTheStateLivesOn(String language, String set, String fail, String error,
                                                             String use) throws Exception {
        String id = create(language);
        assertThat(exec(id, set).get("exitCode").asInt()).isZero();
        JsonNode bad = exec(id, fail);
        assertThat(bad.get("exitCode").asInt()).as(bad.toString()).isNotZero();
        assertThat(bad.get("stderr").asText()).contains(error);
        JsonNode after = exec(id, use);
        assertThat(after.get("stdout").asText()).as(after.toString()).isEqualTo("42");
        assertThat(after.get("exitCode").asInt()).isZero();
        delete(id);
    }

    /**
     * Per language: code that prints the file named by %s. An upload is read by the code, replaces a link left at its
     * name (made here from the host) without writing through it, and is refused when a link on its way leads out of
     * the workspace.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "python|print(open('%s').read())",
            "javascript|console.log(require('fs').readFileSync('%s', 'utf8'))",
            "ruby|puts File.read('%s')",
            "bash|cat %s",
            "php|echo file_get_contents('%s'), \"\\n\";",
            "perl|open(my $f, '<', '%s') or die; local $/; print <$f>, \"\\n\";",
            "lua|local f = io.open('%s') print(f:read('*a')) f:close()",
            "r|writeLines(readLines('%s', warn = FALSE))",
            "zsh|cat %s",
            "tcl|set f [open %s]; puts [read $f]; close $f",
            "typescript|console.log(require('fs').readFileSync('%s', 'utf8'))",
            "ksh|cat %s",
            "octave|disp(fileread('%s'))"})
    void uploadsAreReadByTheCodeAndNeverWrittenThroughALink(String language, String print) throws Exception {
        String id = create(language);
        String name = "data-" + System.nanoTime() + ".txt";
        HttpResponse<String> up = server.post("/api/sessions/" + id + "/files",
                "{\"filename\": \"" + name + "\", \"content\": \"line 1\\nline 2\"}");
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        assertThat(exec(id, print.formatted(name)).get("stdout").asText()).isEqualTo("line 1\nline 2");

        Path workspace = HostBox.workspaceHolding(name);
        Files.createSymbolicLink(workspace.resolve("upload.txt"), Path.of("/box/planted"));
        Files.createSymbolicLink(workspace.resolve("tmpdir"), Path.of("/tmp"));
        HttpResponse<String> replacing = server.post("/api/sessions/" + id + "/files",
                "{\"filename\": \"upload.txt\", \"content\": \"fresh\"}");
        assertThat(replacing.statusCode()).as(replacing.body()).isEqualTo(201);
        assertThat(Files.isSymbolicLink(workspace.resolve("upload.txt"))).as("the link is replaced").isFalse();
        assertThat(Files.readString(workspace.resolve("upload.txt"))).isEqualTo("fresh");
        assertThat(Files.exists(workspace.resolve("planted"), LinkOption.NOFOLLOW_LINKS)).as("written through").isFalse();
        HttpResponse<String> through = server.post("/api/sessions/" + id + "/files",
                "{\"filename\": \"tmpdir/x.txt\", \"content\": \"out\"}");
        assertThat(through.statusCode()).as("an upload whose way leads out of the workspace: " + through.body())
                .isEqualTo(422);
        assertThat(exec(id, print.formatted("upload.txt")).get("stdout").asText()).isEqualTo("fresh");
        delete(id);
    }

    @Test
    void aSessionTakesAVersionAndSaysItsCompilerAndAnUnknownVersionIsAClear400() throws Exception {
        io.runbox.execution.catalogue.Compiler oldest = Toolchains.oldestOf("python");
        HttpResponse<String> r = server.post("/api/sessions", "{\"language\": \"python\", \"version\": \""
                + oldest.id() + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode created = TestServer.json(r);
        assertThat(created.get("compiler").asText()).isEqualTo(oldest.id());
        assertThat(exec(created.get("id").asText(), "import sys; print('%d.%d' % sys.version_info[:2])")
                .get("stdout").asText().strip()).isEqualTo(oldest.version().major() + "." + oldest.version().minor());
        delete(created.get("id").asText());
        HttpResponse<String> unknown = server.post("/api/sessions", "{\"language\": \"python\", \"version\": \""
                + Toolchains.notInstalledId("python") + "\"}");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(TestServer.json(unknown).get("error").asText()).contains("no installed python matches version");
    }

    @Test
    void filesGoInAndComeOut() throws Exception {
        String id = create("python");
        HttpResponse<String> up = server.post("/api/sessions/" + id + "/files",
                "{\"filename\": \"data.txt\", \"content\": \"line 1\\nline 2\\nline 3\"}");
        assertThat(up.statusCode()).isEqualTo(201);
        assertThat(exec(id, "with open('data.txt') as f: print(f.read())").get("stdout").asText())
                .isEqualTo("line 1\nline 2\nline 3");
        exec(id, "open('out.csv', 'w').write('a,b\\n1,2\\n')");
        HttpResponse<String> down = server.get("/api/sessions/" + id + "/files/out.csv");
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(down.body()).isEqualTo("a,b\n1,2\n");
        JsonNode info = TestServer.json(server.get("/api/sessions/" + id));
        assertThat(info.get("language").asText()).isEqualTo("python");
        assertThat(info.get("memoryKb").asLong()).as("memory in use").isGreaterThan(1000);
        assertThat(info.get("files").toString()).contains("\"name\":\"data.txt\"").contains("\"name\":\"out.csv\"");
        assertThat(server.post("/api/sessions/" + id + "/files", "{\"filename\": \"../x\", \"content\": \"x\"}")
                .statusCode()).isEqualTo(422);
        assertThat(server.get("/api/sessions/" + id + "/files/missing.txt").statusCode()).isEqualTo(404);
    }

    @Test
    void anExceptionIsExit1AndTheSessionLivesOn() throws Exception {
        String id = create("python");
        exec(id, "x = 41");
        JsonNode bad = exec(id, "raise ValueError('boom')");
        assertThat(bad.get("exitCode").asInt()).isEqualTo(1);
        assertThat(bad.get("stderr").asText()).contains("ValueError: boom");
        assertThat(exec(id, "print(x + 1)").get("stdout").asText()).isEqualTo("42");
    }

    @Test
    void aCallPastItsTimeoutRestartsTheSessionAndSaysSo() throws Exception {
        String id = create("python");
        exec(id, "kept = 1");
        HttpResponse<String> r = server.post("/api/sessions/" + id + "/execute", "{\"code\": \"while True: pass\", \"timeout\": 800}");
        JsonNode t = TestServer.json(r);
        assertThat(t.get("timedOut").asBoolean()).isTrue();
        assertThat(t.get("stateLost").asBoolean()).isTrue();
        JsonNode after = exec(id, "print('kept' in globals())");
        assertThat(after.get("stdout").asText()).isEqualTo("False");
    }

    @Test
    void aSessionThatRunsOutOfMemorySaysSoOnTheNextCall() throws Exception {
        String id = create("python");
        HttpResponse<String> boom = server.post("/api/sessions/" + id + "/execute",
                "{\"code\": \"hog = bytearray(2 * 1024 * 1024 * 1024)\"}");
        HttpResponse<String> next = boom.statusCode() == 410 ? boom
                : server.post("/api/sessions/" + id + "/execute", "{\"code\": \"print(1)\"}");
        assertThat(next.statusCode()).isEqualTo(410);
        assertThat(TestServer.json(next).get("error").asText()).contains("ran out of memory");
    }

    @Test
    void expiredSessionsAreReapedWithTheirProcesses() throws Exception {
        try (TestServer expiring = TestServer.start(Map.of("RUNBOX_SESSION_IDLE_TIMEOUT", "2s"))) {
            String id = create(expiring, "python");
            String marker = "expiry" + System.nanoTime();
            exec(expiring, id, "import subprocess\nchild = subprocess.Popen(['" + marker + "', '300'],"
                    + " executable='/usr/bin/sleep')");
            awaitTrue("the session's child is running", () -> HostProcesses.withMarker(marker) > 0);
            HostBox box = HostBox.of(HostBox.pidWithMarker(marker));
            // Idle timeout 2 s: the reaper closes it soon after; on a loaded host, wait by outcome.
            awaitTrue("the idle session is reaped", () -> expiring.get("/api/sessions/" + id).statusCode() == 404);
            awaitTrue("its child is gone", () -> HostProcesses.withMarker(marker) == 0);
            awaitTrue("no process of its uid is left in its cgroups or outside any box",
                    () -> box.processesOfItsUid() == 0);
            awaitTrue("its cgroups are gone: " + box.cgroupsLeft(), () -> box.cgroupsLeft().isEmpty());
        }
    }

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    /** Waits up to 20 s for {@code check} to hold, then fails naming {@code what}. */
    static void awaitTrue(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected within 20 s: " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void afterDeleteNothingOfTheSessionRemains() throws Exception {
        String id = create("bash");
        String marker = "deleted" + System.nanoTime();
        exec(id, "(exec -a " + marker + " sleep 300) & touch " + marker + ".file");
        awaitTrue("the session's child is running", () -> HostProcesses.withMarker(marker) > 0);
        HostBox box = HostBox.of(HostBox.pidWithMarker(marker));
        Path workspace = HostBox.workspaceHolding(marker + ".file");
        assertThat(box.cgroups()).as("the session's cgroups").isNotEmpty().allMatch(Files::isDirectory);
        assertThat(box.processesOfItsUid()).as("processes of the session's uid %d", box.uid()).isPositive();
        assertThat(HostBox.isMounted(workspace)).as("the session's workspace %s is mounted", workspace).isTrue();

        HttpResponse<String> del = server.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.url("/api/sessions/" + id)))
                .header("Authorization", "Bearer " + server.key()).DELETE().build());
        assertThat(del.statusCode()).as(del.body()).isEqualTo(200);

        assertThat(server.get("/api/sessions/" + id).statusCode()).as("the session is no longer registered")
                .isEqualTo(404);
        assertThat(exec404(id)).as("a call to the deleted session").isEqualTo(404);
        // Closing a session waits for its box; on a loaded host give it a bound, then each trace must be gone.
        awaitTrue("the session's child is gone", () -> HostProcesses.withMarker(marker) == 0);
        awaitTrue("no process of the session's uid " + box.uid() + " is left in its cgroups or outside any box",
                () -> box.processesOfItsUid() == 0);
        awaitTrue("the session's cgroups are gone: " + box.cgroupsLeft(), () -> box.cgroupsLeft().isEmpty());
        awaitTrue("the session's workspace is unmounted and removed: " + workspace,
                () -> !HostBox.isMounted(workspace) && !Files.exists(workspace, LinkOption.NOFOLLOW_LINKS));
    }

    private static int exec404(String id) throws Exception {
        return server.post("/api/sessions/" + id + "/execute", "{\"code\": \"echo x\"}").statusCode();
    }

    @Test
    void sessionsAreIsolatedFromEachOtherAndFromOtherKeys() throws Exception {
        String a = create("python");
        String b = create("python");
        exec(a, "secret = 'only-a'; open('a.txt', 'w').write('a')");
        JsonNode fromB = exec(b, "import os; print('secret' in globals(), os.path.exists('a.txt'), sorted(os.listdir('/box')))");
        assertThat(fromB.get("stdout").asText()).startsWith("False False");
        String other = server.createKey("api", "unlimited", null);
        assertThat(server.postWith("/api/sessions/" + a + "/execute", "{\"code\": \"print(secret)\"}",
                "Authorization", other).statusCode()).isEqualTo(404);
        assertThat(server.getWith("/api/sessions/" + a, "Authorization", other).statusCode()).isEqualTo(404);
        HttpResponse<String> del = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/api/sessions/" + a)))
                .header("Authorization", "Bearer " + server.key()).DELETE().build());
        assertThat(del.statusCode()).isEqualTo(200);
        assertThat(server.get("/api/sessions/" + a).statusCode()).isEqualTo(404);
    }

    @Test
    void theNativeShapeAnswersToo() throws Exception {
        HttpResponse<String> r = server.post("/v1/sessions", "{\"language\": \"python\"}");
        String id = TestServer.json(r).get("id").asText();
        server.post("/v1/sessions/" + id + "/execute", "{\"code\": \"n = 6\"}");
        JsonNode out = TestServer.json(server.post("/v1/sessions/" + id + "/execute", "{\"code\": \"print(n * 7)\"}"));
        assertThat(out.get("stdout").asText()).isEqualTo("42\n");
        assertThat(out.get("status").asText()).isEqualTo("OK");
        assertThat(out.get("code").asInt()).isZero();
    }

    @Test
    void languagesWithoutADriverAreRefused() throws Exception {
        HttpResponse<String> r = server.post("/api/sessions", "{\"language\": \"c\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(r).get("error").asText()).contains("python");
    }
}
