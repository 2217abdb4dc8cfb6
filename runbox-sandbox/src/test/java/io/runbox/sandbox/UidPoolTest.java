package io.runbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Box uids: each held by one box at a time, in this process and across processes on the host. */
@Timeout(60) // a pool that never frees a uid makes acquire wait for ever
class UidPoolTest {
    private static final int FIRST = 70000;

    @TempDir
    Path dir;

    @Test
    void everyUidIsHandedOutOnceUntilReleasedThenNoneIsFree() throws Exception {
        UidPool pool = new UidPool(FIRST, 3, dir);
        Set<Integer> taken = new HashSet<>(List.of(pool.acquire(), pool.acquire(), pool.tryAcquire()));
        assertThat(taken).containsExactlyInAnyOrder(FIRST, FIRST + 1, FIRST + 2);
        assertThat(pool.tryAcquire()).as("all in use").isEqualTo(-1);

        pool.release(FIRST + 1);
        assertThat(pool.tryAcquire()).isEqualTo(FIRST + 1);
        assertThat(pool.tryAcquire()).isEqualTo(-1);
    }

    @Test
    void acquireWaitsForARelease() throws Exception {
        UidPool pool = new UidPool(FIRST, 1, dir);
        int held = pool.acquire();
        ExecutorService waiter = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> next = waiter.submit(pool::acquire);
            Thread.sleep(300);
            assertThat(next.isDone()).as("nothing free yet").isFalse();
            pool.release(held);
            assertThat(next.get(20, TimeUnit.SECONDS)).isEqualTo(held);
        } finally {
            waiter.shutdownNow();
        }
    }

    @Test
    void aWaiterInterruptedGivesUpWithoutTakingASlot() throws Exception {
        UidPool pool = new UidPool(FIRST, 1, dir);
        int held = pool.acquire();
        AtomicInteger outcome = new AtomicInteger();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                outcome.set(pool.acquire());
            } catch (InterruptedException e) {
                outcome.set(-2);
            } catch (Exception e) {
                outcome.set(-3);
            }
        });
        Thread.sleep(200);
        waiter.interrupt();
        assertThat(waiter.join(Duration.ofSeconds(20))).isTrue();
        assertThat(outcome.get()).as("interrupted while waiting").isEqualTo(-2);
        pool.release(held);
        assertThat(pool.tryAcquire()).as("the slot the waiter never got is still there").isEqualTo(held);
    }

    @Test
    void concurrentBoxesNeverShareAUidAndNeverExceedThePool() throws Exception {
        int count = 4;
        UidPool pool = new UidPool(FIRST, count, dir);
        Set<Integer> inUse = ConcurrentHashMap.newKeySet();
        AtomicInteger most = new AtomicInteger();
        List<String> clashes = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> workers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            for (int t = 0; t < 16; t++) {
                boolean trying = t % 4 == 0; // some warm-ups, which never wait
                workers.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        int uid = trying ? pool.tryAcquire() : pool.acquire();
                        if (uid < 0) {
                            continue;
                        }
                        if (!inUse.add(uid)) {
                            clashes.add("uid " + uid + " handed out twice");
                        }
                        most.accumulateAndGet(inUse.size(), Math::max);
                        Thread.onSpinWait();
                        inUse.remove(uid);
                        pool.release(uid);
                    }
                    return null;
                }));
            }
        }
        for (Future<?> w : workers) {
            w.get();
        }
        assertThat(clashes).isEmpty();
        assertThat(most.get()).isBetween(1, count);
        assertThat(inUse).isEmpty();
    }

    /** A uid another Runbox process holds is skipped, and waited for when every other one is in use too. */
    @Test
    void aUidHeldByAnotherProcessIsNeverHandedOut() throws Exception {
        UidPool pool = new UidPool(FIRST, 2, dir);
        Process other = holdInAnotherProcess(dir.resolve(Integer.toString(FIRST)));
        try {
            assertThat(pool.tryAcquire()).isEqualTo(FIRST + 1);
            assertThat(pool.tryAcquire()).as("the other process holds the first").isEqualTo(-1);
            pool.release(FIRST + 1);
            assertThat(pool.acquire()).isEqualTo(FIRST + 1);

            ExecutorService waiter = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> next = waiter.submit(pool::acquire);
                Thread.sleep(300);
                assertThat(next.isDone()).as("waits for the other process").isFalse();
                other.getOutputStream().close(); // it releases its lock and exits
                assertThat(next.get(20, TimeUnit.SECONDS)).isEqualTo(FIRST);
            } finally {
                waiter.shutdownNow();
            }
        } finally {
            other.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    /**
     * Two pools of one process (two sandboxes in one JVM) never hand out one uid, and one pool's attempt on a uid the
     * other holds leaves that lock held: a POSIX lock belongs to the process and closing any descriptor of its file
     * drops it, so another process could otherwise take the uid while the first box still runs as it.
     */
    @Test
    void twoPoolsOfOneProcessShareNoUidAndKeepEachOthersLocks() throws Exception {
        UidPool a = new UidPool(FIRST, 2, dir);
        UidPool b = new UidPool(FIRST, 2, dir);
        int held = a.tryAcquire();
        assertThat(held).isEqualTo(FIRST);
        assertThat(b.tryAcquire()).as("the other pool's uid is skipped").isEqualTo(FIRST + 1);
        assertThat(b.tryAcquire()).as("both are held").isEqualTo(-1);
        assertThat(lockableByAnotherProcess(dir.resolve(Integer.toString(FIRST))))
                .as("pool a still holds its lock after pool b tried its file").isFalse();
        a.release(held);
        assertThat(lockableByAnotherProcess(dir.resolve(Integer.toString(FIRST)))).isTrue();
        assertThat(b.tryAcquire()).isEqualTo(FIRST);
    }

    /** Whether another process can take the POSIX lock on {@code file} now (it takes it and exits at once). */
    private static boolean lockableByAnotherProcess(Path file) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                "import fcntl, sys; f = open(sys.argv[1], 'a'); fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)",
                file.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    /** Starts a JVM that locks {@code file} as a pool would, until its standard input closes. */
    private Process holdInAnotherProcess(Path file) throws Exception {
        Path source = dir.resolve("HoldLock.java");
        Files.writeString(source, """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                class HoldLock {
                    public static void main(String[] a) throws Exception {
                        try (FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                             var lock = ch.lock()) {
                            System.out.println("locked");
                            System.out.flush();
                            System.in.read();
                        }
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, source.toString(), file.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("locked");
        return p;
    }
}
