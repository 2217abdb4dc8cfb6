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

/** Cgroup v2 against a fake cgroupfs tree: what it writes, what it reads, how it kills. */
class CgroupV2Test {
    @TempDir
    Path root;

    private Limits limits() {
        return new Limits(Duration.ofSeconds(5), 256L << 20, 32, 1.5, 1L << 20, 1L << 20, 64);
    }

    private void fakeUnifiedRoot(String controllers) throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), controllers + "\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "");
    }

    @Test
    void detectedWhenTheRootIsTheUnifiedHierarchy() throws IOException {
        fakeUnifiedRoot("cpuset cpu io memory hugetlb pids rdma misc");
        assertThat(CgroupDetector.detect(root)).isEqualTo(CgroupDetector.Version.V2);
        assertThat(CgroupDetector.open(root, "runbox")).isInstanceOf(CgroupV2.class);
    }

    @Test
    void enablesControllersAndWritesLimits() throws IOException {
        fakeUnifiedRoot("cpu memory pids");
        CgroupV2 driver = new CgroupV2(root, "runbox");
        // Files the kernel creates in a new cgroup that the driver only writes when present.
        Path box = Files.createDirectories(root.resolve("runbox/b1"));
        Files.writeString(box.resolve("memory.swap.max"), "max");
        Files.writeString(box.resolve("memory.oom.group"), "0");

        Cgroup cg = driver.create("b1", limits());

        assertThat(Files.readString(root.resolve("cgroup.subtree_control"))).contains("+memory", "+pids", "+cpu");
        assertThat(Files.readString(root.resolve("runbox/cgroup.subtree_control"))).contains("+memory");
        assertThat(Files.readString(box.resolve("memory.max"))).isEqualTo(Long.toString(256L << 20));
        assertThat(Files.readString(box.resolve("memory.swap.max"))).isEqualTo("0");
        assertThat(Files.readString(box.resolve("memory.oom.group"))).isEqualTo("1");
        assertThat(Files.readString(box.resolve("pids.max"))).isEqualTo("32");
        assertThat(Files.readString(box.resolve("cpu.max"))).isEqualTo("150000 100000");
        assertThat(cg.procsFiles()).containsExactly(box.resolve("cgroup.procs"));
    }

    @Test
    void readsCpuPeakMemoryAndOomKills() throws IOException {
        fakeUnifiedRoot("cpu memory pids");
        Cgroup cg = new CgroupV2(root, "runbox").create("b2", limits());
        Path box = root.resolve("runbox/b2");
        Files.writeString(box.resolve("cpu.stat"), "usage_usec 123456\nuser_usec 100000\nsystem_usec 23456\n");
        Files.writeString(box.resolve("memory.peak"), "7340032\n");
        Files.writeString(box.resolve("memory.events"), "low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\n");

        CgroupUsage usage = cg.usage();

        assertThat(usage.cpuMs()).isEqualTo(123);
        assertThat(usage.peakMemoryBytes()).isEqualTo(7340032);
        assertThat(usage.oomKilled()).isTrue();
    }

    @Test
    void fallsBackToCurrentMemoryOnKernelsWithoutPeak() throws IOException {
        fakeUnifiedRoot("cpu memory pids");
        Cgroup cg = new CgroupV2(root, "runbox").create("b3", limits());
        Path box = root.resolve("runbox/b3");
        Files.writeString(box.resolve("memory.current"), "4096\n");
        Files.writeString(box.resolve("memory.events"), "oom_kill 0\n");
        assertThat(cg.currentMemory()).isEqualTo(4096);

        assertThat(cg.usage().peakMemoryBytes()).isEqualTo(4096);
        assertThat(cg.usage().oomKilled()).isFalse();
    }

    @Test
    void killsThroughCgroupKill() throws IOException {
        fakeUnifiedRoot("cpu memory pids");
        Cgroup cg = new CgroupV2(root, "runbox").create("b4", limits());
        Path box = root.resolve("runbox/b4");
        Files.writeString(box.resolve("cgroup.kill"), "");
        Files.writeString(box.resolve("cgroup.procs"), "");

        cg.killAll();

        assertThat(Files.readString(box.resolve("cgroup.kill"))).isEqualTo("1");
    }

    @Test
    void refusesAHierarchyWithoutTheNeededControllers() throws IOException {
        fakeUnifiedRoot("cpu io");
        assertThatThrownBy(() -> new CgroupV2(root, "runbox"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("memory");
    }
}
