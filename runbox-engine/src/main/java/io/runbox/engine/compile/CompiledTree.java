package io.runbox.engine.compile;

import io.runbox.core.StageResult;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A compile's workspace as it was when the compile ended (directories and regular files with their
 * permissions, in walk order) and the compile stage's result.
 */
public record CompiledTree(List<Entry> entries, StageResult compile, long bytes) {

    /** One directory or regular file, by its path relative to the workspace. */
    public record Entry(String path, boolean directory, byte[] content, Set<PosixFilePermission> permissions) {
    }

    /**
     * Reads {@code root}, or returns {@code null} when it holds more than {@code maxBytes} or anything but
     * directories and regular files (links, FIFOs): such a compile is not kept.
     */
    public static CompiledTree capture(Path root, StageResult compile, long maxBytes) throws IOException {
        List<Entry> entries = new ArrayList<>();
        long[] total = {0};
        boolean[] unfit = {false};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root)) {
                    entries.add(new Entry(root.relativize(dir).toString(), true, null, permissions(dir)));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                total[0] += attrs.size();
                if (!attrs.isRegularFile() || total[0] > maxBytes) {
                    unfit[0] = true;
                    return FileVisitResult.TERMINATE;
                }
                entries.add(new Entry(root.relativize(file).toString(), false, Files.readAllBytes(file), permissions(file)));
                return FileVisitResult.CONTINUE;
            }
        });
        return unfit[0] ? null : new CompiledTree(List.copyOf(entries), compile, total[0]);
    }

    /** Recreates the tree under {@code root}, an empty workspace. */
    public void writeTo(Path root) throws IOException {
        for (Entry e : entries) {
            Path target = root.resolve(e.path());
            if (e.directory()) {
                Files.createDirectories(target);
            } else {
                Files.write(target, e.content(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            }
            Files.setPosixFilePermissions(target, e.permissions());
        }
    }

    /** The compile stage as a cache hit reports it: what the compiler printed, no time or memory spent. */
    public StageResult cachedCompile() {
        return new StageResult(compile.stdout(), compile.stderr(), compile.exitCode(), compile.signal(),
                compile.status(), 0, 0, 0, compile.truncated());
    }

    private static Set<PosixFilePermission> permissions(Path p) throws IOException {
        return Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
    }
}
