package io.runbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.core.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox contract on bubblewrap, on whichever cgroup version this host has. */
class BubblewrapSandboxTest extends SandboxContract {
    private static BubblewrapSandbox sandbox;

    static Path launcher() {
        return Path.of(System.getProperty("runbox.home", "..")).resolve("runbox-sandbox/target/runbox-boxlaunch");
    }

    @BeforeAll
    static void create() throws Exception {
        sandbox = BubblewrapSandbox.create(SandboxConfig.defaults(launcher()));
    }

    @Override
    Sandbox sandbox() {
        return sandbox;
    }

    @Override
    List<String> boxesOfThisProcess() throws Exception {
        String prefix = "box-" + ProcessHandle.current().pid() + "-";
        List<String> found = new ArrayList<>();
        try (Stream<Path> all = Files.walk(Path.of("/sys/fs/cgroup"), 3)) {
            all.filter(p -> p.getFileName() != null && p.getFileName().toString().startsWith(prefix))
                    .forEach(p -> found.add(p.toString()));
        }
        return found;
    }

    @Test
    void describesItsBackendAndCgroupVersion() {
        assertThat(sandbox.describe()).startsWith("bubblewrap").containsPattern("cgroup v[12]");
    }

    @Test
    void refusesToStartWithoutBubblewrapNamingWhatIsMissing() {
        SandboxConfig broken = new SandboxConfig(Path.of("/nonexistent/bwrap"), launcher(), Path.of("/var/lib/runbox"),
                Path.of("/sys/fs/cgroup"), "runbox", 61000, 64, SandboxConfig.SYSTEM_PATHS);
        assertThatThrownBy(() -> BubblewrapSandbox.create(broken))
                .isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("bubblewrap is not installed");
    }

    @Test
    void refusesToStartWithoutCgroups() {
        SandboxConfig broken = new SandboxConfig(Path.of("/usr/bin/bwrap"), launcher(), Path.of("/var/lib/runbox"),
                Path.of("/nonexistent-cgroupfs"), "runbox", 61000, 64, SandboxConfig.SYSTEM_PATHS);
        assertThatThrownBy(() -> BubblewrapSandbox.create(broken))
                .isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("cgroups unusable");
    }
}
