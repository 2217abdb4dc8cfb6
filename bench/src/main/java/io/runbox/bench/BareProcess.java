package io.runbox.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a command unsandboxed the way the sandbox runs a box, minus the box: a {@link ProcessBuilder} with a
 * cleared environment, stdin fed and closed, stdout and stderr drained on virtual threads, then wait. What is
 * left when this is subtracted from a sandboxed run is the sandbox's own cost.
 */
final class BareProcess {
    private BareProcess() {
    }

    record Result(int exitCode, byte[] stdout, byte[] stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        String err() {
            return new String(stderr, StandardCharsets.UTF_8);
        }
    }

    static Result run(List<String> argv, Path dir, Map<String, String> env, byte[] stdin) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        AtomicReference<byte[]> err = new AtomicReference<>(new byte[0]);
        Thread errReader = Thread.ofVirtual().start(() -> err.set(readAll(p.getErrorStream())));
        Thread stdinWriter = Thread.ofVirtual().start(() -> feed(p.getOutputStream(), stdin));
        byte[] out = readAll(p.getInputStream());
        try {
            int exit = p.waitFor();
            errReader.join();
            stdinWriter.join();
            return new Result(exit, out, err.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void feed(OutputStream out, byte[] bytes) {
        try (out) {
            if (bytes != null) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // The program exited before reading its input; nothing wanted it.
        }
    }
}
