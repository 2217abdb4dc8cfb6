package io.runbox.execution.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.Limits;
import io.runbox.core.OutputFile;
import io.runbox.core.OutputSpec;
import io.runbox.core.StageLimits;
import io.runbox.execution.ExecutionConfig;
import io.runbox.execution.TestRunner;
import io.runbox.execution.outputs.OutputCollector;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Python session's results beyond its output, on the real sandbox: figures of {@code plt.show()} (each call its
 * own), files named by {@code output_files}, a DataFrame left last as a table; and what the session's code leaves to
 * the host's collection (links out of the workspace, a FIFO, a huge sparse file) costs nothing of the host.
 */
class SessionOutputsTest {
    private static final Duration CALL = Duration.ofSeconds(60);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static SessionManager manager;
    private static Session session;

    @BeforeAll
    static void start() throws Exception {
        // Files up to 256 MiB, so that the code can make the 200 MB file below (the default cap is 64 MiB).
        ExecutionConfig d = ExecutionConfig.defaults(TestRunner.home());
        Limits l = Limits.DEFAULTS;
        Limits bigFiles = new Limits(l.wallTime(), l.memoryBytes(), l.pids(), l.cpus(), l.outputBytes(), 256L << 20,
                l.openFiles());
        ExecutionConfig config = new ExecutionConfig(d.languagesDir(), d.prefix(), d.defaults(),
                Map.of("python", new StageLimits(bigFiles, bigFiles)), d.maxCodeBytes(), d.maxStdinBytes(),
                d.maxFiles(), d.compileCacheBytes(), d.warmCompilers());
        manager = new SessionManager(TestRunner.runner().catalogue(), TestRunner.sandbox(), config,
                Duration.ofMinutes(10), 10, 20);
        session = manager.create("owner", "python");
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    private static SessionReply call(String code, OutputSpec outputs) throws Exception {
        SessionReply r = session.execute(code, CALL, outputs);
        assertThat(r.timedOut()).as("timed out: " + r.stderr()).isFalse();
        return r;
    }

    private static List<String> names(SessionReply r) {
        return r.files().stream().map(OutputFile::name).toList();
    }

    @Test
    void pltShowReturnsTheCallsFiguresAndTheNextCallDoesNotReturnThemAgain() throws Exception {
        SessionReply shown = call("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [3, 1, 2])\nplt.show()",
                OutputSpec.NONE);
        assertThat(shown.exitCode()).as(shown.stderr()).isZero();
        assertThat(names(shown)).containsExactly(OutputCollector.FIGURES_DIR + "/figure-1.png");
        byte[] png = Base64.getDecoder().decode(shown.files().get(0).content());
        assertThat(png).startsWith(PNG);
        assertThat(png.length).isGreaterThan(1024);
        assertThat(shown.files().get(0).mime()).isEqualTo("image/png");

        SessionReply next = call("y = 2", OutputSpec.NONE);
        assertThat(next.exitCode()).isZero();
        assertThat(next.files()).isEmpty();

        SessionReply again = call("plt.figure(); plt.plot([0, 1]); plt.show()", OutputSpec.NONE);
        assertThat(names(again)).containsExactly(OutputCollector.FIGURES_DIR + "/figure-1.png");
    }

    @Test
    void aDataFrameLeftLastComesBackAsATableAndOtherValuesAddNothing() throws Exception {
        SessionReply r = call("import pandas as pd\ndf = pd.DataFrame({'a': [1, 2], 'b': ['x', None]})\ndf",
                OutputSpec.NONE);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEmpty();
        SessionTable t = r.table();
        assertThat(t).isNotNull();
        assertThat(t.columns()).containsExactly("a", "b");
        assertThat(t.records()).hasSize(2);
        assertThat(t.records().get(0)).isEqualTo(Map.of("a", 1, "b", "x"));
        assertThat(t.records().get(1)).containsEntry("b", null);
        assertThat(t.html()).startsWith("<table").contains("<td>x</td>");
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.truncated()).isFalse();

        SessionReply big = call("pd.DataFrame({'n': range(1500)})", OutputSpec.NONE);
        assertThat(big.table()).isNotNull();
        assertThat(big.table().rows()).isEqualTo(1500);
        assertThat(big.table().truncated()).isTrue();
        assertThat(big.table().records()).hasSize(1000);

        SessionReply series = call("df['a'] * 10", OutputSpec.NONE);
        assertThat(series.table().columns()).containsExactly("a");
        assertThat(series.table().records()).containsExactly(Map.of("a", 10), Map.of("a", 20));

        SessionReply plain = call("1 + 1", OutputSpec.NONE);
        assertThat(plain.table()).isNull();
        assertThat(plain.stdout()).isEmpty();
        SessionReply assigned = call("z = df", OutputSpec.NONE);
        assertThat(assigned.table()).isNull();
    }

