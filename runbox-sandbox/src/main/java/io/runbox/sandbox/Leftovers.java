package io.runbox.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finding what dead Runbox processes left in a shared directory, while other Runbox processes on the host may be
 * removing the same entries: an entry that vanishes is one less to remove, and nothing here ever fails a start.
 */
final class Leftovers {
    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private Leftovers() {
    }

    /** The entries of {@code dir} whose names {@code stale} accepts; none when the directory cannot be listed. */
    static List<Path> staleEntries(Path dir, Predicate<String> stale) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(e -> stale.test(e.getFileName().toString())).toList();
        } catch (NoSuchFileException gone) {
            return List.of();
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not look for leftovers in {} ({}); the next start tries again", dir,
                    reason(e instanceof UncheckedIOException u ? u.getCause() : (IOException) e));
            return List.of();
        }
    }

    /** A failure in words, for a log line an operator reads (not a stack trace). */
    static String reason(IOException e) {
        if (e instanceof DirectoryNotEmptyException) {
            return "not empty and not a mount point";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? "an I/O error" : e.getMessage();
    }
}
