package io.runbox.server.ops;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@code ./runbox languages install|uninstall} tells a running server on this host to reload: it creates
 * {@code <pid>.reload} in the servers folder of the state directory (root's, as the server's own registration file
 * is); the server whose pid it names removes it and reloads. The file's content is never read. A server that
 * cannot watch the folder still reloads through {@code POST /admin/languages/reload}.
 */
public final class ReloadRequests implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadRequests.class);

    private final WatchService watcher;
    private final Path request;

    private ReloadRequests(WatchService watcher, Path request) {
        this.watcher = watcher;
        this.request = request;
    }

    /** The folder of the running servers' files in the sandbox's state directory (their registrations, these requests). */
    public static Path serversDir(Path stateDir) {
        return stateDir.resolve("servers");
    }

    /** The request file a command creates to make the server with {@code pid} reload. */
    public static Path requestFile(Path serversDir, long pid) {
        return serversDir.resolve(pid + ".reload");
    }

    /** Watches {@code serversDir} for this process's request on a daemon thread; {@code close} stops it. */
    public static ReloadRequests watch(Path serversDir, LanguageReload reload) throws IOException {
        Files.createDirectories(serversDir);
        WatchService watcher = serversDir.getFileSystem().newWatchService();
        serversDir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        Path request = requestFile(serversDir, ProcessHandle.current().pid());
        ReloadRequests r = new ReloadRequests(watcher, request);
        Thread.ofPlatform().daemon(true).name("runbox-language-reload").start(() -> r.serve(reload));
        return r;
    }

    private void serve(LanguageReload reload) {
        while (true) {
            WatchKey key;
            try {
                key = watcher.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            key.pollEvents();
            key.reset();
            if (!Files.exists(request, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                reload.reload();
            } catch (IOException | RuntimeException e) {
                LOG.warn("reloading the languages on request failed", e);
            } finally {
                try {
                    Files.deleteIfExists(request); // after the reload: the command waits for this
                } catch (IOException e) {
                    LOG.warn("cannot remove the reload request {}", request, e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        watcher.close();
    }
}
