package io.runbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxResult;
import io.runbox.core.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pool of boxes set up ahead, with real boxes: a box taken is handed out once and replaced, the pool keeps
 * one idle box per shape and its capacity in all, skips warming when no uid is free, lets idle boxes expire, and
 * hands out nothing once closed. Its launcher has uids of its own (shared through the host's lock files).
 */
class WarmBoxesTest {
    private static final Duration LONG = Duration.ofMinutes(10);
    private static final int FIRST_UID = 61400;
    private static BubblewrapSandbox sandbox;
    private static SandboxConfig config;
    private static Path shim;
    private static io.runbox.sandbox.cgroup.CgroupDriver cgroups;
    private static EtcSnapshots etc;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void prepareTheHost() throws Exception {
        config = SandboxConfig.defaults(BubblewrapSandboxTest.launcher()).withWarmBoxes(0);
        sandbox = BubblewrapSandbox.create(config); // sets the state directory up: etc snapshot, seccomp, exec shim
        cgroups = SandboxPreflight.check(config).cgroups();
        etc = new EtcSnapshots(config.stateDir(), config.readOnlyPaths(), BwrapArgs.BOX_UID); // a copy of its own
        byte[] built = Files.readAllBytes(config.execShim());
        try (Stream<Path> files = Files.list(config.stateDir())) {
            shim = files.filter(f -> f.getFileName().toString().startsWith("runbox-boxexec-"))
                    .filter(f -> sameContent(f, built)).findFirst().orElseThrow();
        }
    }

    @AfterAll
    static void close() {
        sandbox.close();
    }

    @AfterEach
    void closeWhatTheTestMade() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    /** A pool of {@code capacity} over a launcher with {@code uids}; closed after the test. */
    private WarmBoxes pool(UidPool uids, int capacity, Duration idleLimit) throws Exception {
        Path state = config.stateDir();
        BoxLauncher launcher = new BoxLauncher(config, cgroups, uids,
                BubblewrapSandbox.seccompFile(state), etc, state.resolve("args"), shim, null); // no reused boxes here
        WarmBoxes pool = new WarmBoxes(launcher, state.resolve("boxes"), WorkspaceBudget.DEFAULT, capacity, idleLimit);
        toClose.add(pool);
        return pool;
    }

    private WarmBoxes pool(int capacity, Duration idleLimit) throws Exception {
        return pool(new UidPool(FIRST_UID, 8, config.stateDir().resolve("uids")), capacity, idleLimit);
    }

    private static BoxShape shape(int n) {
        return new BoxShape(SandboxContract.ENV, List.of(),
                Limits.DEFAULTS.withWallTime(Duration.ofSeconds(10)).withMemoryBytes((256L << 20) + 4096L * n), null, null);
    }

    /** A box the pool handed out, closed after the test. */
    private LaunchedBox taken(LaunchedBox box) {
        if (box != null) {
            toClose.add(box);
        }
        return box;
    }

    @Test
    void aBoxTakenIsReadyForItsCommandAndIsReplacedByAnother() throws Exception {
        WarmBoxes pool = pool(2, LONG);
        BoxShape a = shape(1);
        assertThat(pool.take(a)).as("nothing warmed yet").isNull();
        awaitTrue(() -> pool.idleCount() == 1, "a box of the shape asked for is warmed");

        LaunchedBox box = taken(pool.take(a));
        assertThat(box).isNotNull();
        assertThat(box.isWarm()).isTrue();
        assertThat(box.process().isAlive()).isTrue();
        BoxResult r = BoxRun.run(box, new BoxCommand(List.of("/bin/sh", "-c", "echo warm"), SandboxContract.ENV, null,
                a.limits()));
        assertThat(new String(r.stdout(), StandardCharsets.UTF_8)).isEqualTo("warm\n");

        awaitTrue(() -> pool.idleCount() == 1, "the box taken is replaced");
        LaunchedBox next = taken(pool.take(a));
        assertThat(next).isNotNull().isNotSameAs(box);
        assertThat(next.uid()).as("two live boxes never share a uid").isNotEqualTo(box.uid());
    }

    @Test
    void anIdleBoxIsHandedOutOnceWhoeverAsksAtTheSameTime() throws Exception {
        WarmBoxes pool = pool(2, LONG);
        BoxShape a = shape(2);
        pool.take(a);
        awaitTrue(() -> pool.idleCount() == 1, "a box is warmed");

        CountDownLatch go = new CountDownLatch(1);
        List<Future<LaunchedBox>> takers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                takers.add(threads.submit(() -> {
                    go.await();
                    return pool.take(a);
                }));
            }
            go.countDown();
        }
        Set<LaunchedBox> handedOut = Collections.newSetFromMap(new IdentityHashMap<>());
        int boxes = 0;
        for (Future<LaunchedBox> t : takers) {
            LaunchedBox b = taken(t.get());
            if (b != null) {
                boxes++;
                handedOut.add(b);
            }
        }
        assertThat(boxes).as("the idle box went to someone").isGreaterThanOrEqualTo(1);
        assertThat(handedOut).as("no box went to two takers").hasSize(boxes);
    }

    @Test
    void atMostOneIdleBoxPerShapeAndCapacityInAllTheLeastRecentlyUsedGoingFirst() throws Exception {
        WarmBoxes pool = pool(2, LONG);
        BoxShape a = shape(3);
        BoxShape b = shape(4);
        BoxShape c = shape(5);
        pool.take(a);
        pool.take(a);
        awaitTrue(() -> pool.idleCount() == 1, "a box of a is warmed");
        Thread.sleep(500);
        assertThat(pool.idleCount()).as("one per shape, however often it was asked for").isEqualTo(1);
        assertThat(boxesOf(a)).as("and no other set up and dropped").isEqualTo(1);

        pool.take(b);
        awaitTrue(() -> pool.idleCount() == 2, "a box of b is warmed");
        pool.take(c);
        awaitTrue(() -> boxesOf(c) == 1, "a box of c is warmed");
        awaitTrue(() -> boxesOf(a) == 0, "the box of a, the least recently used, is killed");
        assertThat(pool.idleCount()).as("the capacity").isEqualTo(2);
        assertThat(boxesOf(b)).isEqualTo(1);
        assertThat(taken(pool.take(a))).as("a was let go").isNull();
        assertThat(taken(pool.take(c))).isNotNull();
    }

    @Test
    void noBoxIsWarmedWhileNoUidIsFreeAndOneIsOnceAUidIs() throws Exception {
        UidPool uids = new UidPool(FIRST_UID + 8, 1, config.stateDir().resolve("uids"));
        WarmBoxes pool = pool(uids, 2, LONG);
        int held = uids.acquire(); // a program runs as the only uid
        BoxShape a = shape(6);
        assertThat(pool.take(a)).isNull();
        Thread.sleep(1000);
        assertThat(pool.idleCount()).as("warming never waits for a uid").isZero();

        uids.release(held);
        assertThat(pool.take(a)).isNull();
        awaitTrue(() -> pool.idleCount() == 1, "a box is warmed once a uid is free");
        assertThat(uids.tryAcquire()).as("the warm box holds the uid").isEqualTo(-1);
    }

    @Test
    void anIdleBoxExpiresAndIsKilled() throws Exception {
        WarmBoxes pool = pool(2, Duration.ofSeconds(1));
        BoxShape a = shape(7);
        pool.take(a);
        awaitTrue(() -> pool.idleCount() == 1, "a box is warmed");
        awaitTrue(() -> pool.idleCount() == 0, "the idle box expired");
        awaitTrue(() -> boxesOf(a) == 0, "the expired box is killed");
    }

    @Test
    void aClosedPoolKillsItsIdleBoxesAndHandsOutNothing() throws Exception {
        WarmBoxes pool = pool(2, LONG);
        BoxShape a = shape(8);
        pool.take(a);
        awaitTrue(() -> pool.idleCount() == 1, "a box is warmed");
        LaunchedBox peek = taken(pool.take(a));
        awaitTrue(() -> pool.idleCount() == 1, "the box taken is replaced");
        Process taker = peek.process();

        assertThat(boxesOf(a)).isEqualTo(2);
        pool.close();
        assertThat(pool.idleCount()).isZero();
        awaitTrue(() -> boxesOf(a) == 1, "the idle box is killed");
        assertThat(taken(pool.take(a))).isNull();
        Thread.sleep(500);
        assertThat(pool.idleCount()).as("nothing is warmed after closing").isZero();
        assertThat(taker.isAlive()).as("a box taken before keeps running").isTrue();
    }

    @Test
    void aPoolOfNoBoxesNeverWarmsOne() throws Exception {
        WarmBoxes pool = pool(0, LONG);
        BoxShape a = shape(9);
        assertThat(pool.take(a)).isNull();
        Thread.sleep(500);
        assertThat(pool.take(a)).isNull();
        assertThat(pool.idleCount()).isZero();
    }

    /** Boxes of {@code shape} this JVM has on the host now, found by their cgroups' memory limit. */
    private static int boxesOf(BoxShape shape) {
        try {
            return BoxCgroupFiles.withMemoryLimit(shape.limits().memoryBytes()).size();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static boolean sameContent(Path file, byte[] content) {
        try {
            return java.util.Arrays.equals(Files.readAllBytes(file), content);
        } catch (IOException e) {
            return false;
        }
    }
}
