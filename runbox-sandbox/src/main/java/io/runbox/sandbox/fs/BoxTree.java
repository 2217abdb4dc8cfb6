package io.runbox.sandbox.fs;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The one safe file layer: everything the host does in a workspace after untrusted code may have run there.
 * Each path component is opened relative to the directory descriptor of the one before it, starting at the
 * workspace's root, without following a link and without leaving the workspace's filesystem; what was opened is
 * checked through its descriptor ({@code fstat}) and read or written only through it. FIFOs, sockets and devices
 * are never opened for I/O (and a FIFO's open never waits). Every walk is bounded in entries and depth, so a
 * workspace of a million files or a chain of directories deeper than {@code PATH_MAX} costs bounded time and
 * memory. Not thread-safe: one caller at a time per instance.
 */
public final class BoxTree implements AutoCloseable {
    /** Directories deeper than this are not walked (each level holds a descriptor while the walk is inside it). */
    public static final int MAX_DEPTH = 128;

    private final Dir root;

    private BoxTree(Dir root) {
        this.root = root;
    }

    /** Opens the workspace whose root is {@code dir}, a directory the host made (never a path from a box). */
    public static BoxTree open(Path dir) throws IOException {
        return new BoxTree(Dir.openRoot(dir.toString()));
    }

    /** One entry of a listing. */
    public record Entry(String name, Kind kind, long size) {
    }

    /** What an entry is; only {@link Kind#FILE} can be read through the layer. */
    public enum Kind { FILE, DIRECTORY, OTHER }

    /** A regular file opened for reading: its size when opened and a stream of at most the cap asked for. */
    public record FileRead(long size, InputStream content) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            content.close();
        }
    }

    /** Space used on the workspace's own filesystem. */
    public record Usage(long bytes, long inodes) {
    }

    /**
     * Opens the regular file at {@code relativePath} ({@code a/b/c}) for reading.
     *
     * @throws NoSuchFileException when there is no regular file of this workspace there (missing, a link on
     *                             the way, a directory, a FIFO, a device, a socket)
     * @throws WorkspaceLimitException when it is larger than {@code maxBytes}
     */
    public FileRead openFile(String relativePath, long maxBytes) throws IOException {
        List<byte[]> parts = split(relativePath);
        Dir parent = walkTo(parts.subList(0, parts.size() - 1));
        try {
            OpenFile f = parent.openFile(parts.get(parts.size() - 1));
            if (f.stat().size() > maxBytes) {
                f.close();
                throw new WorkspaceLimitException(relativePath + " is " + f.stat().size() + " bytes; at most "
                        + maxBytes + " are read");
            }
            return new FileRead(f.stat().size(), f.stream(maxBytes));
        } finally {
            if (parent != root) {
                parent.close();
            }
        }
    }

    /** Up to {@code max} entries of the directory at {@code relativePath} ({@code ""} for the root), by name. */
    public List<Entry> list(String relativePath, int max) throws IOException {
        Dir dir = relativePath.isEmpty() ? root : walkTo(split(relativePath));
        try {
            List<Entry> entries = new ArrayList<>();
            for (byte[] name : dir.names(max)) {
                Stat s = dir.statEntry(name);
                if (s != null) {
                    Kind kind = s.isRegularFile() ? Kind.FILE : s.isDirectory() ? Kind.DIRECTORY : Kind.OTHER;
                    entries.add(new Entry(Dir.display(name), kind, s.isRegularFile() ? s.size() : 0));
                }
            }
            entries.sort(java.util.Comparator.comparing(Entry::name));
            return entries;
        } finally {
            if (dir != root) {
                dir.close();
            }
        }
    }

    /**
     * Creates {@code relativePath} with {@code content} and permission bits {@code mode}, making missing parent
     * directories; the file must not exist, and nothing is created through a link.
     */
    public void writeFile(String relativePath, byte[] content, int mode) throws IOException {
        List<byte[]> parts = split(relativePath);
        Deque<Dir> opened = new ArrayDeque<>();
        try {
            Dir dir = root;
            for (byte[] p : parts.subList(0, parts.size() - 1)) {
                dir = dir.makeDir(p, 0755);
                opened.push(dir);
            }
            int fd = dir.createFile(parts.get(parts.size() - 1), mode);
            try {
                writeAll(fd, content);
                Libc.fchmod(fd, mode);
            } catch (LastErrorException e) {
                throw new IOException("cannot write " + relativePath + ": errno " + e.getErrorCode(), e);
            } finally {
                Libc.closeQuietly(fd);
            }
        } finally {
            opened.forEach(Dir::close);
        }
    }

    /** Creates the directory {@code relativePath} and its missing parents. */
    public void makeDirectories(String relativePath, int mode) throws IOException {
        Deque<Dir> opened = new ArrayDeque<>();
        try {
            Dir dir = root;
            for (byte[] p : split(relativePath)) {
                dir = dir.makeDir(p, mode);
                opened.push(dir);
            }
        } finally {
            opened.forEach(Dir::close);
        }
    }

    /**
     * Gives the root and everything below it (links themselves, never what they point to) to {@code uid} and
     * its group, walking at most {@code maxEntries} entries. What lies below {@value #MAX_DEPTH} levels of
     * directories keeps its owner.
     *
     * @return the entries given (the root not counted)
     */
    public int giveTo(int uid, int maxEntries) throws IOException {
        root.chownSelf(uid);
        return TreeWalk.walk(root, maxEntries, new TreeWalk.Visitor() {
            @Override
            public boolean enter(Dir parent, byte[] name, String path, Stat stat) throws IOException {
                parent.chown(name, uid);
                return true;
            }

            @Override
            public void file(Dir parent, byte[] name, String path, Stat stat) throws IOException {
                parent.chown(name, uid);
            }

            @Override
            public void other(Dir parent, byte[] name, String path, Stat stat) throws IOException {
                parent.chown(name, uid);
            }

            @Override
            public void tooDeep(String path) {
                // Left as it is: only the program that nested it so deep is hindered.
            }
        });
    }

    /**
     * Deletes everything below the root, descriptor-relatively ({@code unlinkat}), within {@code maxEntries}
     * entries and {@value #MAX_DEPTH} levels. For a directory that is not a tmpfs of its own (a workspace an older
     * Runbox left on the shared one); a workspace's own tmpfs goes with {@link Tmpfs#discard}.
     *
     * @throws WorkspaceLimitException when the tree is larger or deeper (what could be deleted is)
     */
    public void deleteContents(int maxEntries) throws IOException {
        TreeWalk.walk(root, maxEntries, new TreeWalk.Visitor() {
            @Override
            public boolean enter(Dir parent, byte[] name, String path, Stat stat) {
                return true;
            }

            @Override
            public void leave(Dir parent, byte[] name, String path) throws IOException {
                parent.unlink(name, true);
            }

            @Override
            public void file(Dir parent, byte[] name, String path, Stat stat) throws IOException {
                parent.unlink(name, false);
            }

            @Override
            public void other(Dir parent, byte[] name, String path, Stat stat) throws IOException {
                parent.unlink(name, false);
            }
        });
    }

    /** What the workspace's own filesystem holds: one call, however many files. */
    public Usage usage() throws IOException {
        byte[] buf = new byte[120];
        try {
            Libc.fstatfs(root.fd(), buf);
        } catch (LastErrorException e) {
            throw new IOException("cannot read the workspace's usage: errno " + e.getErrorCode(), e);
        }
        // struct statfs (64-bit): f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder());
        long bsize = b.getLong(8);
        long used = (b.getLong(16) - b.getLong(24)) * bsize;
        long inodes = b.getLong(40) - b.getLong(48);
        return new Usage(used, Math.max(0, inodes - 1));
    }

    /** Receives the entries of a {@link #read} walk, in walk order (parents first). */
    public interface Reader {
        void directory(String path, int permissions) throws IOException;

        void file(String path, int permissions, InputStream content, long size) throws IOException;

        /** A link, FIFO, socket or device, which is never opened; ignored unless overridden. */
        default void other(String path) throws IOException {
        }
    }

    /**
     * Walks the tree, giving {@code reader} every directory and regular file (and the paths of links, FIFOs,
     * sockets and devices, which are never opened), within {@code maxEntries} entries and {@code maxBytes} bytes of
     * file content.
     */
    public void read(int maxEntries, long maxBytes, Reader reader) throws IOException {
        long[] total = {0};
        TreeWalk.walk(root, maxEntries, new TreeWalk.Visitor() {
            @Override
            public boolean enter(Dir parent, byte[] name, String path, Stat stat) throws IOException {
                reader.directory(path, stat.permissions());
                return true;
            }

            @Override
            public void file(Dir parent, byte[] name, String path, Stat stat) throws IOException {
                total[0] += stat.size();
                if (total[0] > maxBytes) {
                    throw new WorkspaceLimitException("the workspace's files hold more than " + maxBytes + " bytes");
                }
                try (OpenFile f = parent.openFile(name)) {
                    reader.file(path, f.stat().permissions(), f.stream(stat.size()), stat.size());
                } catch (NoSuchFileException e) {
                    reader.other(path); // replaced meanwhile by something that is not a regular file
                }
            }

            @Override
            public void other(Dir parent, byte[] name, String path, Stat stat) throws IOException {
                reader.other(path);
            }
        });
    }

    /** A regular file of a {@link #files} listing: its path, its size and its last modification (ns since the epoch). */
    public record FileInfo(String path, long size, long modifiedNanos) {
    }

    /** The regular files of the tree, in walk order, and whether the walk saw all of it. */
    public record FileListing(List<FileInfo> files, boolean complete) {
    }

    /**
     * The regular files of the tree, none opened: links, FIFOs, sockets and devices are left out, a directory too
     * deep is skipped, and after {@code maxEntries} entries the walk stops ({@code complete} false), so the listing
     * costs bounded time and memory whatever the tree holds.
     */
    public FileListing files(int maxEntries) throws IOException {
        return files("", maxEntries);
    }

    /**
     * The same as {@link #files(int)} below the directory {@code relativeDir} ({@code ""} for the root), with paths
     * still relative to the root; none when there is no directory of this workspace there (a link included).
     */
    public FileListing files(String relativeDir, int maxEntries) throws IOException {
        Dir dir;
        try {
            dir = relativeDir.isEmpty() ? root : walkTo(split(relativeDir));
        } catch (NoSuchFileException e) {
            return new FileListing(List.of(), true);
        }
        String prefix = relativeDir.isEmpty() ? "" : relativeDir + "/";
        List<FileInfo> found = new ArrayList<>();
        boolean complete = true;
        try {
            TreeWalk.walk(dir, maxEntries, new TreeWalk.Visitor() {
                @Override
                public boolean enter(Dir parent, byte[] name, String path, Stat stat) {
                    return true;
                }

                @Override
                public void file(Dir parent, byte[] name, String path, Stat stat) {
                    found.add(new FileInfo(prefix + path, stat.size(), stat.modified()));
                }

                @Override
                public void tooDeep(String path) {
                    // what lies below is not looked at
                }
            });
        } catch (WorkspaceLimitException e) {
            complete = false;
        } finally {
            if (dir != root) {
                dir.close();
            }
        }
        return new FileListing(found, complete);
    }

    /**
     * Copies directories and regular files into {@code target} (an empty workspace), keeping permissions and
     * holes: a sparse file stays sparse. Links, FIFOs, sockets and devices stay behind.
     *
     * @throws WorkspaceLimitException over {@code maxEntries} entries or {@code maxAllocated} bytes of data
     */
    public void copyTo(BoxTree target, int maxEntries, long maxAllocated) throws IOException {
        Deque<Dir> targets = new ArrayDeque<>();
        targets.push(target.root);
        long[] copied = {0};
        try {
            TreeWalk.walk(root, maxEntries, new TreeWalk.Visitor() {
                @Override
                public boolean enter(Dir parent, byte[] name, String path, Stat stat) throws IOException {
                    Dir made = targets.peek().makeDir(name, stat.permissions() & 0777);
                    try {
                        Libc.fchmod(made.fd(), stat.permissions() & 0777);
                    } catch (LastErrorException e) {
                        made.close();
                        throw new IOException("cannot set the mode of " + path + ": errno " + e.getErrorCode(), e);
                    }
                    targets.push(made);
                    return true;
                }

                @Override
                public void leave(Dir parent, byte[] name, String path) {
                    targets.pop().close();
                }

                @Override
                public void file(Dir parent, byte[] name, String path, Stat stat) throws IOException {
                    try (OpenFile from = parent.openFile(name)) {
                        int fd = targets.peek().createFile(name, 0600);
                        try {
                            copied[0] += copyData(from, fd, maxAllocated - copied[0], path);
                            Libc.ftruncate(fd, from.stat().size());
                            Libc.fchmod(fd, from.stat().permissions() & 0777);
                        } catch (LastErrorException e) {
                            throw new IOException("cannot copy " + path + ": errno " + e.getErrorCode(), e);
                        } finally {
                            Libc.closeQuietly(fd);
                        }
                    } catch (NoSuchFileException e) {
                        // Replaced meanwhile by something that is not a regular file: stays behind.
                    }
                }
            });
        } finally {
            while (targets.size() > 1) {
                targets.pop().close();
            }
        }
    }

    /** Copies the data runs of {@code from} (skipping holes) to the same offsets of {@code to}; returns the bytes copied. */
    private static long copyData(OpenFile from, int to, long room, String path) throws IOException {
        long size = from.stat().size();
        long copied = 0;
        byte[] buf = new byte[65536];
        long pos = from.nextData(0);
        while (pos >= 0 && pos < size) {
            long end = Math.min(from.holeAfter(pos), size);
            while (pos < end) {
                byte[] chunk = buf.length <= end - pos ? buf : new byte[(int) (end - pos)];
                int n = from.read(chunk, pos);
                if (n <= 0) {
                    return copied;
                }
                copied += n;
                if (copied > room) {
                    throw new WorkspaceLimitException("the files to copy hold more than the room left ("
                            + Math.max(room, 0) + " bytes) at " + path);
                }
                pwriteAll(to, n == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, n), pos);
                pos += n;
            }
            pos = from.nextData(pos);
        }
        return copied;
    }

    private static void writeAll(int fd, byte[] content) throws IOException {
        pwriteAll(fd, content, 0);
    }

    private static void pwriteAll(int fd, byte[] data, long offset) throws IOException {
        int done = 0;
        while (done < data.length) {
            byte[] rest = done == 0 ? data : java.util.Arrays.copyOfRange(data, done, data.length);
            long n;
            try {
                n = Libc.pwrite(fd, rest, rest.length, offset + done);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Libc.EINTR) {
                    continue;
                }
                throw new IOException("cannot write into a workspace: errno " + e.getErrorCode()
                        + (e.getErrorCode() == 28 ? " (the workspace is full)" : ""), e);
            }
            done += (int) n;
        }
    }

    private Dir walkTo(List<byte[]> dirs) throws IOException {
        Dir dir = root;
        try {
            for (byte[] d : dirs) {
                Dir next = dir.openDir(d);
                if (dir != root) {
                    dir.close();
                }
                dir = next;
            }
            return dir;
        } catch (IOException | RuntimeException e) {
            if (dir != root) {
                dir.close();
            }
            throw e;
        }
    }

    /** A relative path's components; empty, {@code .} and {@code ..} components are refused. */
    private static List<byte[]> split(String relativePath) throws IOException {
        List<byte[]> parts = new ArrayList<>();
        for (String s : relativePath.split("/", -1)) {
            if (s.isEmpty() || s.equals(".") || s.equals("..") || s.indexOf('\0') >= 0) {
                throw new NoSuchFileException(relativePath, null, "not a plain relative path");
            }
            parts.add(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (parts.size() > MAX_DEPTH) {
            throw new NoSuchFileException(relativePath, null, "nested deeper than " + MAX_DEPTH + " levels");
        }
        return parts;
    }

    @Override
    public void close() {
        root.close();
    }
}
