package io.runbox.engine;

import io.runbox.core.SourceFile;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/** Writes validated request files into a workspace, and carries a compile stage's results to a fresh one. */
final class WorkspaceFiles {
    private WorkspaceFiles() {
    }

    /** Names must have passed {@link FileNames#validate}; files are created new, never through a link. */
    static void write(Path root, List<SourceFile> files) throws IOException {
        for (SourceFile f : files) {
            Path target = root.resolve(f.name()).normalize();
            if (!target.startsWith(root)) {
                throw new IOException("file name escapes the workspace: " + f.name());
            }
            Files.createDirectories(target.getParent());
            Files.write(target, f.content(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            if (f.name().endsWith(".sh")) {
                target.toFile().setExecutable(true, false);
            }
        }
    }

    /** Copies regular files and directories, keeping permissions; links, fifos and devices stay behind. */
    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()),
                            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
