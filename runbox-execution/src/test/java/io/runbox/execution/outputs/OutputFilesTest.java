package io.runbox.execution.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.Limits;
import io.runbox.core.OutputFile;
import io.runbox.core.OutputSpec;
import io.runbox.core.SourceFile;
import io.runbox.core.StageLimits;
import io.runbox.core.Status;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.TestRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code output_files} and {@code output_images} through the real engine and sandbox: what comes back, typed and
 * capped, and what a hostile program leaves (links to the host, a FIFO, a 200 MB sparse file, a deep tree, a flood of
 * entries) costs nothing of the host and never blocks.
 */
class OutputFilesTest {
    /** A tiny valid PNG (1x1), as a program would write it. */
    private static final String PNG_BYTES = "b'\\x89PNG\\r\\n\\x1a\\n' + bytes(60)";

    private static ExecResult python(String code, OutputSpec outputs, SourceFile... extra) throws Exception {
        List<SourceFile> files = new java.util.ArrayList<>(List.of(SourceFile.of("main.py", code)));
        files.addAll(List.of(extra));
        Limits run = Limits.UNSET.withWallTime(Duration.ofSeconds(60)).withMemoryBytes(512L << 20)
                .withFileSizeBytes(256L << 20);
        ExecResult r = TestRunner.runner().execute(new ExecRequest("python", null, files, null, null, null,
                new StageLimits(Limits.UNSET, run), outputs));
        assertThat(r.run().status()).as(r.run().stderr()).isEqualTo(Status.OK);
        return r;
    }

    private static Map<String, OutputFile> byName(ExecResult r) {
        return r.files().stream().collect(Collectors.toMap(OutputFile::name, Function.identity()));
    }

    @Test
    void filesMatchingThePatternsComeBackTypedAndInNameOrder() throws Exception {
        ExecResult r = python("""
                import os
                os.makedirs('out/sub')
                open('out/a.csv', 'w').write('x,y\\n1,2\\n')
                open('out/sub/b.csv', 'w').write('é,ü\\n')
                open('out/c.bin', 'wb').write(bytes(range(256)))
                open('notes.txt', 'w').write('not asked for')
                open('plot.png', 'wb').write(%s)
                """.formatted(PNG_BYTES), OutputSpec.of(List.of("out/**/*.csv", "out/*.bin", "*.png"), false));
        assertThat(r.files()).extracting(OutputFile::name)
                .containsExactly("out/a.csv", "out/c.bin", "out/sub/b.csv", "plot.png");
        Map<String, OutputFile> f = byName(r);
        assertThat(f.get("out/a.csv")).isEqualTo(new OutputFile("out/a.csv", 8, "text/csv", OutputFile.UTF_8,
                "x,y\n1,2\n", false, false));
        assertThat(f.get("out/sub/b.csv").content()).isEqualTo("é,ü\n");
        assertThat(f.get("out/c.bin").encoding()).isEqualTo(OutputFile.BASE64);
        assertThat(Base64.getDecoder().decode(f.get("out/c.bin").content())).hasSize(256);
        assertThat(f.get("plot.png").mime()).isEqualTo("image/png");
        assertThat(Base64.getDecoder().decode(f.get("plot.png").content())).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void newImagesComeBackUnaskedWhenImagesAreOnButNotTheImagesTheRequestBrought() throws Exception {
        byte[] png = new byte[68];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 0, png, 0, 8);
        SourceFile given = new SourceFile("given.png", png);
        String code = """
                import os
                os.makedirs('deep/er')
                open('deep/er/chart.png', 'wb').write(%s)
                open('photo.jpg', 'wb').write(b'\\xff\\xd8\\xff' + bytes(40))
                open('data.txt', 'w').write('text is not an image')
                """.formatted(PNG_BYTES);
        ExecResult on = python(code, OutputSpec.of(List.of(), true), given);
        assertThat(on.files()).extracting(OutputFile::name).containsExactly("deep/er/chart.png", "photo.jpg");
        assertThat(byName(on).get("photo.jpg").mime()).isEqualTo("image/jpeg");

        ExecResult off = python(code, OutputSpec.NONE, given);
        assertThat(off.files()).isEmpty();
    }

