package io.runbox.sandbox.fs;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * An open directory of a workspace: every lookup is one component relative to its descriptor, never following
 * a link, never leaving the workspace's filesystem. Closing releases the descriptor.
 */
final class Dir implements AutoCloseable {
    private final int fd;
    private final long device;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Dir(int fd, long device) {
        this.fd = fd;
        this.device = device;
    }

    /** Opens a directory the host made (a workspace's root), refusing a link there. */
    static Dir openRoot(String path) throws IOException {
        int fd;
        try {
            fd = Libc.openat(Libc.AT_FDCWD, Libc.path(path),
                    Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new IOException("cannot open the workspace " + path + ": errno " + e.getErrorCode(), e);
        }
        try {
            return new Dir(fd, stat(fd).device());
        } catch (IOException | RuntimeException e) {
            Libc.closeQuietly(fd);
            throw e;
        }
    }

    int fd() {
        return fd;
    }

    long device() {
        return device;
    }

    Stat stat() throws IOException {
        return stat(fd);
    }

    /** The entry {@code name} of this directory as it is, a link included; {@code null} when there is none. */
    Stat statEntry(byte[] name) throws IOException {
        byte[] buf = new byte[Stat.BUFFER_SIZE];
        try {
            Libc.statx(fd, Libc.path(name), Libc.AT_SYMLINK_NOFOLLOW, Libc.STATX_BASIC_STATS, buf);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Libc.ENOENT) {
                return null;
            }
            throw new IOException("cannot stat an entry: errno " + e.getErrorCode(), e);
        }
        return Stat.parse(buf);
    }

    /**
     * Opens the subdirectory {@code name}: a link, a non-directory or another filesystem there is
     * {@link NoSuchFileException}.
     */
    Dir openDir(byte[] name) throws IOException {
        int child = openChecked(name, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC,
                Stat::isDirectory, "a directory");
        return new Dir(child, device);
    }

    /**
     * Opens the regular file {@code name} for reading. A FIFO, socket, device, link or file of another
     * filesystem is never opened for I/O ({@link NoSuchFileException}): the name is first taken as an
     * {@code O_PATH} descriptor, which opens nothing, checked with {@code fstat}, and only then is that very
     * inode reopened for reading (through {@code /proc/self/fd}, not through the name, which may have changed).
     */
    OpenFile openFile(byte[] name) throws IOException {
        int path = openChecked(name, Libc.O_PATH | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, Stat::isRegularFile,
                "a regular file");
        try {
            int file = Libc.openat(Libc.AT_FDCWD, Libc.path("/proc/self/fd/" + path),
                    Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
            try {
                return new OpenFile(file, stat(file));
            } catch (IOException | RuntimeException e) {
                Libc.closeQuietly(file);
                throw e;
            }
        } catch (LastErrorException e) {
            throw new IOException("cannot reopen " + display(name) + " for reading: errno " + e.getErrorCode(), e);
        } finally {
            Libc.closeQuietly(path);
        }
    }

    /** Opens {@code name} and keeps it only when its descriptor is {@code what} on this workspace's filesystem. */
    private int openChecked(byte[] name, int flags, java.util.function.Predicate<Stat> kind, String what)
            throws IOException {
        int fd = open(name, flags);
        try {
            Stat s = stat(fd);
            if (!kind.test(s) || s.device() != device) {
                throw new NoSuchFileException(display(name), null, "not " + what + " of this workspace");
            }
            return fd;
        } catch (IOException | RuntimeException e) {
            Libc.closeQuietly(fd);
            throw e;
        }
    }

    /** Creates the regular file {@code name}, which must not exist (nothing is written through a link). */
    int createFile(byte[] name, int mode) throws IOException {
        try {
            return Libc.openat(fd, Libc.path(name),
                    Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, mode);
        } catch (LastErrorException e) {
            throw new IOException("cannot create " + display(name) + ": errno " + e.getErrorCode(), e);
        }
    }

    /** Opens the subdirectory {@code name}, creating it when missing. */
    Dir makeDir(byte[] name, int mode) throws IOException {
        try {
            Libc.mkdirat(fd, Libc.path(name), mode);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != 17 /* EEXIST */) {
                throw new IOException("cannot create directory " + display(name) + ": errno " + e.getErrorCode(), e);
            }
        }
        return openDir(name);
    }

