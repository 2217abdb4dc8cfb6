package io.runbox.sandbox.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes moving a process into a cgroup cheap. Without the {@code favordynmods} cgroup option, every write to
 * {@code cgroup.procs} waits for an RCU grace period: 4 to 14 ms per box, measured, which is most of a C
 * hello world's sandbox overhead. The option is switched on by a cgroup mount that carries it: on cgroup v1,
 * a named hierarchy without controllers that Runbox keeps mounted under its state directory; on cgroup v2,
 * a remount of the unified hierarchy with the option added. It makes fork and exit slightly dearer
 * host-wide, a good trade on a host that starts sandboxes all day. Best effort: a kernel without the
 * option keeps working, only slower.
 */
public final class CgroupTuning {
    private static final Logger LOG = LoggerFactory.getLogger(CgroupTuning.class);

    private CgroupTuning() {
    }

    public static void favorDynamicModifications(CgroupDetector.Version version, Path root, Path stateDir) {
        try {
            if (alreadyFavored()) {
                return;
            }
            List<String> mount;
            if (version == CgroupDetector.Version.V1) {
                Path dir = stateDir.resolve("cgroup-favordynmods");
                Files.createDirectories(dir);
                mount = List.of("mount", "-t", "cgroup", "-o", "none,name=runbox-favordynmods,favordynmods", "cgroup",
                        dir.toString());
            } else {
                mount = List.of("mount", "-o", "remount,favordynmods", root.toString());
            }
            Process p = new ProcessBuilder(mount).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                LOG.info("cgroup favordynmods is not available ({}); joining a box's cgroup may take a few ms", out);
            } else {
                LOG.info("enabled cgroup favordynmods: boxes join their cgroups without waiting for RCU");
            }
        } catch (IOException e) {
            LOG.info("cannot enable cgroup favordynmods: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean alreadyFavored() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
            if (line.contains(" - cgroup") && line.contains("favordynmods")) {
                return true;
            }
        }
        return false;
    }
}
