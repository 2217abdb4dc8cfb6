package io.runbox.sandbox;

import io.runbox.sandbox.cgroup.CgroupDetector;
import io.runbox.sandbox.cgroup.CgroupDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Checks, before any code runs, that the host can isolate it: running as root (to manage cgroups and hand
 * boxes their own uids), bubblewrap and the launcher present, a usable cgroup hierarchy. Collects every
 * problem into one message rather than stopping at the first.
 */
final class SandboxPreflight {
    private SandboxPreflight() {
    }

    record Result(CgroupDriver cgroups, String bwrapVersion) {
    }

    static Result check(SandboxConfig config) throws SandboxUnavailableException {
        List<String> missing = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("Runbox must run as root to create cgroups and start boxes as unprivileged uids "
                    + "(running as " + System.getProperty("user.name") + ")");
        }
        if (!Files.isExecutable(config.bwrap())) {
            missing.add("bubblewrap is not installed at " + config.bwrap() + " (apt-get install bubblewrap)");
        }
        if (!Files.isExecutable(config.launcher())) {
            missing.add("the box launcher " + config.launcher() + " is not built (run ./runbox setup)");
        }
        if (!Files.isExecutable(config.execShim())) {
            missing.add("the box exec shim " + config.execShim() + " is not built (run ./runbox setup)");
        }
        CgroupDriver cgroups = null;
        try {
            cgroups = CgroupDetector.open(config.cgroupRoot(), config.cgroupSubtree());
        } catch (IOException e) {
            missing.add("cgroups unusable: " + e.getMessage());
        }
        if (!missing.isEmpty()) {
            throw new SandboxUnavailableException("refusing to execute code without a sandbox: " + String.join("; ", missing));
        }
        return new Result(cgroups, bwrapVersion(config));
    }

    private static String bwrapVersion(SandboxConfig config) throws SandboxUnavailableException {
        try {
            Process p = new ProcessBuilder(config.bwrap().toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new SandboxUnavailableException("bubblewrap at " + config.bwrap() + " does not run: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new SandboxUnavailableException("bubblewrap at " + config.bwrap() + " does not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxUnavailableException("interrupted while checking bubblewrap", e);
        }
    }
}
