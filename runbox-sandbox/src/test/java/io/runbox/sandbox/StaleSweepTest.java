package io.runbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.Limits;
import io.runbox.sandbox.cgroup.CgroupDetector;
import io.runbox.sandbox.cgroup.CgroupDriver;
import io.runbox.sandbox.fs.Tmpfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several Runbox processes starting at once each sweep what dead ones left: the same cgroups, workspaces, box
 * files and {@code /etc} snapshots vanish under each sweeper. Here four sweepers start together on the same
 * leftovers, round after round, on real cgroups and real workspace mounts.
 */
class StaleSweepTest {
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    private static final int SWEEPERS = 4;

    private final String subtree = "runbox-sweep-test-" + ProcessHandle.current().pid();
    private Path state;
    private Path boxes;
    private Path args;
    private CgroupDriver cgroups;

    @BeforeEach
    void setUp() throws IOException {
        state = Files.createTempDirectory("runbox-sweep");
        boxes = Files.createDirectory(state.resolve("boxes"));
        args = Files.createDirectory(state.resolve("args"));
        cgroups = CgroupDetector.open(CGROUP_ROOT, subtree);
    }

    @AfterEach
    void tearDown() throws IOException {
        try (Stream<Path> left = Files.list(boxes)) {
            for (Path d : left.toList()) {
                Tmpfs.discard(d);
            }
        }
        HostTrees.delete(state);
        try (Stream<Path> hierarchies = Files.list(CGROUP_ROOT)) {
            for (Path h : hierarchies.toList()) {
                Path base = h.resolve(subtree);
                if (Files.isDirectory(base)) {
                    try (Stream<Path> boxesLeft = Files.list(base)) {
                        for (Path b : boxesLeft.filter(Files::isDirectory).toList()) {
                            Files.deleteIfExists(b);
                        }
                    }
                    Files.deleteIfExists(base);
                }
            }
        }
    }

    @Test
    void sweepersStartingTogetherRemoveEverythingAndNeverFail() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(SWEEPERS)) {
            for (int round = 0; round < 10; round++) {
                plantLeftoversOfDeadOwners(5);
                CyclicBarrier together = new CyclicBarrier(SWEEPERS);
                List<Future<?>> sweeps = new ArrayList<>();
                for (int i = 0; i < SWEEPERS; i++) {
                    sweeps.add(pool.submit(() -> {
                        together.await();
                        BoxNames.sweep(cgroups, boxes, args);
                        EtcSnapshot.removeStale(state);
                        return null;
                    }));
                }
                for (Future<?> f : sweeps) {
                    f.get(120, TimeUnit.SECONDS); // a sweep that threw fails the test here
                }
                assertThat(names(boxes)).as("round %d", round).isEmpty();
                assertThat(names(args)).as("round %d", round).isEmpty();
                assertThat(names(state)).as("round %d", round).containsExactlyInAnyOrder("boxes", "args");
                assertThat(names(CGROUP_ROOT.resolve("pids").resolve(subtree)).stream()
                        .filter(n -> n.startsWith("box-"))).as("round %d", round).isEmpty();
            }
        }
    }

    /** What a Runbox killed mid-run leaves: box cgroups, workspace mounts with files, box files, /etc copies. */
    private void plantLeftoversOfDeadOwners(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            String name = "box-" + deadPid(i) + "-" + UUID.randomUUID();
            cgroups.create(name, new Limits(null, 64L << 20, 16, 0.5, null, null, null));
            Path workspace = Files.createDirectory(boxes.resolve(name));
            Tmpfs.mount(workspace, 1 << 20, 1000);
            Files.createDirectories(workspace.resolve("a/b"));
            for (int f = 0; f < 20; f++) {
                Files.writeString(workspace.resolve("a/b/f" + f), "left behind");
            }
            Files.writeString(args.resolve(name), "argv");
            Path etc = Files.createDirectories(state.resolve("etc-" + deadPid(i)).resolve("ssl/certs"));
            for (int f = 0; f < 200; f++) {
                Files.writeString(etc.resolve("cert" + f), "certificate");
            }
            Path languageEtc = Files.createDirectories(state.resolve("etc-" + deadPid(i) + "-0123456789abcdef")
                    .resolve("php/8.2/cli"));
            Files.writeString(languageEtc.resolve("php.ini"), "left behind");
        }
    }

    /** Above any pid_max Linux allows (4194304), so never a live process. */
    private static long deadPid(int i) {
        return 2_000_000_000L + i;
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
