package io.runbox.sandbox.fs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What {@code statx} says of one entry, read without following a link.
 *
 * @param mode      type and permission bits
 * @param size      length in bytes (for a sparse file, more than it holds)
 * @param allocated bytes actually held ({@code st_blocks * 512})
 * @param device    the filesystem it lives on ({@code major << 32 | minor})
 * @param modified  the last modification of its content ({@code mtime}), in nanoseconds since the epoch
 */
record Stat(int mode, long size, long allocated, long device, int uid, long nlink, long modified) {
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;

    static final int BUFFER_SIZE = 256;

    static Stat parse(byte[] statx) {
        ByteBuffer b = ByteBuffer.wrap(statx).order(ByteOrder.nativeOrder());
        long nlink = Integer.toUnsignedLong(b.getInt(16));
        int uid = b.getInt(20);
        int mode = Short.toUnsignedInt(b.getShort(28));
        long size = b.getLong(40);
        long blocks = b.getLong(48);
        long devMajor = Integer.toUnsignedLong(b.getInt(136));
        long devMinor = Integer.toUnsignedLong(b.getInt(140));
        long modified = b.getLong(112) * 1_000_000_000L + Integer.toUnsignedLong(b.getInt(120));
        return new Stat(mode, size, blocks * 512, devMajor << 32 | devMinor, uid, nlink, modified);
    }

    boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    boolean isRegularFile() {
        return (mode & S_IFMT) == S_IFREG;
    }

    boolean isSymbolicLink() {
        return (mode & S_IFMT) == S_IFLNK;
    }

    /** The permission bits (with setuid, setgid and sticky). */
    int permissions() {
        return mode & 07777;
    }
}
