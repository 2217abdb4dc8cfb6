package io.runbox.server.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The servers {@code ./runbox serve} started on this host, each with the key store it uses, so that {@code ./runbox
 * keys} can tell whether it works on the running server's store. Each server keeps a file
 * {@code <state dir>/servers/<pid>.json} while it runs. A server counts as running while a process with its pid and
 * start time lives: one killed without its shutdown leaves a file that counts for nothing. What the files say is only
 * compared, never opened as a path; a file that is not a small regular file, or does not parse, is skipped.
 */
final class RunningServers {
    private static final long MAX_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * A running server.
     *
     * @param pid     its process id
     * @param started when its process started (a recycled pid is not it)
     * @param home    the Runbox home it was started from
     * @param store   its key store: the SQLite file's absolute path or the PostgreSQL database's address
     * @param port    the port it listens on
     */
    record Server(long pid, String started, String home, String store, int port) {
        String describe() {
            return "pid " + pid + ", port " + port + ", store " + store;
        }

        boolean alive() {
            Optional<Instant> start = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .flatMap(p -> p.info().startInstant());
            return start.isPresent() && start.get().toString().equals(started);
        }
    }

    private RunningServers() {
    }

    private static Path dir(Path stateDir) {
        return io.runbox.server.ops.ReloadRequests.serversDir(stateDir);
    }

    /**
     * Records this process as a server using {@code store}; the file goes when {@link #remove} is called (the server's
     * shutdown). Files of servers no longer running are swept on the way.
     */
    static Path register(Path stateDir, Path home, String store, int port) throws IOException {
        Path dir = dir(stateDir);
        Files.createDirectories(dir);
        for (Server s : read(dir, false)) {
            if (!s.alive()) {
                Files.deleteIfExists(dir.resolve(s.pid() + ".json"));
            }
        }
        ProcessHandle me = ProcessHandle.current();
        Server server = new Server(me.pid(), me.info().startInstant().map(Instant::toString).orElse(""),
                home.toString(), store, port);
        Path file = dir.resolve(me.pid() + ".json");
        Path tmp = Files.createTempFile(dir, me.pid() + "-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        Files.write(tmp, JSON.writeValueAsBytes(server));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    static void remove(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A file left behind counts for nothing once this process is gone.
        }
    }

    /** The servers running now that were started from {@code home} or use {@code store}. */
    static List<Server> relevantTo(Path stateDir, Path home, String store) {
        return read(dir(stateDir), true).stream()
                .filter(s -> s.home().equals(home.toString()) || s.store().equals(store))
                .toList();
    }

    private static List<Server> read(Path dir, boolean onlyAlive) {
        List<Server> out = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                read(f).filter(s -> !onlyAlive || s.alive()).ifPresent(out::add);
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // An unreadable directory: no server can be told of.
        }
        return out;
    }

    private static Optional<Server> read(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                Server s = JSON.readValue(in.readNBytes((int) MAX_BYTES), Server.class);
                boolean complete = s != null && s.pid() > 0 && s.started() != null && s.home() != null
                        && s.store() != null && file.getFileName().toString().equals(s.pid() + ".json");
                return complete ? Optional.of(s) : Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
