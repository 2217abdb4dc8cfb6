package io.runbox.execution.catalogue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A root image: a Debian system of another suite (trixie, sid) that Runbox's installer built under
 * {@code {prefix}/rootfs/<suite>}, which the boxes of its toolchains see as {@code /}. Paths in it are read as a box
 * would: a link, absolute or relative, resolves inside the image, never on the host's own system.
 */
public final class ImageRoot {
    private static final Path SLASH = Path.of("/");
    private static final int MAX_LINKS = 40;

    private ImageRoot() {
    }

    /** Where the image of {@code suite} lives under the prefix. */
    public static Path of(Path prefix, String suite) {
        return prefix.resolve("rootfs").resolve(suite);
    }

    /** Where the image's absolute path {@code inImage} is on the host, without resolving any link. */
    public static Path onHost(Path root, Path inImage) {
        return root.resolve(SLASH.relativize(inImage.normalize()).toString());
    }

    /**
     * {@code inImage} with every link resolved inside the image (as the box sees it), or empty when a part is missing,
     * or the links go round more than 40 times.
     */
    public static Optional<Path> realPath(Path root, Path inImage) {
        Deque<String> todo = new ArrayDeque<>();
        inImage.normalize().forEach(p -> todo.add(p.toString()));
        Path done = SLASH;
        int links = 0;
        try {
            while (!todo.isEmpty()) {
                String part = todo.removeFirst();
                if (part.equals("..")) {
                    done = done.getParent() == null ? SLASH : done.getParent();
                    continue;
                }
                if (part.equals(".") || part.isEmpty()) {
                    continue;
                }
                Path next = done.resolve(part);
                Path host = onHost(root, next);
                if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.empty();
                }
                if (!Files.isSymbolicLink(host)) {
                    done = next;
                    continue;
                }
                if (++links > MAX_LINKS) {
                    return Optional.empty();
                }
                Path target = Files.readSymbolicLink(host);
                List<String> parts = new java.util.ArrayList<>();
                target.forEach(p -> parts.add(p.toString()));
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.addFirst(parts.get(i));
                }
                if (target.isAbsolute()) {
                    done = SLASH;
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(done);
    }
}