    @Test
    void outputFilesOfACallComeBack() throws Exception {
        SessionReply r = call("open('out.csv', 'w').write('a,b\\n1,2\\n')", OutputSpec.of(List.of("*.csv"), false));
        assertThat(r.files()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("out.csv");
            assertThat(f.encoding()).isEqualTo(OutputFile.UTF_8);
            assertThat(f.content()).isEqualTo("a,b\n1,2\n");
        });
    }

    @Test
    void linksOutOfTheWorkspaceBringNothingOfTheHost() throws Exception {
        SessionReply r = call("""
                import os
                os.symlink('/etc/passwd', 'plot.png')
                os.symlink('/etc', 'etc')
                os.makedirs('figs', exist_ok=True)
                os.symlink('/etc/shadow', 'figs/leak.png')
                """, OutputSpec.of(List.of("*.png", "etc/**", "**/*.png"), true));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.files()).isEmpty();

        // The figures folder itself a link to a host folder: the host does not follow it, the driver removes it.
        SessionReply figures = call("os.symlink('/etc', '.runbox-figures')", OutputSpec.NONE);
        assertThat(figures.files()).isEmpty();
        SessionReply after = call("print(os.path.lexists('.runbox-figures'))", OutputSpec.NONE);
        assertThat(after.stdout()).isEqualTo("False\n");
        assertThat(after.files()).isEmpty();
    }

    @Test
    void aFifoNamedLikeAnImageDoesNotBlockTheCall() throws Exception {
        long t0 = System.nanoTime();
        SessionReply r = call("import os\nos.mkfifo('x.png')\nprint('made')", OutputSpec.of(List.of("*.png"), true));
        assertThat(r.stdout()).isEqualTo("made\n");
        assertThat(names(r)).doesNotContain("x.png");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(CALL);
    }

    @Test
    void aHugeSparseFileIsOmittedWithTheFlag() throws Exception {
        SessionReply r = call("import subprocess\nsubprocess.run(['truncate', '-s', '200M', 'big.bin'], check=True)",
                OutputSpec.of(List.of("*.bin"), false));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.files()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("big.bin");
            assertThat(f.omitted()).isTrue();
            assertThat(f.content()).isNull();
            assertThat(f.size()).isEqualTo(200L << 20);
        });
    }

    /** A figure, not a check: the first and the second call importing numpy, pandas and matplotlib.pyplot. */
    @Test
    void importFigures() throws Exception {
        Session fresh = manager.create("owner", "python");
        try {
            call(fresh, "pass");
            long first = call(fresh, "import numpy, pandas, matplotlib.pyplot").durationMs();
            long second = call(fresh, "import numpy, pandas, matplotlib.pyplot").durationMs();
            System.out.printf("import numpy, pandas, matplotlib.pyplot in a session: first call %d ms, second %d ms%n",
                    first, second);
        } finally {
            manager.close(fresh.id(), "owner");
        }
    }

    private static SessionReply call(Session s, String code) throws Exception {
        SessionReply r = s.execute(code, CALL, OutputSpec.NONE);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r;
    }
}
