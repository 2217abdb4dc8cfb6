package io.runbox.execution.warm;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.StageResult;
import io.runbox.core.Status;
import io.runbox.execution.ExecutionConfig;
import io.runbox.execution.RequestRunner;
import io.runbox.execution.TestRunner;
import io.runbox.execution.catalogue.Catalogue;
import java.time.Duration;
import java.util.List;

/**
 * Two engines over the test sandbox, for comparing a warm compiler with a box of its own: one without warm compilers
 * ({@link #cold}), one with ({@link #warm}); neither keeps compiles, so that every request compiles.
 */
final class ColdAndWarm implements AutoCloseable {
    final RequestRunner cold;
    final RequestRunner warm;

    ColdAndWarm() throws Exception {
        ExecutionConfig base = ExecutionConfig.defaults(TestRunner.home());
        ExecutionConfig noCache = new ExecutionConfig(base.languagesDir(), base.prefix(), base.defaults(),
                base.perLanguage(), base.maxCodeBytes(), base.maxStdinBytes(), base.maxFiles(), 0, 2);
        Catalogue catalogue = Catalogue.probe(base.languagesDir(), base.prefix());
        cold = new RequestRunner(catalogue, TestRunner.sandbox(), noCache.withWarmCompilers(0));
        warm = new RequestRunner(catalogue, TestRunner.sandbox(), noCache);
    }

    /**
     * The installed versions of {@code language} on the host's own system, newest first (a fresh machine's; the
     * root images' versions self-test in {@code ./runbox languages test}).
     */
    static List<String> versions(String language) {
        return TestRunner.runner().catalogue().languages().stream().filter(l -> l.id().equals(language))
                .flatMap(l -> l.compilers().stream()).filter(c -> c.root() == null)
                .map(c -> c.version().toString()).toList();
    }

    /** Sends {@code hello} until a warm compiler served it (the first compiles start one), at most 3 minutes. */
    void awaitWarmCompiler(ExecRequest hello) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            long before = warm.warmCompilers().served();
            ExecResult r = warm.execute(hello);
            assertThat(r.compile().status()).as("hello compiles").isEqualTo(Status.OK);
            if (warm.warmCompilers().served() > before) {
                return;
            }
            assertThat(System.nanoTime()).as("a warm compiler started").isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** {@code request} is served by a warm compiler, and gives what it gives in a box of its own, both stages. */
    void assertServedAlike(ExecRequest request) throws Exception {
        long servedBefore = warm.warmCompilers().served();
        ExecResult inItsOwnBox = cold.execute(request);
        ExecResult warmed = warm.execute(request);
        assertThat(warm.warmCompilers().served()).as("served by the warm compiler").isEqualTo(servedBefore + 1);
        assertSame(warmed.compile(), inItsOwnBox.compile());
        if (inItsOwnBox.run() == null) {
            assertThat(warmed.run()).isNull();
        } else {
            assertSame(warmed.run(), inItsOwnBox.run());
        }
    }

    /** {@code request} never reaches a warm compiler, and compiles as in a box of its own. */
    void assertNeverServed(ExecRequest request) throws Exception {
        long servedBefore = warm.warmCompilers().served();
        ExecResult inItsOwnBox = cold.execute(request);
        ExecResult warmed = warm.execute(request);
        assertThat(warm.warmCompilers().served()).as("not sent to the warm compiler").isEqualTo(servedBefore);
        assertSame(warmed.compile(), inItsOwnBox.compile());
    }

    private static void assertSame(StageResult actual, StageResult expected) {
        assertThat(actual.stdout()).isEqualTo(expected.stdout());
        assertThat(actual.stderr()).isEqualTo(expected.stderr());
        assertThat(actual.exitCode()).isEqualTo(expected.exitCode());
        assertThat(actual.signal()).isEqualTo(expected.signal());
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.truncated()).isEqualTo(expected.truncated());
    }

    @Override
    public void close() {
        warm.close();
        cold.close();
    }
}
