package io.runbox.sandbox.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.core.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cgroup v1 against a fake tree of per-controller hierarchies. */
class CgroupV1Test {
    @TempDir
    Path root;

    private void fakeHierarchies(String... controllers) throws IOException {
        for (String c : controllers) {
            Files.createDirectories(root.resolve(c));
        }
    }

    @Test
    void detectedWhenControllersAreSeparateHierarchies() throws IOException {
        fakeHierarchies("memory", "pids", "cpu", "cpuacct", "unified");
        assertThat(CgroupDetector.detect(root)).isEqualTo(CgroupDetector.Version.V1);
    }

    @Test
    void detectionNamesTheMissingControllers() throws IOException {
        fakeHierarchies("memory", "cpu");
        assertThatThrownBy(() -> CgroupDetector.detect(root))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("pids")
                .hasMessageContaining("cpuacct");
    }

    @Test
    void writesLimitsWithSwapOffAndReadsAccounting() throws IOException {
        fakeHierarchies("memory", "pids", "cpu", "cpuacct");
        Path mem = Files.createDirectories(root.resolve("memory/runbox/b1"));
        Files.writeString(mem.resolve("memory.memsw.limit_in_bytes"), "");
        Files.writeString(mem.resolve("memory.swappiness"), "60");

        Cgroup cg = new CgroupV1(root, "runbox").create("b1",
                new Limits(Duration.ofSeconds(1), 64L << 20, 16, 0.5, 1L, 1L, 8));

        assertThat(Files.readString(mem.resolve("memory.limit_in_bytes"))).isEqualTo(Long.toString(64L << 20));
        assertThat(Files.readString(mem.resolve("memory.memsw.limit_in_bytes"))).isEqualTo(Long.toString(64L << 20));
        assertThat(Files.readString(mem.resolve("memory.swappiness"))).isEqualTo("0");
        assertThat(Files.readString(root.resolve("pids/runbox/b1/pids.max"))).isEqualTo("16");
        assertThat(Files.readString(root.resolve("cpu/runbox/b1/cpu.cfs_quota_us"))).isEqualTo("50000");
        assertThat(cg.procsFiles()).hasSize(4);

        Files.writeString(root.resolve("cpuacct/runbox/b1/cpuacct.usage"), "2500000000\n");
        Files.writeString(mem.resolve("memory.max_usage_in_bytes"), "1048576\n");
        Files.writeString(mem.resolve("memory.usage_in_bytes"), "524288\n");
        assertThat(cg.currentMemory()).isEqualTo(524288);
        Files.writeString(mem.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
        CgroupUsage usage = cg.usage();
        assertThat(usage.cpuMs()).isEqualTo(2500);
        assertThat(usage.peakMemoryBytes()).isEqualTo(1048576);
        assertThat(usage.oomKilled()).isTrue();
    }

    @Test
    void coMountedControllersAreJoinedOnce() throws IOException {
        Files.createDirectories(root.resolve("cpu,cpuacct"));
        Files.createSymbolicLink(root.resolve("cpu"), Path.of("cpu,cpuacct"));
        Files.createSymbolicLink(root.resolve("cpuacct"), Path.of("cpu,cpuacct"));
        fakeHierarchies("memory", "pids");

        Cgroup cg = new CgroupV1(root, "runbox").create("b2",
                new Limits(Duration.ofSeconds(1), 64L << 20, 16, 1.0, 1L, 1L, 8));

        assertThat(cg.procsFiles()).hasSize(3);
    }
}
