package io.runbox.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The box's whole {@code /etc}: a copy, made at start, of the few host {@code /etc} entries every box needs
 * (links kept as links), plus a {@code passwd} and {@code group} that name the box user. Bound read-only
 * as one mount: bubblewrap re-reads the host's mount table for every bind, so one bind instead of a dozen
 * saves milliseconds per box. Each sandbox makes its own copy: the first of a Runbox process {@code etc-<pid>}, any
 * later one {@code etc-<pid>-s<n>} (a new sandbox never rebuilds a copy that boxes of another one have bound), and
 * one more for each set of a language's own {@code /etc} entries (the copy's name and {@code -<digest>}, see
 * {@link EtcSnapshots}); copies of dead processes are removed. Packages installed later are seen at the next start.
 */
final class EtcSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(EtcSnapshot.class);
    private static final Path ETC = Path.of("/etc");
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("etc-(\\d{1,18})(-s\\d{1,9})?(-[0-9a-f]{16})?");
    /** Sandboxes of this process that made a copy so far. */
    private static final java.util.concurrent.atomic.AtomicInteger SANDBOXES = new java.util.concurrent.atomic.AtomicInteger();

    private EtcSnapshot() {
    }

    /** The files every snapshot writes itself; no copied entry may stand in their place. */
    static final Set<String> OWN_FILES = Set.of("passwd", "group", "hostname", "hosts");

    /** Host {@code /etc} entries among {@code paths}: below {@code /etc}, none inside another, in order. */
    static List<Path> entries(Collection<Path> paths) {
        TreeSet<Path> under = paths.stream().filter(p -> p.startsWith(ETC) && !p.equals(ETC))
                .collect(Collectors.toCollection(TreeSet::new));
        return under.stream().filter(p -> under.stream().noneMatch(q -> !q.equals(p) && p.startsWith(q))).toList();
    }

    /** This process's copy under {@code stateDir}, of the entries every box needs. */
    static Path dirOfThisProcess(Path stateDir) {
        return stateDir.resolve("etc-" + ProcessHandle.current().pid());
    }

    /**
     * Builds a new sandbox's copy of the entries every box needs under {@code stateDir}, first removing dead
     * processes' ones: {@link #dirOfThisProcess} for the process's first sandbox, a name of its own for any other.
     */
    static Path create(Path stateDir, List<Path> readOnlyPaths, int boxUid) throws IOException {
        removeStale(stateDir);
        int n = SANDBOXES.getAndIncrement();
        Path dir = n == 0 ? dirOfThisProcess(stateDir) : dirOfThisProcess(stateDir).resolveSibling(
                dirOfThisProcess(stateDir).getFileName() + "-s" + n);
        return build(dir, Path.of("/"), readOnlyPaths, boxUid);
    }

    /**
     * Builds a snapshot of the {@code /etc} entries among {@code paths} in {@code dir}, replacing what was there,
     * copied from the system whose root is {@code root}: the host ({@code /}) or a root image.
     *
     * @throws IOException also when an entry would stand in place of one of {@link #OWN_FILES}
     */
    static Path build(Path dir, Path root, Collection<Path> paths, int boxUid) throws IOException {
        List<Path> entries = entries(paths);
        for (Path entry : entries) {
            if (OWN_FILES.contains(ETC.relativize(entry).getName(0).toString())) {
                throw new IOException("a box's " + entry + " is the sandbox's own; it cannot come from the host");
            }
        }
        HostTrees.delete(dir);
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path entry : entries) {
            Path source = root.resolve(Path.of("/").relativize(entry).toString());
            if (Files.exists(source, LinkOption.NOFOLLOW_LINKS) && inside(root, source)) {
                copy(source, dir.resolve(ETC.relativize(entry).toString()));
            }
        }
        writeNew(dir.resolve("passwd"), "root:x:0:0:root:/nonexistent:/usr/sbin/nologin\n"
                + "runner:x:" + boxUid + ":" + boxUid + ":runner:/box:/bin/sh\n"
                + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
        writeNew(dir.resolve("group"), "root:x:0:\nrunner:x:" + boxUid + ":\nnogroup:x:65534:\n");
        writeNew(dir.resolve("hostname"), "runbox\n");
        writeNew(dir.resolve("hosts"), "127.0.0.1 localhost runbox\n::1 localhost\n");
        return dir;
    }

    /** Whether {@code source}'s folder, its links resolved, is still under {@code root}: an image's link never leads to the host. */
    private static boolean inside(Path root, Path source) throws IOException {
        return source.getParent().toRealPath().startsWith(root.toRealPath());
    }

    /** A new file: never through a link or over something already there. */
    private static void writeNew(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /**
     * Removes the snapshots of Runbox processes that are gone. Never fails: another Runbox starting at the same time
     * may be removing the same snapshots, and one that cannot go is logged and left for the next start.
     */
    static void removeStale(Path stateDir) {
        for (Path d : Leftovers.staleEntries(stateDir, EtcSnapshot::isStale)) {
            try {
                HostTrees.delete(d);
            } catch (IOException e) {
                LOG.warn("could not remove the stale /etc snapshot {} ({})", d, Leftovers.reason(e));
            }
        }
    }

    /** A snapshot whose owner is not alive. */
    private static boolean isStale(String name) {
        Matcher m = SNAPSHOT_NAME.matcher(name);
        return m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                Path t = to.resolve(from.relativize(d).toString());
                Files.createDirectories(t);
                Files.setPosixFilePermissions(t, Files.getPosixFilePermissions(d));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Path t = from.equals(f) ? to : to.resolve(from.relativize(f).toString());
                if (a.isSymbolicLink()) {
                    Files.createSymbolicLink(t, Files.readSymbolicLink(f));
                } else if (a.isRegularFile() && Files.isReadable(f) && readableByOthers(f)) {
                    Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Root-only files (private keys, say) stay on the host: the box could not have read them anyway. */
    private static boolean readableByOthers(Path f) throws IOException {
        return Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS)
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
    }
}