    @Test
    void overTheCapsTextIsCutAndTheRestOmittedWithSizesKept() throws Exception {
        ExecResult r = python("""
                open('a.txt', 'w').write('é' * 1500)
                open('b.bin', 'wb').write(bytes(2000))
                open('c.txt', 'w').write('small')
                open('d.txt', 'w').write('also small')
                open('e.txt', 'w').write('x' * 300)
                """, new OutputSpec(List.of("*"), false, 1001, 1200, 64));
        Map<String, OutputFile> f = byName(r);
        OutputFile a = f.get("a.txt");
        assertThat(a.truncated()).isTrue();
        assertThat(a.size()).isEqualTo(3000);
        assertThat(a.content()).isEqualTo("é".repeat(500)); // 1001 bytes cut back to whole characters
        assertThat(f.get("b.bin").omitted()).isTrue();
        assertThat(f.get("b.bin").size()).isEqualTo(2000);
        assertThat(f.get("b.bin").content()).isNull();
        assertThat(f.get("c.txt").content()).isEqualTo("small");
        assertThat(f.get("d.txt").content()).isEqualTo("also small");
        OutputFile e = f.get("e.txt");
        assertThat(e.truncated()).as("cut to what the run's total left").isTrue();
        assertThat(e.content()).isEqualTo("x".repeat(1200 - 1000 - 5 - 10));
        assertThat(f.get("main.py").omitted()).as("the run's total was spent").isTrue();

        ExecResult counted = python("""
                for i in range(10): open('f%d.txt' % i, 'w').write(str(i))
                """, new OutputSpec(List.of("f*.txt"), false, 100, 1000, 3));
        assertThat(counted.files()).hasSize(6);
        assertThat(counted.files().subList(0, 3)).allMatch(x -> !x.omitted());
        assertThat(counted.files().subList(3, 6)).allMatch(OutputFile::omitted);
    }

    @Test
    void linksFifosAndAHugeSparseFileGiveNothingOfTheHostAndNeverBlock() throws Exception {
        String secret = "runbox-host-secret-" + ProcessHandle.current().pid();
        Path hostDir = Files.createTempDirectory("runbox-outputs-host");
        Files.writeString(hostDir.resolve("plot.png"), secret);
        Files.writeString(hostDir.resolve("secret.txt"), secret);
        ExecResult r = python("""
                import os
                os.symlink('/etc/passwd', 'plot.png')
                os.symlink('%1$s/secret.txt', 'secret.txt')
                os.symlink('%1$s', 'out')
                os.mkfifo('wait.png')
                os.mkfifo('wait.txt')
                with open('big.bin', 'wb') as f:
                    f.truncate(200 * 1024 * 1024)
                with open('big.txt', 'wb') as f:
                    f.truncate(200 * 1024 * 1024)
                """.formatted(hostDir), OutputSpec.of(List.of("*.png", "*.txt", "out/*", "*.bin"), true));
        Map<String, OutputFile> f = byName(r);
        assertThat(f.keySet()).containsExactlyInAnyOrder("big.bin", "big.txt");
        assertThat(f.get("big.bin").omitted()).isTrue();
        assertThat(f.get("big.bin").size()).isEqualTo(200L << 20);
        assertThat(f.get("big.txt").truncated() || f.get("big.txt").omitted()).isTrue();
        assertThat(r.files()).allMatch(x -> x.content() == null || !x.content().contains(secret)
                && !x.content().contains("root:"));
    }

    @Test
    void aDeepTreeAndAFloodOfEntriesCostBoundedWorkAndStillReturnWhatWasFound() throws Exception {
        // Made in this order, so that a listing newest first meets the deep tree, the image, then the flood.
        long t0 = System.nanoTime();
        ExecResult r = python("""
                import os
                os.mkdir('flood')
                for i in range(%d):
                    open('flood/f%%05d.png' %% i, 'w').close()
                open('first.png', 'wb').write(%s)
                os.makedirs('/'.join(['d'] * 300))
                open('/'.join(['d'] * 300) + '/deep.png', 'wb').write(b'x')
                """.formatted(OutputCollector.MAX_ENTRIES + 5000, PNG_BYTES), OutputSpec.of(List.of("**/*.png"),
                false));
        System.out.printf("a run leaving %d entries and a 300-level tree, with output_files: %d ms%n",
                OutputCollector.MAX_ENTRIES + 5300, (System.nanoTime() - t0) / 1_000_000);
        assertThat(r.files()).extracting(OutputFile::name).contains("first.png");
        assertThat(r.files()).noneMatch(x -> x.name().endsWith("deep.png"));
        assertThat(r.files()).hasSizeLessThanOrEqualTo(2 * OutputSpec.DEFAULT_FILES);
    }

    @Test
    void aBadPatternIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> TestRunner.runner().execute(ExecRequest.of("python",
                SourceFile.of("main.py", "print(1)")).withOutputs(OutputSpec.of(List.of("../up"), false))))
                .isInstanceOf(RequestRejectedException.class).hasMessageContaining("../up");
    }
}
