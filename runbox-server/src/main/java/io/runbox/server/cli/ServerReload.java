package io.runbox.server.cli;

import io.runbox.server.Runbox;
import io.runbox.server.ops.ReloadRequests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Tells the servers running from this checkout to reload their languages, and waits for each to say it did. */
final class ServerReload {
    private static final long WAIT_NANOS = 120_000_000_000L;

    private ServerReload() {
    }

    static void tellRunningServers(Runbox runbox) {
        Path stateDir = runbox.sandboxConfig().stateDir();
        Path dir = ReloadRequests.serversDir(stateDir);
        for (RunningServers.Server s : RunningServers.relevantTo(stateDir, runbox.home(), runbox.storeName())) {
            Path request = ReloadRequests.requestFile(dir, s.pid());
            try {
                Files.write(request, new byte[0]);
                long deadline = System.nanoTime() + WAIT_NANOS;
                while (Files.exists(request, LinkOption.NOFOLLOW_LINKS) && System.nanoTime() < deadline && s.alive()) {
                    Thread.sleep(100);
                }
                System.out.println(Files.exists(request, LinkOption.NOFOLLOW_LINKS)
                        ? "the server (" + s.describe() + ") has not reloaded yet; it will, or POST /admin/languages/reload"
                        : "the running server (" + s.describe() + ") reloaded its languages");
            } catch (IOException e) {
                System.out.println("could not tell the server (" + s.describe() + ") to reload: " + e.getMessage()
                        + "; POST /admin/languages/reload does");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
