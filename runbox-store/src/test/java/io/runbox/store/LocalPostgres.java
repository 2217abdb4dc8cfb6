package io.runbox.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, from Debian's binaries ({@code /usr/lib/postgresql/<newest>/bin}): a cluster
 * made by {@code initdb} in a temporary directory, listening on 127.0.0.1 only, on a free port, its socket in that
 * directory, without fsync. Tests run as root, which PostgreSQL refuses, so the binaries run as the
 * {@code postgres} system user. Each {@link #createDatabase()} gives a new, empty database owned by a user with a
 * password, as a {@code postgresql://} URL. {@link #close()} (or the JVM's exit) stops the server and deletes the
 * directory.
 */
public final class LocalPostgres implements AutoCloseable {
    /** The user the stores connect as. */
    public static final String USER = "runbox";
    private static final Path INSTALLS = Path.of("/usr/lib/postgresql");

    private final Path bin;
    private final Path dir;
    private final int port;
    private final String password;
    private final AtomicInteger databases = new AtomicInteger();
    private final Thread onExit = new Thread(this::destroy, "local-postgres-cleanup");

    private LocalPostgres(Path bin, Path dir, int port, String password) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.password = password;
    }

    /**
     * Makes and starts a new server.
     *
     * @throws IllegalStateException when PostgreSQL's server binaries are not installed
     */
    public static LocalPostgres launch() throws IOException, InterruptedException {
        Path bin = newestBin();
        Path dir = Files.createTempDirectory("runbox-postgres-");
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        LocalPostgres pg = new LocalPostgres(bin, dir, freePort(), HexFormat.of().formatHex(secret));
        Runtime.getRuntime().addShutdownHook(pg.onExit);
        try {
            pg.init();
            pg.start0();
            pg.admin("CREATE ROLE " + USER + " LOGIN PASSWORD '" + pg.password + "'");
            return pg;
        } catch (IOException | InterruptedException | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    private static Path newestBin() throws IOException {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(INSTALLS)) {
            try (Stream<Path> versions = Files.list(INSTALLS)) {
                versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb"))).forEach(found::add);
            }
        }
        return found.stream().max(Comparator.comparingDouble(LocalPostgres::version)).orElseThrow(() ->
                new IllegalStateException("PostgreSQL's server binaries are missing (no " + INSTALLS
                        + "/*/bin/initdb): apt-get install postgresql"));
    }

    private static double version(Path bin) {
        try {
            return Double.parseDouble(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void init() throws IOException, InterruptedException {
        Path pwfile = dir.resolve("superuser-password");
        Files.writeString(pwfile, password + "\n");
        if (asRoot()) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
            Files.setOwner(pwfile, users.lookupPrincipalByName("postgres"));
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data().toString(), "-U", "postgres", "-E", "UTF8",
                "--locale=C", "--no-sync", "--auth-local=trust", "--auth-host=scram-sha-256",
                "--pwfile=" + pwfile));
    }

    private Path data() {
        return dir.resolve("data");
    }

    /** Starts the server again after {@link #stop()}: the same data, the same port. */
    public void start() throws IOException, InterruptedException {
        start0();
    }

    private void start0() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "120", "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=" + dir
                        + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                "start"));
    }

    /** Stops the server at once ({@code pg_ctl stop -m fast}): its connections are cut, new ones refused. */
    public void stop() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "-t", "120", "stop"));
    }

    /** A new, empty database owned by {@link #USER}, as {@code postgresql://user:password@127.0.0.1:port/name}. */
    public String createDatabase() {
        String name = "t_" + databases.incrementAndGet();
        admin("CREATE DATABASE " + name + " OWNER " + USER);
        return url(name);
    }

    /** The URL of database {@code name}, with {@link #USER}'s password. */
    public String url(String name) {
        return "postgresql://" + USER + ":" + password + "@127.0.0.1:" + port + "/" + name;
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("the test PostgreSQL refused " + sql + ": " + e.getMessage(), e);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs a PostgreSQL binary (as the postgres user when we are root), failing with its output. */
    private void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path out = Files.createTempFile("runbox-postgres-cmd-", ".out");
        try {
            Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not end within 180 s");
            }
            if (p.exitValue() != 0) {
                Path log = dir.resolve("server.log");
                throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                        + Files.readString(out) + (Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : ""));
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException exiting) {
            // Already running as the hook.
        }
    }

    private synchronized void destroy() {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                stop();
            }
        } catch (IOException | InterruptedException e) {
            // Deleting its directory below is all that is left to do.
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A temporary directory left behind.
        }
    }
}
