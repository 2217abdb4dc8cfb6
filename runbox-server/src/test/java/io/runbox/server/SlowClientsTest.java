package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow and greedy clients cost bounded connections and time: past the per-address cap a connection is closed
 * at once, one that trickles its headers is closed at the request deadline although it never goes idle, an
 * idle keep-alive one at the idle timeout, and another address is served all along. Raw sockets on loopback.
 */
class SlowClientsTest {
    static final int CAP = 8;
    static final long DEADLINE_MS = 5_000;
    static final long IDLE_MS = 3_000;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("RUNBOX_MAX_CONNECTIONS_PER_ADDRESS", Integer.toString(CAP),
                "RUNBOX_REQUEST_DEADLINE", DEADLINE_MS + "ms", "RUNBOX_IDLE_TIMEOUT", IDLE_MS + "ms"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A raw connection from {@code local} that notes when the server closed it. */
    static final class Raw implements AutoCloseable {
        final Socket socket = new Socket();
        final long openedNanos;
        final AtomicLong closedNanos = new AtomicLong();
        final StringBuilder received = new StringBuilder();

        Raw(String local) throws IOException {
            socket.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port()), 5_000);
            openedNanos = System.nanoTime();
            Thread.ofPlatform().daemon().start(() -> {
                try (InputStream in = socket.getInputStream()) {
                    byte[] b = new byte[4096];
                    int n;
                    while ((n = in.read(b)) >= 0) {
                        synchronized (received) {
                            received.append(new String(b, 0, n, StandardCharsets.ISO_8859_1));
                        }
                    }
                } catch (IOException e) {
                    // reset by the server: closed as well
                }
                closedNanos.set(System.nanoTime());
            });
        }

        /** Writes, ignoring a connection the server already closed. */
        void write(String s) {
            try {
                socket.getOutputStream().write(s.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // closed by the server
            }
        }

        boolean closed() {
            return closedNanos.get() != 0;
        }

        /** Milliseconds from connect to the server's close. */
        long openForMs() {
            return (closedNanos.get() - openedNanos) / 1_000_000;
        }

        String received() {
            synchronized (received) {
                return received.toString();
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static int port() {
        return Integer.parseInt(server.url("").replaceAll(".*:", ""));
    }

    static void awaitAll(List<Raw> conns, long ms) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000;
        while (conns.stream().anyMatch(c -> !c.closed()) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
    }

    @Test
    void slowAndSurplusConnectionsAreClosedWhileAnotherAddressIsServed() throws Exception {
        // The test server's own client connection from 127.0.0.1 goes at the idle timeout first.
        Thread.sleep(IDLE_MS + 1_500);
        List<Raw> trickling = new ArrayList<>();
        try {
            for (int i = 0; i < CAP + 3; i++) {
                Raw r = new Raw("127.0.0.1");
                r.write("G");
                trickling.add(r);
            }
            String request = "ET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
            // Trickle a byte every 250 ms, far inside the idle timeout, for 2 s; the surplus is gone by then.
            for (int t = 0; t < 8; t++) {
                for (Raw r : trickling) {
                    r.write(String.valueOf(request.charAt(t % request.length())));
                }
                Thread.sleep(250);
            }
            List<Raw> surplus = trickling.stream().filter(Raw::closed).toList();
            List<Raw> held = trickling.stream().filter(r -> !r.closed()).toList();
            assertThat(surplus).as("connections past the cap").hasSize(3);
            assertThat(surplus).allSatisfy(r -> assertThat(r.openForMs()).isLessThan(2_000));
            assertThat(held).hasSize(CAP);

            // Meanwhile another address is served.
            try (Raw other = new Raw("127.0.0.2")) {
                other.write("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                awaitAll(List.of(other), 10_000);
                assertThat(other.received()).startsWith("HTTP/1.1 200");
            }

            // The held ones keep trickling and are closed at the deadline, not before.
            long end = System.nanoTime() + (DEADLINE_MS + 10_000) * 1_000_000;
            while (held.stream().anyMatch(r -> !r.closed()) && System.nanoTime() < end) {
                held.forEach(r -> r.write("x"));
                Thread.sleep(250);
            }
            assertThat(held).allSatisfy(r -> {
                assertThat(r.closed()).isTrue();
                assertThat(r.openForMs()).isBetween(DEADLINE_MS - 500, DEADLINE_MS + 8_000);
            });
        } finally {
            for (Raw r : trickling) {
                r.close();
            }
        }
        // The address is free again.
        try (Raw again = new Raw("127.0.0.1")) {
            again.write("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            awaitAll(List.of(again), 10_000);
            assertThat(again.received()).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aTrickledBodyIsClosedAtTheDeadlineAndACompleteOneRunsPastIt() throws Exception {
        String slow = "{\"language\": \"bash\", \"code\": \"sleep 7; echo done\"}";
        try (Raw trickler = new Raw("127.0.0.4"); Raw complete = new Raw("127.0.0.5")) {
            trickler.write("POST /v1/execute HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + server.key()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
            complete.write("POST /v1/execute HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + server.key()
                    + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                    + slow.length() + "\r\n\r\n" + slow);
            long end = System.nanoTime() + (DEADLINE_MS + 10_000) * 1_000_000;
            while (!trickler.closed() && System.nanoTime() < end) {
                trickler.write(" ");
                Thread.sleep(250);
            }
            assertThat(trickler.closed()).isTrue();
            assertThat(trickler.openForMs()).isBetween(DEADLINE_MS - 500, DEADLINE_MS + 8_000);
            // The complete request's run outlives the deadline (7 s > 5 s) and still answers.
            awaitAll(List.of(complete), 60_000);
            assertThat(complete.received()).startsWith("HTTP/1.1 200").contains("done");
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAtTheIdleTimeout() throws Exception {
        try (Raw r = new Raw("127.0.0.3")) {
            r.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            long sent = System.nanoTime();
            awaitAll(List.of(r), IDLE_MS + 10_000);
            assertThat(r.received()).startsWith("HTTP/1.1 200");
            assertThat(r.closed()).isTrue();
            assertThat((r.closedNanos.get() - sent) / 1_000_000).isBetween(IDLE_MS - 500, IDLE_MS + 8_000);
        }
    }
}
