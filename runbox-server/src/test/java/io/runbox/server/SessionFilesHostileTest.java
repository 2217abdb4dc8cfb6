package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a session's program leaves in its workspace, met by the host's session file routes: links to host paths
 * (as a whole name and on the way), a name swapped between a file and a link while downloads run, a FIFO, a
 * directory, a link at an upload's name, and a large sparse file downloaded by slow clients. The host must read
 * nothing outside the workspace, never block, and never hold a download whole in memory.
 */
class SessionFilesHostileTest {
    /** A host file a link in the box can name: {@code /etc/shadow} on the host, as root would read it. */
    private static final String HOST_ONLY = "root:";
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("RUNBOX_SESSIONS_PER_KEY", "20"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode exec(String id, String code) throws Exception {
        HttpResponse<String> r = server.post("/api/sessions/" + id + "/execute",
                "{\"code\": " + io.runbox.server.http.Json.MAPPER.writeValueAsString(code) + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    private static String create() throws Exception {
        HttpResponse<String> r = server.post("/api/sessions", "{\"language\": \"python\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r).get("id").asText();
    }

    private static HttpResponse<String> download(String id, String name) throws Exception {
        return server.get("/api/sessions/" + id + "/files/" + name);
    }

    @Test
    void aLinkToTheHostsRootOnTheWayReadsNothingOfTheHost() throws Exception {
        String id = create();
        exec(id, "import os; os.symlink('/', 'd'); os.symlink('/etc/shadow', 'shadow')");
        for (String name : List.of("d%2Fetc%2Fshadow", "d%2Fetc%2Fpasswd", "shadow")) {
            HttpResponse<String> r = download(id, name);
            assertThat(r.statusCode()).as(name).isEqualTo(404);
            assertThat(r.body()).doesNotContain(HOST_ONLY);
        }
        JsonNode info = TestServer.json(server.get("/api/sessions/" + id));
        assertThat(info.get("files").toString()).as("links are not listed as files").doesNotContain("shadow");
    }

    @Test
    void aNameSwappedBetweenAFileAndAHostLinkNeverServesTheHostFile() throws Exception {
        String id = create();
        // A process left running in the session swaps x between a regular file and a link to the host's shadow.
        exec(id, """
                import subprocess
                subprocess.Popen(['python3', '-c', '''
                import os
                while True:
                    os.symlink("/etc/shadow", "y"); os.rename("y", "x")
                    open("z", "w").write("mine"); os.rename("z", "x")
                '''], start_new_session=True)
                """.replace("\n                ", "\n"));
        int files = 0;
        int refused = 0;
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = download(id, "x");
            assertThat(r.body()).as("download %d", i).doesNotContain(HOST_ONLY);
            if (r.statusCode() == 200) {
                assertThat(r.body()).isEqualTo("mine");
                files++;
            } else {
                assertThat(r.statusCode()).isEqualTo(404);
                refused++;
            }
        }
        System.out.printf("session download race: %d of 200 served the box's file, %d refused the link%n", files, refused);
        assertThat(files + refused).isEqualTo(200);
        assertThat(refused).as("downloads that met the link").isPositive();
    }

    @Test
    void aFifoOrADirectoryAtTheNameIsRefusedAtOnce() throws Exception {
        String id = create();
        exec(id, "import os; os.mkfifo('pipe'); os.mkdir('folder')");
        long t0 = System.nanoTime();
        assertThat(download(id, "pipe").statusCode()).isEqualTo(404);
        assertThat(download(id, "folder").statusCode()).isEqualTo(404);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("nothing waited for a FIFO writer")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(exec(id, "print('alive')").get("stdout").asText()).isEqualTo("alive");
    }

    @Test
    void anUploadReplacesALinkAtItsNameAndNeverWritesThroughIt() throws Exception {
        String id = create();
        exec(id, "import os; os.symlink('/tmp/planted', 'upload.txt'); os.symlink('/tmp', 'tmpdir')");
        HttpResponse<String> up = server.post("/api/sessions/" + id + "/files",
                "{\"filename\": \"upload.txt\", \"content\": \"fresh\"}");
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        JsonNode r = exec(id, "import os; print(os.path.islink('upload.txt'), open('upload.txt').read(),"
                + " os.path.exists('/tmp/planted'))");
        assertThat(r.get("stdout").asText()).isEqualTo("False fresh False");
        HttpResponse<String> through = server.post("/api/sessions/" + id + "/files",
                "{\"filename\": \"tmpdir/x.txt\", \"content\": \"out\"}");
        assertThat(through.statusCode()).as("an upload whose way leads out of the workspace").isEqualTo(422);
        assertThat(exec(id, "import os; print(os.path.exists('/tmp/x.txt'))").get("stdout").asText()).isEqualTo("False");
    }

    @Test
    void slowDownloadsOfALargeSparseFileAreStreamedNotHeld() throws Exception {
        String id = create();
        exec(id, "f = open('big.bin', 'wb'); f.truncate(60 << 20); f.close()");
        URI base = URI.create(server.url("/"));
        List<Socket> clients = new ArrayList<>();
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        try {
            for (int i = 0; i < 10; i++) {
                Socket s = new Socket(base.getHost(), base.getPort());
                clients.add(s);
                OutputStream out = s.getOutputStream();
                out.write(("GET /api/sessions/" + id + "/files/big.bin HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + server.key() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                byte[] head = in.readNBytes(4096);
                assertThat(new String(head, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200")
                        .contains("Content-Length: " + (60 << 20));
            }
            Thread.sleep(500); // the server writes what the sockets take, then waits on the slow readers
            System.gc();
            long held = rt.totalMemory() - rt.freeMemory() - before;
            System.out.printf("10 slow downloads of a 60 MiB file: heap grew by %d MiB%n", held >> 20);
            assertThat(held).as("heap held by ten stalled 60 MiB downloads").isLessThan(150L << 20);
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

}
