package io.runbox.execution;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxResult;
import io.runbox.core.Limits;
import io.runbox.core.Sandbox;
import io.runbox.core.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Proves a sandbox works before a service takes requests: a box must start, see its workspace, run as a
 * non-root user and see no network interface but its own loopback.
 */
public final class SandboxSelfCheck {
    private SandboxSelfCheck() {
    }

    /** @throws IOException saying what failed */
    public static void run(Sandbox sandbox) throws IOException {
        try (Workspace ws = sandbox.newWorkspace()) {
            try (io.runbox.sandbox.fs.BoxTree tree = io.runbox.sandbox.fs.BoxTree.open(ws.dir())) {
                tree.writeFile("probe", "seen".getBytes(StandardCharsets.UTF_8), 0644);
            }
            BoxResult r = sandbox.run(ws, new BoxCommand(
                    List.of("/bin/sh", "-c", "cat /box/probe; echo; id -u; grep -c : /proc/net/dev"),
                    RequestRunner.BASE_ENV, null, Limits.DEFAULTS.withWallTime(Duration.ofSeconds(10))));
            String out = new String(r.stdout(), StandardCharsets.UTF_8);
            String[] lines = out.split("\n");
            if (lines.length < 3 || !lines[0].equals("seen")) {
                throw new IOException("sandbox self-check: the box did not see its workspace (stdout: " + out.strip()
                        + ", stderr: " + new String(r.stderr(), StandardCharsets.UTF_8).strip() + ")");
            }
            if (lines[1].equals("0")) {
                throw new IOException("sandbox self-check: the box runs as root");
            }
            if (!lines[2].equals("1")) {
                throw new IOException("sandbox self-check: the box sees network interfaces other than loopback");
            }
        }
    }
}
