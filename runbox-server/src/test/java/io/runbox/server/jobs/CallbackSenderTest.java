package io.runbox.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.runbox.core.jobs.NewJob;
import io.runbox.store.sqlite.SqliteCallbackOutbox;
import io.runbox.store.sqlite.SqliteDatabase;
import io.runbox.store.sqlite.SqliteJobQueue;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A delivery connects to exactly the address its check resolved: the host is resolved once per try, and a
 * name that answers differently the next time (DNS rebinding) cannot move the connection. Real SQLite
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
            new SqliteJobQueue(db, clock).enqueue(new NewJob("job1", "native", null, "{}", "http://rebind.test:" + port
                    + "/cb", null));
            SqliteCallbackOutbox outbox = new SqliteCallbackOutbox(db, clock);
            outbox.schedule("job1", "http://rebind.test:" + port + "/cb", "{\"id\":\"job1\"}");
            CallbackSigner signer = new CallbackSigner("s");
            CallbackSender sender = new CallbackSender(outbox, signer, new CallbackTargets(true, rebinding), 3,
                    Duration.ofMillis(100), Duration.ofSeconds(10), clock);
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
}
