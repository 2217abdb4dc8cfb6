package io.runbox.sandbox;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The host's stand-in for one program in a reused box, in the JVM: it asks the box's {@code runbox-boxinit} for a run
 * over the box's socket, passing the program's stdin, stdout and stderr (pipes whose other ends this keeps) and the
 * run's cgroup files, then follows what the box says about the run. It "exits" as the program did: its exit status,
 * or 128+N for signal N, or 125 when the box failed or the run's pid 1 was killed before it said how the program
 * ended; {@link #destroy} before that gives 137, as a killed process would. What the box said is
 * {@link #status()}, never anything the program printed.
 *
 * <p>It holds no descriptor of the program's side of the pipes once the request is sent, so the program's output
 * ends when the program's does. A {@link PipeThread} per run reads the box's messages (blocking, on a connection
 * the box's init controls, so never a virtual thread); it ends when the box hangs up or {@link #destroy} ends the
 * connection. The box serves one request at a time: it must take this one within {@link #ACK_TIMEOUT_MS}.
 */
final class InitRun extends Process {
    /** How long the box may take to take a request: it serves one at a time and is idle when Runbox asks. */
    static final int ACK_TIMEOUT_MS = 10_000;
    /** What {@code runbox-boxinit} reads as one request or release (its MAX_REQUEST). */
    static final int MAX_REQUEST = 256 * 1024;

    private final int socket;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final InputStream stderr;
    private final CompletableFuture<Process> exit = new CompletableFuture<>();
    /** Guards the socket: it is used only while open; the reader closes it. */
    private final Object lock = new Object();
    private boolean closed;
    private boolean destroyed;
    private volatile boolean programStarted;
    private volatile String boxFailure;
    private volatile String execFailure;
    private volatile int exitValue;

    private InitRun(int socket, OutputStream stdin, InputStream stdout, InputStream stderr) {
        this.socket = socket;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Sends {@code request} (runbox-boxinit's "run", "prestart" or "ready" and their strings) to the box listening
     * at {@code boxSocket}, with the program's pipes and the run's cgroup files {@code cgroupProcs}.
     *
     * @param readerName the name of the thread that follows the run
     * @throws IOException when the request is malformed or too long, or the box cannot be reached: nothing runs then
     */
    static InitRun start(Path boxSocket, List<Path> cgroupProcs, List<String> request, String readerName)
            throws IOException {
        byte[] message = ReleaseMessage.strings(request, MAX_REQUEST);
        List<Integer> toClose = new ArrayList<>();
        List<AutoCloseable> ours = new ArrayList<>();
        int socket = -1;
        try {
            int[] in = pipe(toClose);
            int[] out = pipe(toClose);
            int[] err = pipe(toClose);
            int[] passed = new int[3 + cgroupProcs.size()];
            passed[0] = in[0];
            passed[1] = out[1];
            passed[2] = err[1];
            for (int i = 0; i < cgroupProcs.size(); i++) {
                passed[3 + i] = InitSocket.openForWriting(cgroupProcs.get(i));
                toClose.add(passed[3 + i]);
            }
            // The JDK's own streams over this side of the pipes: opened anew through this process's descriptors,
            // then the raw descriptors are closed with the rest.
            FileOutputStream toProgram = new FileOutputStream(ownDescriptor(in[1]));
            ours.add(toProgram);
            FileInputStream fromStdout = new FileInputStream(ownDescriptor(out[0]));
            ours.add(fromStdout);
            FileInputStream fromStderr = new FileInputStream(ownDescriptor(err[0]));
            ours.add(fromStderr);
            socket = InitSocket.connect(boxSocket);
            InitSocket.sendWithDescriptors(socket, message, passed);
            InitRun run = new InitRun(socket, toProgram, fromStdout, fromStderr);
            PipeThread.start(readerName, run::follow);
            return run;
        } catch (IOException | RuntimeException e) {
            InitSocket.closeQuietly(socket);
            for (AutoCloseable c : ours) {
                try {
                    c.close();
                } catch (Exception again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        } finally {
            // The box has its copies of what was passed; this side's were reopened as streams.
            toClose.forEach(InitSocket::closeQuietly);
        }
    }

    private static int[] pipe(List<Integer> toClose) throws IOException {
        int[] fds = InitSocket.pipe();
        toClose.add(fds[0]);
        toClose.add(fds[1]);
        return fds;
    }

    private static String ownDescriptor(int fd) {
        return "/proc/self/fd/" + fd;
    }

    /**
     * Sends the box's run, started ahead, its release: "go", then {@code strings} (the workspace's mount name, then
     * the arguments to add, or the whole argv for a run set up ahead).
     *
     * @throws IOException when a string holds a NUL byte, the release is too long, or the run is over
     */
    void release(List<String> strings) throws IOException {
        List<String> go = new ArrayList<>(strings.size() + 1);
        go.add("go");
        go.addAll(strings);
        byte[] message = ReleaseMessage.strings(go, MAX_REQUEST);
        synchronized (lock) {
            if (closed || destroyed) {
                throw new IOException("the run ended before its release");
            }
            InitSocket.send(socket, message);
        }
    }

    /** What the box said about this run; complete once this has exited. */
    BoxStatus status() {
        return new BoxStatus(programStarted, boxFailure, execFailure);
    }

    /** Reads the box's messages until it hangs up, then exits. */
    private void follow() {
        int status = 0;
        boolean haveStatus = false;
        try {
            byte[] buf = new byte[1100];
            boolean acked = false;
            while (true) {
                if (!acked && !InitSocket.awaitReadable(socket, ACK_TIMEOUT_MS)) {
                    failed("runbox-boxinit: the box did not take the request within " + ACK_TIMEOUT_MS + " ms");
                    break;
                }
                int n = InitSocket.receive(socket, buf);
                if (n == 0) {
                    break;
                }
                String m = new String(buf, 0, n, StandardCharsets.UTF_8);
                if (m.equals("ack")) {
                    acked = true;
                } else if (m.equals("exec")) {
                    programStarted = true;
                } else if (m.startsWith("status ")) {
                    status = Integer.parseInt(m.substring(7).strip());
                    haveStatus = true;
                } else if (m.startsWith("fail-exec ") && execFailure == null) {
                    execFailure = "runbox-boxexec: cannot exec " + m.substring(10);
                } else if (m.startsWith("fail ")) {
                    failed("runbox-boxinit: the box failed: " + m.substring(5));
                } else if (m.equals("done")) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            failed("runbox-boxinit: " + e.getMessage());
        } finally {
            synchronized (lock) {
                closed = true;
                InitSocket.closeQuietly(socket);
                exitValue = exitValue(haveStatus, status, destroyed);
            }
            exit.complete(this);
        }
    }

    private void failed(String why) {
        if (boxFailure == null) {
            boxFailure = why;
        }
    }

    /** The stand-in's exit value: the program's status, 128+N for signal N, 137 when killed first, else 125. */
    private int exitValue(boolean haveStatus, int status, boolean killed) {
        if (boxFailure != null || !haveStatus) {
            return killed ? 137 : 125;
        }
        int signal = status & 0x7f;
        if (signal == 0) {
            return (status >> 8) & 0xff;
        }
        return signal != 0x7f ? 128 + signal : 125;
    }

    @Override
    public OutputStream getOutputStream() {
        return stdin;
    }

    @Override
    public InputStream getInputStream() {
        return stdout;
    }

    @Override
    public InputStream getErrorStream() {
        return stderr;
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return exitValue;
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            exit.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return exit.copy();
    }

    @Override
    public int exitValue() {
        if (!exit.isDone()) {
            throw new IllegalThreadStateException("the run has not ended");
        }
        return exitValue;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    /**
     * Ends the connection: a run started ahead and not released ends (its pid 1 sees the host gone), and this exits
     * at once; a program already running is left to the run's cgroup, which the caller kills.
     */
    @Override
    public void destroy() {
        synchronized (lock) {
            destroyed = true;
            if (!closed) {
                InitSocket.shutdownQuietly(socket);
            }
        }
    }

    @Override
    public Process destroyForcibly() {
        destroy();
        return this;
    }

    /** Closes this side of the pipes; what the program still writes is lost. */
    void closeStreams() {
        for (AutoCloseable c : List.of(stdin, stdout, stderr)) {
            try {
                c.close();
            } catch (Exception e) {
                // Closing a pipe fails for nothing worth reporting.
            }
        }
    }
}
