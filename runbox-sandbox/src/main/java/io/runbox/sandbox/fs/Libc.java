package io.runbox.sandbox.fs;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The few C library calls the safe file layer needs, bound directly with JNA. Paths are NUL-terminated byte
 * arrays ({@link #path}) so that any name a box made, valid UTF-8 or not, round-trips. Flag values differ
 * between architectures; only x86_64 and aarch64 are supported, and loading this class elsewhere fails.
 */
final class Libc {
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_CREAT = 0x40;
    static final int O_EXCL = 0x80;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;
    /** A descriptor that names an inode without opening it for I/O (the same value on x86_64 and aarch64). */
    static final int O_PATH = 0x200000;
    static final int AT_FDCWD = -100;
    static final int O_DIRECTORY;
    static final int O_NOFOLLOW;

    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int AT_EMPTY_PATH = 0x1000;
    static final int AT_REMOVEDIR = 0x200;
    static final int STATX_BASIC_STATS = 0x7ff;

    static final int SEEK_SET = 0;
    static final int SEEK_DATA = 3;
    static final int SEEK_HOLE = 4;

    static final long MS_NOSUID = 2;
    static final long MS_NODEV = 4;
    static final long MS_BIND = 4096;
    static final long MS_PRIVATE = 1 << 18;
    static final long MS_SHARED = 1 << 20;
    static final int MNT_DETACH = 2;

    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EINVAL = 22;
    static final int ENOTDIR = 20;
    static final int ELOOP = 40;
    static final int ENXIO = 6;
    static final int EAGAIN = 11;

    static {
        String arch = System.getProperty("os.arch");
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            O_DIRECTORY = 0x10000;
            O_NOFOLLOW = 0x20000;
        } else if (arch.equals("aarch64")) {
            O_DIRECTORY = 0x4000;
            O_NOFOLLOW = 0x8000;
        } else {
            throw new ExceptionInInitializerError("the safe file layer supports x86_64 and aarch64 Linux, not " + arch);
        }
        Native.register(Libc.class, NativeLibrary.getInstance("c"));
    }

    private Libc() {
    }

    static native int openat(int dirfd, byte[] path, int flags, int mode) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native long read(int fd, byte[] buf, long count) throws LastErrorException;

    static native long write(int fd, byte[] buf, long count) throws LastErrorException;

    static native long pread(int fd, byte[] buf, long count, long offset) throws LastErrorException;

    static native long pwrite(int fd, byte[] buf, long count, long offset) throws LastErrorException;

    static native long lseek(int fd, long offset, int whence) throws LastErrorException;

    static native int ftruncate(int fd, long length) throws LastErrorException;

    static native int fchmod(int fd, int mode) throws LastErrorException;

    static native int fchown(int fd, int uid, int gid) throws LastErrorException;

    static native int fchownat(int dirfd, byte[] path, int uid, int gid, int flags) throws LastErrorException;

    static native int mkdirat(int dirfd, byte[] path, int mode) throws LastErrorException;

    static native int unlinkat(int dirfd, byte[] path, int flags) throws LastErrorException;

    static native int statx(int dirfd, byte[] path, int flags, int mask, byte[] buf) throws LastErrorException;

    static native int fstatfs(int fd, byte[] buf) throws LastErrorException;

    static native int dup(int fd) throws LastErrorException;

    static native Pointer fdopendir(int fd) throws LastErrorException;

    /** Returns {@code null} at the end of the directory (errno untouched) or on an error (errno set). */
    static native Pointer readdir(Pointer dir);

    static native int closedir(Pointer dir);

    static native void rewinddir(Pointer dir);

    static native int mount(byte[] source, byte[] target, byte[] fstype, long flags, byte[] data)
            throws LastErrorException;

    static native int umount2(byte[] target, int flags) throws LastErrorException;

    /** A C string of {@code s}'s bytes. */
    static byte[] path(byte[] s) {
        byte[] c = new byte[s.length + 1];
        System.arraycopy(s, 0, c, 0, s.length);
        return c;
    }

    static byte[] path(String s) {
        return path(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Closes a descriptor the layer opened; a failure to close is not worth reporting over the real outcome. */
    static void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                close(fd);
            } catch (LastErrorException e) {
                // EBADF or EINTR: the descriptor is gone either way.
            }
        }
    }
}
