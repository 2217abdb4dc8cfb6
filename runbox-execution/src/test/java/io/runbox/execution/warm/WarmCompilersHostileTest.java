package io.runbox.execution.warm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.runbox.core.BoxCommand;
import io.runbox.core.Limits;
import io.runbox.core.SourceFile;
import io.runbox.execution.RequestRunner;
import io.runbox.execution.TestRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host's touches of a warm compiler, with a driver gone bad (a compiler a request took over, say): what it left
 * in its workspace is read through the safe file layer, never following a link (to a root-only file, to {@code /})
 * and never opening a FIFO, over a tree deeper than PATH_MAX; a driver that never answers costs the compile its
 * wall time and no more, and one that floods its answer or dies is retired. Each time the caller gets {@code null}
 * (compile in a box of your own) or a time-limit result, never an exception or a hang, and the compiler that misbehaved
 * is gone.
 */
class WarmCompilersHostileTest {
    private static final Path DRIVER = Path.of("src/test/resources/warm/hostile_driver.py").toAbsolutePath();
    private static final Limits LIMITS = Limits.DEFAULTS.withWallTime(Duration.ofSeconds(5)).withOutputBytes(1L << 20);

    private WarmCompilers warm;

    @BeforeEach
    void create() {
        warm = new WarmCompilers(TestRunner.sandbox(), 1);
    }

    @AfterEach
    void close() {
        warm.close();
    }

    private static WarmCompileRequest request(String what) {
        return new WarmCompileRequest("hostile", new BoxCommand(List.of("/usr/bin/python3", "-u", ".compile-driver.py"),
                RequestRunner.BASE_ENV, null, LIMITS), DRIVER, ".compile-driver.py", List.of("-d", "."),
                List.of(SourceFile.of(what, "x")));
    }

    /** Compiles "ok" until the driver started and served one: it is then idle and takes the next compile. */
    private void awaitIdleDriver() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (warm.compile(request("ok"), 1 << 20) == null) {
            assertThat(System.nanoTime()).as("the driver started").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void aWellBehavedDriverIsServedAndKept() throws Exception {
        awaitIdleDriver();
        WarmCompile c = warm.compile(request("ok"), 1 << 20);
        assertThat(c).isNotNull();
        assertThat(c.tree().entries()).extracting(e -> e.path()).containsExactly("Main.class");
        assertThat(warm.live()).isEqualTo(1);
    }

    @Test
    void linksTheDriverLeftAreNeverFollowedAndRetireIt() throws Exception {
        awaitIdleDriver();
        long fellBack = warm.fellBack();
        assertThat(warm.compile(request("link"), 1 << 20)).isNull();
        assertThat(warm.fellBack()).isEqualTo(fellBack + 1);
        assertThat(warm.live()).isZero();
    }

    @Test
    void aFifoTheDriverLeftIsNeverOpened() throws Exception {
        awaitIdleDriver();
        WarmCompile c = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> warm.compile(request("fifo"), 1 << 20));
        assertThat(c).isNull();
        assertThat(warm.live()).isZero();
    }

    @Test
    void aTreeDeeperThanPathMaxIsReadWithoutFailingTheHost() throws Exception {
        awaitIdleDriver();
        WarmCompile c = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> warm.compile(request("deep"), 64 << 20));
        if (c != null) {
            assertThat(c.tree().entries().stream().mapToInt(e -> e.path().length()).max().orElse(0))
                    .isGreaterThan(4096);
        } else {
            assertThat(warm.live()).isZero();
        }
    }

    @Test
    void aDriverThatNeverAnswersCostsTheWallTimeAndIsRetired() throws Exception {
        awaitIdleDriver();
        WarmCompile c = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> warm.compile(request("hang"), 1 << 20));
        assertThat(c).isNotNull();
        assertThat(c.box().timedOut()).isTrue();
        assertThat(c.tree()).isNull();
        assertThat(warm.live()).isZero();
    }

    @Test
    void aFloodedAnswerIsNotTakenAndRetiresTheDriver() throws Exception {
        awaitIdleDriver();
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(60), () -> warm.compile(request("flood"), 1 << 20)))
                .isNull();
        assertThat(warm.live()).isZero();
    }

    /**
     * A caller who varies what keys a warm compiler (a memory limit per request, say) cannot queue starts: while one
     * compiler starts, requests for other keys start none, so at most one start is ever pending.
     */
    @Test
    void requestsForManyKeysStartOneCompilerAtATime() throws Exception {
        try (WarmCompilers many = new WarmCompilers(TestRunner.sandbox(), 8)) {
            for (int i = 0; i < 50; i++) {
                WarmCompileRequest r = request("ok");
                WarmCompileRequest other = new WarmCompileRequest(r.compilerId(), new BoxCommand(r.server().argv(),
                        r.server().env(), null, LIMITS.withMemoryBytes((200L << 20) + 4096L * i)), r.driverSource(),
                        r.driverName(), r.arguments(), r.files());
                assertThat(many.compile(other, 1 << 20)).isNull();
            }
            assertThat(many.live()).as("compilers existing or starting").isEqualTo(1);
        }
    }

    @Test
    void aDriverThatDiesIsRetired() throws Exception {
        awaitIdleDriver();
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(60), () -> warm.compile(request("die"), 1 << 20)))
                .isNull();
        assertThat(warm.live()).isZero();
    }
}
