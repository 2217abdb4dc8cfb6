package io.runbox.execution.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.Limits;
import io.runbox.core.SourceFile;
import io.runbox.core.StageResult;
import io.runbox.core.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileCacheTest {
    private static final StageResult OK = new StageResult("", "warning: x\n", 0, null, Status.OK, 40, 30, 9000, false);

    private static CompiledTree tree(long bytes) {
        return new CompiledTree(List.of(), OK, bytes);
    }

    @Test
    void keepsTheRecentlyUsedWithinItsBudget() {
        CompileCache cache = new CompileCache(400);
        cache.put("a", tree(100));
        cache.put("b", tree(100));
        cache.put("c", tree(100));
        assertThat(cache.get("a")).isNotNull(); // a is now the most recently used
        cache.put("d", tree(100));
        cache.put("e", tree(100));
        assertThat(cache.get("b")).as("least recently used, evicted").isNull();
        assertThat(cache.get("a")).isNotNull();
        assertThat(cache.bytes()).isLessThanOrEqualTo(400);
        assertThat(cache.size()).isEqualTo(4);
    }

    @Test
    void refusesTreesOverAQuarterOfTheBudgetAndKeepsNothingWhenOff() {
        CompileCache cache = new CompileCache(400);
        cache.put("big", tree(101));
        assertThat(cache.get("big")).isNull();
        CompileCache off = new CompileCache(0);
        off.put("a", tree(0));
        assertThat(off.enabled()).isFalse();
        assertThat(off.get("a")).isNull();
    }

    @Test
    void keysChangeWithEveryInput() {
        List<SourceFile> files = List.of(SourceFile.of("main.c", "int main(){}"));
        String base = CompileKey.of("gcc-12", "12.2.0", List.of("gcc", "main.c"), Map.of("PATH", "/usr/bin"),
                Limits.DEFAULTS, files);
        assertThat(CompileKey.of("gcc-12", "12.2.0", List.of("gcc", "main.c"), Map.of("PATH", "/usr/bin"),
                Limits.DEFAULTS, files)).isEqualTo(base);
        assertThat(List.of(
                CompileKey.of("gcc-13", "12.2.0", List.of("gcc", "main.c"), Map.of("PATH", "/usr/bin"), Limits.DEFAULTS, files),
                CompileKey.of("gcc-12", "12.2.0", List.of("gcc", "-O2", "main.c"), Map.of("PATH", "/usr/bin"), Limits.DEFAULTS, files),
                CompileKey.of("gcc-12", "12.2.0", List.of("gcc", "main.c"), Map.of("PATH", "/bin"), Limits.DEFAULTS, files),
                CompileKey.of("gcc-12", "12.2.0", List.of("gcc", "main.c"), Map.of("PATH", "/usr/bin"),
                        Limits.DEFAULTS.withMemoryBytes(1L << 20), files),
                CompileKey.of("gcc-12", "12.2.0", List.of("gcc", "main.c"), Map.of("PATH", "/usr/bin"), Limits.DEFAULTS,
                        List.of(SourceFile.of("main.c", "int main(){ }"))),
                CompileKey.of("gcc-12", "12.2.0", List.of("gcc", "main.c"), Map.of("PATH", "/usr/bin"), Limits.DEFAULTS,
                        List.of(SourceFile.of("main.c", "int main(){}"), SourceFile.of("x", "")))))
                .doesNotContain(base).doesNotHaveDuplicates();
    }

    @Test
    void aTreeComesBackWithItsFilesAndPermissions(@TempDir Path dir) throws Exception {
        Path from = Files.createDirectory(dir.resolve("from"));
        Files.createDirectories(from.resolve("out/classes"));
        Files.writeString(from.resolve("main.c"), "src");
        Files.write(from.resolve("out/a.out"), new byte[] {1, 2, 3});
        Files.setPosixFilePermissions(from.resolve("out/a.out"), PosixFilePermissions.fromString("rwxr-xr-x"));
        CompiledTree t = CompiledTree.capture(from, OK, 2000);
        assertThat(t).isNotNull();
        assertThat(t.cost()).as("6 bytes and 4 entries").isEqualTo(6 + 4 * CompiledTree.ENTRY_COST);
        assertThat(CompiledTree.capture(from, OK, 1000)).as("over the cost given").isNull();

        Path to = Files.createDirectory(dir.resolve("to"));
        t.writeTo(to);
        assertThat(Files.readString(to.resolve("main.c"))).isEqualTo("src");
        assertThat(Files.readAllBytes(to.resolve("out/a.out"))).containsExactly(1, 2, 3);
        assertThat(Files.isExecutable(to.resolve("out/a.out"))).isTrue();
        assertThat(Files.isDirectory(to.resolve("out/classes"))).isTrue();
        assertThat(t.cachedCompile().stderr()).isEqualTo("warning: x\n");
        assertThat(t.cachedCompile().wallMs()).isZero();

        Files.createSymbolicLink(from.resolve("link"), Path.of("/etc/passwd"));
        assertThat(CompiledTree.capture(from, OK, 2000)).as("a tree with a link is not kept").isNull();
    }

    @Test
    void manyEmptyFilesAreChargedAndOverTheEntryCapNotKept(@TempDir Path dir) throws Exception {
        Path from = Files.createDirectory(dir.resolve("from"));
        for (int i = 0; i < CompiledTree.MAX_ENTRIES; i++) {
            Files.createFile(from.resolve("f" + i));
        }
        CompiledTree t = CompiledTree.capture(from, OK, 64L << 20);
        assertThat(t).isNotNull();
        assertThat(t.cost()).as("empty files are not free").isEqualTo(CompiledTree.MAX_ENTRIES * CompiledTree.ENTRY_COST);
        CompileCache cache = new CompileCache(4 * t.cost() - 1);
        cache.put("many", t);
        assertThat(cache.get("many")).as("over a quarter of the budget by its entries alone").isNull();

        Files.createFile(from.resolve("one-more"));
        long t0 = System.nanoTime();
        assertThat(CompiledTree.capture(from, OK, 64L << 20)).as("over the entry cap").isNull();
        System.out.printf("capture refused at %d entries in %d ms%n", CompiledTree.MAX_ENTRIES + 1,
                (System.nanoTime() - t0) / 1_000_000);
    }
}
