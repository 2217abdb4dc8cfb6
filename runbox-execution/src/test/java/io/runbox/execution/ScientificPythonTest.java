package io.runbox.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.OutputFile;
import io.runbox.core.OutputSpec;
import io.runbox.core.SourceFile;
import io.runbox.core.Status;
import io.runbox.execution.outputs.OutputCollector;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scientific Python in real runs: Debian's numpy, pandas, scipy, sympy and matplotlib import in the box, matplotlib
 * draws with no display and finds its font cache built at install, and a plot saved or shown comes back as a PNG.
 */
class ScientificPythonTest {
    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static ExecResult run(String code, OutputSpec outputs) throws Exception {
        return TestRunner.runner().execute(ExecRequest.of("python", SourceFile.of("main.py", code)).withOutputs(outputs));
    }

    /** The bytes of a returned PNG, checked: base64, its signature first, over 1 KB. */
    static byte[] png(OutputFile f) {
        assertThat(f.mime()).as(f.name()).isEqualTo("image/png");
        assertThat(f.encoding()).isEqualTo(OutputFile.BASE64);
        byte[] bytes = Base64.getDecoder().decode(f.content());
        assertThat(bytes).startsWith(PNG_SIGNATURE);
        assertThat(bytes.length).as("size of " + f.name()).isGreaterThan(1024).isEqualTo((int) f.size());
        return bytes;
    }

    static java.util.stream.Stream<String> pythons() {
        return TestRunner.runner().catalogue().compilers().stream().filter(c -> c.language().id().equals("python"))
                .map(c -> c.id());
    }

    /**
     * Every Python (the host's, a root image's, PyPy) starts cleanly with the language's environment: the box's
     * start-up hook where it is seen, the system's own sitecustomize where not (a root image has no matplotlib).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("pythons")
    void everyPythonStartsCleanlyWithTheHook(String compilerId) throws Exception {
        ExecResult r = TestRunner.runner().execute(ExecRequest.of("python", SourceFile.of("main.py",
                "import sys\nprint('started', 'sitecustomize' in sys.modules)\n"))
                .withVersion(compilerId));
        assertThat(r.run().stderr()).as(compilerId).isEmpty();
        assertThat(r.run().stdout()).as(compilerId).isEqualTo("started True\n");
    }

    @Test
    void theScientificPackagesImportInARun() throws Exception {
        ExecResult r = run("""
                import numpy, pandas, scipy, scipy.linalg, sympy, matplotlib
                print(int(numpy.arange(10).sum()), len(pandas.DataFrame({"a": [1, 2]})))
                print(round(float(scipy.linalg.det(numpy.eye(3) * 2)), 6), sympy.factor(sympy.Symbol("x") ** 2 - 1))
                print(matplotlib.get_backend())
                """, OutputSpec.NONE);
        assertThat(r.run().stderr()).isEmpty();
        assertThat(r.run().stdout()).isEqualTo("45 2\n8.0 (x - 1)*(x + 1)\nmodule://runbox_matplotlib\n");
    }

    @Test
    void matplotlibFindsTheFontCacheOfTheInstallAndAWritableConfigDirectory() throws Exception {
        ExecResult r = run("""
                import glob, os
                import matplotlib.pyplot as plt
                print(plt.get_backend(), os.environ["MPLCONFIGDIR"])
                print([os.path.islink(p) for p in glob.glob("/tmp/.matplotlib/fontlist-*.json")])
                """, OutputSpec.NONE);
        // matplotlib warns on stderr when its directory is not writable, and says so when it builds the cache
        assertThat(r.run().stderr()).isEmpty();
        assertThat(r.run().stdout()).isEqualTo("module://runbox_matplotlib /tmp/.matplotlib\n[True]\n");
    }

    @Test
    void aPlotSavedByTheProgramComesBackAsAPng() throws Exception {
        ExecResult r = run("""
                import matplotlib.pyplot as plt
                plt.plot([1, 2, 3], [1, 4, 9])
                plt.title("squares")
                plt.savefig("plot.png")
                """, OutputSpec.of(List.of("*.png"), false));
        assertThat(r.status()).as(r.run().stderr()).isEqualTo(Status.OK);
        assertThat(r.files()).extracting(OutputFile::name).containsExactly("plot.png");
        png(r.files().get(0));
    }

    @Test
    void pltShowInARunReturnsEachOpenFigure() throws Exception {
        ExecResult r = run("""
                import matplotlib.pyplot as plt
                plt.figure(); plt.plot([1, 2, 3])
                plt.figure(); plt.bar(["a", "b"], [3, 5])
                plt.show()
                print(len(plt.get_fignums()))
                """, OutputSpec.NONE);
        assertThat(r.run().stdout()).as(r.run().stderr()).isEqualTo("0\n");
        assertThat(r.files()).extracting(OutputFile::name).containsExactly(OutputCollector.FIGURES_DIR + "/figure-1.png",
                OutputCollector.FIGURES_DIR + "/figure-2.png");
        r.files().forEach(ScientificPythonTest::png);
    }

    /**
     * A figure, not a check: the wall time of a run that imports {@code matplotlib.pyplot}, with the font cache built
     * at install and with the run's links to it removed first (matplotlib then builds it in the run, as it would
     * without Runbox's cache), and the import's own time inside the program; medians of interleaved rounds.
     */
    @Test
    void importPyplotFigures() throws Exception {
        String timed = "import time; t = time.perf_counter(); import matplotlib.pyplot;"
                + " print(round((time.perf_counter() - t) * 1000))";
        String uncached = "import glob, os\nfor p in glob.glob('/tmp/.matplotlib/*'): os.unlink(p)\n" + timed;
        java.util.Map<String, List<Long>> wall = new java.util.LinkedHashMap<>();
        java.util.Map<String, List<Long>> inside = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> programs = java.util.Map.of("font cache from install", timed,
                "cache built in the run", uncached);
        for (String k : List.of("font cache from install", "cache built in the run")) {
            wall.put(k, new java.util.ArrayList<>());
            inside.put(k, new java.util.ArrayList<>());
        }
        run(timed, OutputSpec.NONE);
        for (int i = 0; i < 5; i++) {
            for (String k : wall.keySet()) {
                long t = System.nanoTime();
                ExecResult r = run(programs.get(k), OutputSpec.NONE);
                wall.get(k).add((System.nanoTime() - t) / 1_000_000);
                assertThat(r.status()).as(r.run().stderr()).isEqualTo(Status.OK);
                inside.get(k).add(Long.parseLong(r.run().stdout().strip()));
            }
        }
        System.out.println("import matplotlib.pyplot in a run, medians of 5 interleaved rounds:");
        wall.forEach((k, v) -> System.out.printf("  %-24s run %5d ms, the import itself %5d ms%n", k, median(v),
                median(inside.get(k))));
        List<Long> all = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            assertThat(run("import numpy, pandas, matplotlib.pyplot", OutputSpec.NONE).status()).isEqualTo(Status.OK);
            all.add((System.nanoTime() - t) / 1_000_000);
        }
        System.out.printf("import numpy, pandas, matplotlib.pyplot: a run %d ms (median of 5)%n", median(all));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
