package io.runbox.sandbox;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The C library calls that speak to a reused box's {@code runbox-boxinit} from the JVM, bound directly with JNA (the
 * JDK cannot pass descriptors over a unix socket): a {@code SOCK_SEQPACKET} connection to the box's listening
 * socket (made by root on the host, in Runbox's own directory), a request sent with descriptors
 * ({@code SCM_RIGHTS}), messages, pipes and the run's cgroup files. Every descriptor is close-on-exec. The layouts
 * are those of 64-bit Linux (x86_64 and aarch64).
 */
final class InitSocket {
    private static final int AF_UNIX = 1;
    private static final int SOCK_SEQPACKET = 5;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int O_WRONLY = 1;
    private static final int O_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int SHUT_RDWR = 2;
    private static final short POLLIN = 1;
    private static final int EINTR = 4;
    /** {@code sizeof(struct sockaddr_un)}: the family, then a path of at most 107 bytes and its NUL. */
    private static final int SOCKADDR_UN = 110;

    static {
        Native.register(InitSocket.class, NativeLibrary.getInstance("c"));
    }

    private InitSocket() {
    }

    private static native int socket(int domain, int type, int protocol) throws LastErrorException;

    private static native int connect(int fd, byte[] addr, int len) throws LastErrorException;

    private static native long sendmsg(int fd, Pointer msg, int flags) throws LastErrorException;

    private static native long send(int fd, byte[] buf, long len, int flags) throws LastErrorException;

    private static native long recv(int fd, byte[] buf, long len, int flags) throws LastErrorException;

    private static native int poll(byte[] fds, long nfds, int timeoutMs) throws LastErrorException;

    private static native int shutdown(int fd, int how) throws LastErrorException;

    private static native int close(int fd) throws LastErrorException;

    private static native int pipe2(int[] fds, int flags) throws LastErrorException;

    private static native int open(byte[] path, int flags, int mode) throws LastErrorException;

    /** A connection to the box listening at {@code path}. */
    static int connect(Path path) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= SOCKADDR_UN - 2) {
            throw new IOException("the box's socket path is too long: " + path);
        }
        byte[] addr = new byte[SOCKADDR_UN];
        addr[0] = AF_UNIX; // sa_family_t, little-endian on both supported architectures
        System.arraycopy(name, 0, addr, 2, name.length);
        int fd = call("socket", () -> socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0));
        try {
            call("cannot reach the box", () -> connect(fd, addr, addr.length));
        } catch (IOException e) {
            closeQuietly(fd);
            throw e;
        }
        return fd;
    }

    /** Sends {@code message} in one packet with {@code fds} attached; the box has its own copies once this returns. */
    static void sendWithDescriptors(int socket, byte[] message, int[] fds) throws IOException {
        int cmsgLen = 16 + 4 * fds.length;
        int cmsgSpace = (cmsgLen + 7) & ~7;
        try (Memory data = new Memory(Math.max(1, message.length));
             Memory control = new Memory(cmsgSpace);
             Memory iov = new Memory(16);
             Memory msg = new Memory(56)) {
            data.write(0, message, 0, message.length);
            control.clear();
            control.setLong(0, cmsgLen);
            control.setInt(8, SOL_SOCKET);
            control.setInt(12, SCM_RIGHTS);
            control.write(16, fds, 0, fds.length);
            iov.setPointer(0, data);
            iov.setLong(8, message.length);
            msg.clear();
            msg.setPointer(16, iov);
            msg.setLong(24, 1);
            msg.setPointer(32, control);
            msg.setLong(40, cmsgSpace);
            call("cannot send the request", () -> (int) sendmsg(socket, msg, MSG_NOSIGNAL));
        }
    }

    /** Sends {@code message} in one packet. */
    static void send(int socket, byte[] message) throws IOException {
        call("cannot send to the box", () -> (int) send(socket, message, message.length, MSG_NOSIGNAL));
    }

    /** One packet into {@code buf} (the rest of a longer one is dropped): its length, or 0 once the box hung up. */
    static int receive(int socket, byte[] buf) throws IOException {
        return call("lost the box", () -> (int) recv(socket, buf, buf.length, 0));
    }

    /** Whether {@code socket} has something to read (or hung up) within {@code timeoutMs}. */
    static boolean awaitReadable(int socket, int timeoutMs) throws IOException {
        byte[] pollfd = new byte[8];
        pollfd[0] = (byte) socket;
        pollfd[1] = (byte) (socket >>> 8);
        pollfd[2] = (byte) (socket >>> 16);
        pollfd[3] = (byte) (socket >>> 24);
        pollfd[4] = (byte) POLLIN;
        return call("poll", () -> poll(pollfd, 1, timeoutMs)) > 0;
    }

    /** Ends the connection both ways, waking a thread blocked reading it; the descriptor stays open. */
    static void shutdownQuietly(int socket) {
        try {
            shutdown(socket, SHUT_RDWR);
        } catch (LastErrorException e) {
            // Not connected any more: nothing to end.
        }
    }

    /** A pipe: its read end, then its write end. */
    static int[] pipe() throws IOException {
        int[] fds = new int[2];
        call("pipe", () -> pipe2(fds, O_CLOEXEC));
        return fds;
    }

    /** Opens a file Runbox made (a cgroup's procs file) for writing. */
    static int openForWriting(Path file) throws IOException {
        byte[] path = (file + "\0").getBytes(StandardCharsets.UTF_8);
        return call("cannot open " + file, () -> open(path, O_WRONLY | O_CLOEXEC, 0));
    }

    static void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                close(fd);
            } catch (LastErrorException e) {
                // EBADF or EINTR: the descriptor is gone either way.
            }
        }
    }

    private interface Call {
        int run() throws LastErrorException;
    }

    /** Runs {@code call}, again after EINTR. */
    private static int call(String what, Call call) throws IOException {
        while (true) {
            try {
                return call.run();
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EINTR) {
                    throw new IOException(what + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
