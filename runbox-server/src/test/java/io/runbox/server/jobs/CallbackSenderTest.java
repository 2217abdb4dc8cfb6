package io.runbox.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.runbox.store.sqlite.SqliteCallbackOutbox;
import io.runbox.store.sqlite.SqliteDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Deliveries run concurrently within bounds, so one receiver that never answers stalls no other; and a delivery
 * connects to exactly the address its check resolved: the host is resolved once per try, and a name that
 * answers differently the next time (DNS rebinding) cannot move the connection. Real SQLite
 * outbox, real HTTP on loopback (private targets allowed, as a test receiver needs).
 */
class CallbackSenderTest {

    @Test
    void aDeliveryGoesToTheAddressThatWasCheckedAndKeepsItsHostName() throws Exception {
        List<String> arrivals = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
        receiver.createContext("/cb", exchange -> {
            exchange.getRequestBody().readAllBytes();
            arrivals.add(exchange.getLocalAddress().getAddress().getHostAddress() + " "
                    + exchange.getRequestHeaders().getFirst("Host") + " "
                    + exchange.getRequestHeaders().getFirst(CallbackSigner.HEADER));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        int port = receiver.getAddress().getPort();
        // The first answer is checked; every later one points elsewhere (a rebinding name).
        List<String> lookups = new CopyOnWriteArrayList<>();
        CallbackTargets.Resolver rebinding = host -> {
            lookups.add(host);
            return List.of(InetAddress.getByName(lookups.size() == 1 ? "127.0.0.2" : "127.0.0.1"));
        };
        Path dir = Files.createTempDirectory("runbox-callback-sender");
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("runbox.db"))) {
            Clock clock = Clock.systemUTC();
            StoredJobs.endedWithCallback(db, "job1", "http://rebind.test:" + port + "/cb", "{\"id\":\"job1\"}");
            SqliteCallbackOutbox outbox = new SqliteCallbackOutbox(db, clock);
            CallbackSigner signer = new CallbackSigner("s");
            CallbackSender sender = new CallbackSender(outbox, signer, new CallbackTargets(true, rebinding),
                    new CallbackSender.Settings(3, Duration.ofMillis(100), Duration.ofSeconds(10), 4, 2), clock);
            sender.start();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!outbox.state("job1").orElse("").equals("delivered") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            } finally {
                sender.stop();
            }
            assertThat(outbox.state("job1")).contains("delivered");
            assertThat(lookups).containsExactly("rebind.test");
            assertThat(arrivals).containsExactly("127.0.0.2 rebind.test:" + port + " " + signer.sign("{\"id\":\"job1\"}"));
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aReceiverThatNeverAnswersHoldsOnlyItsOwnTries() throws Exception {
        // Host A reads each request's head and never answers; host B answers at once. A's tries are counted by
        // the requests it read (the job each names), not by sockets: only what this test's sender sent counts.
        List<Socket> held = new CopyOnWriteArrayList<>();
        List<String> heldJobs = new CopyOnWriteArrayList<>();
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"));
        Thread.ofPlatform().daemon(true).start(() -> {
            while (!silent.isClosed()) {
                try {
                    Socket s = silent.accept();
                    held.add(s);
                    Thread.ofVirtual().start(() -> readJobOf(s, heldJobs));
                } catch (IOException e) {
                    return;
                }
            }
        });
        List<String> arrivals = new CopyOnWriteArrayList<>();
        HttpServer prompt = HttpServer.create(new InetSocketAddress("127.0.0.3", 0), 0);
        prompt.createContext("/cb", exchange -> {
            arrivals.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        prompt.start();
        Path dir = Files.createTempDirectory("runbox-callback-sender");
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("runbox.db"))) {
            // A's deliveries are older, so they come first in every round.
            for (int i = 0; i < 6; i++) {
                StoredJobs.endedWithCallback(db, "a" + i, "http://127.0.0.2:" + silent.getLocalPort() + "/cb", "{}");
            }
            StoredJobs.endedWithCallback(db, "b", "http://127.0.0.3:" + prompt.getAddress().getPort() + "/cb",
                    "{\"id\":\"b\"}");
            SqliteCallbackOutbox outbox = new SqliteCallbackOutbox(db, Clock.systemUTC());
            CallbackSender sender = new CallbackSender(outbox, new CallbackSigner("s"), new CallbackTargets(true),
                    new CallbackSender.Settings(3, Duration.ofMillis(100), Duration.ofMinutes(2), 4, 2),
                    Clock.systemUTC());
            sender.start();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (!outbox.state("b").orElse("").equals("delivered") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(outbox.state("b")).as("B's callback while A's hang").contains("delivered");
                assertThat(arrivals).containsExactly("{\"id\":\"b\"}");
                long readDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (heldJobs.size() < 2 && System.nanoTime() < readDeadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(2000);
                assertThat(heldJobs).as("tries in flight to A (%d connections)", held.size())
                        .hasSize(2).doesNotHaveDuplicates().allMatch(job -> job.matches("a[0-5]"));
                assertThat(outbox.state("a0")).contains("pending");
            } finally {
                sender.stop();
            }
        } finally {
            prompt.stop(0);
            silent.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /** Reads one request head from {@code s} and records the job it names; the socket stays open, unanswered. */
    private static void readJobOf(Socket s, List<String> jobs) {
        try {
            StringBuilder head = new StringBuilder();
            var in = new java.io.BufferedInputStream(s.getInputStream());
            int c;
            while (head.indexOf("\r\n\r\n") < 0 && head.length() < 16_384 && (c = in.read()) >= 0) {
                head.append((char) c);
            }
            for (String line : head.toString().split("\r\n")) {
                if (line.regionMatches(true, 0, "X-Runbox-Job:", 0, 13)) {
                    jobs.add(line.substring(13).trim());
                }
            }
        } catch (IOException e) {
            // Closed at the end of the test.
        }
    }
}