    /** Gives {@code name} (a link itself, not what it points to) to {@code uid}. */
    void chown(byte[] name, int uid) throws IOException {
        try {
            Libc.fchownat(fd, Libc.path(name), uid, uid, Libc.AT_SYMLINK_NOFOLLOW);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != Libc.ENOENT) {
                throw new IOException("cannot change the owner of " + display(name) + ": errno " + e.getErrorCode(), e);
            }
        }
    }

    /** Removes the entry {@code name} (a directory must be empty); a missing one is fine. */
    void unlink(byte[] name, boolean directory) throws IOException {
        try {
            Libc.unlinkat(fd, Libc.path(name), directory ? Libc.AT_REMOVEDIR : 0);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != Libc.ENOENT) {
                throw new IOException("cannot remove " + display(name) + ": errno " + e.getErrorCode(), e);
            }
        }
    }

    void chownSelf(int uid) throws IOException {
        try {
            Libc.fchown(fd, uid, uid);
        } catch (LastErrorException e) {
            throw new IOException("cannot change a directory's owner: errno " + e.getErrorCode(), e);
        }
    }

    /** Up to {@code max} entry names (without {@code .} and {@code ..}), in directory order. */
    List<byte[]> names(int max) throws IOException {
        int copy;
        try {
            copy = Libc.dup(fd);
        } catch (LastErrorException e) {
            throw new IOException("cannot read a directory: errno " + e.getErrorCode(), e);
        }
        Pointer stream;
        try {
            stream = Libc.fdopendir(copy);
        } catch (LastErrorException e) {
            Libc.closeQuietly(copy);
            throw new IOException("cannot read a directory: errno " + e.getErrorCode(), e);
        }
        try {
            Libc.rewinddir(stream); // the copy shares its offset with this descriptor, which may have been read before
            List<byte[]> names = new ArrayList<>();
            Pointer d;
            while (names.size() < max && (d = Libc.readdir(stream)) != null) {
                // struct dirent (64-bit glibc): d_ino 8, d_off 8, d_reclen 2, d_type 1, then d_name
                long len = d.indexOf(19, (byte) 0); // counted from offset 19
                byte[] n = d.getByteArray(19, (int) len);
                if (!(len == 1 && n[0] == '.') && !(len == 2 && n[0] == '.' && n[1] == '.')) {
                    names.add(n);
                }
            }
            return names;
        } finally {
            Libc.closedir(stream);
        }
    }

    private int open(byte[] name, int flags) throws IOException {
        try {
            return Libc.openat(fd, Libc.path(name), flags, 0);
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            if (errno == Libc.ENOENT || errno == Libc.ELOOP || errno == Libc.ENOTDIR || errno == Libc.ENXIO
                    || errno == 13 /* EACCES: a device on a nodev mount */) {
                throw new NoSuchFileException(display(name), null, "errno " + errno);
            }
            throw new IOException("cannot open " + display(name) + ": errno " + errno, e);
        }
    }

    static Stat stat(int fd) throws IOException {
        byte[] buf = new byte[Stat.BUFFER_SIZE];
        try {
            Libc.statx(fd, new byte[1], Libc.AT_EMPTY_PATH, Libc.STATX_BASIC_STATS, buf);
        } catch (LastErrorException e) {
            throw new IOException("cannot stat an open file: errno " + e.getErrorCode(), e);
        }
        return Stat.parse(buf);
    }

    static String display(byte[] name) {
        return new String(name, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Idempotent, like {@link OpenFile#close()}. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Libc.closeQuietly(fd);
        }
    }
}
