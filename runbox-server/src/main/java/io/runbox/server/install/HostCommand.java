package io.runbox.server.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** A command of the installer on the host (apt-get, npm, mvn): its exit status and, unless shown, its output. */
record HostCommand(int status, String output) {

    boolean ok() {
        return status == 0;
    }

    /** Runs {@code argv} in {@code dir} and keeps what it prints (both streams, merged). */
    static HostCommand capture(List<String> argv, Path dir) throws IOException {
        Process p = start(argv, dir).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new HostCommand(waitFor(p), out);
    }

    /** Runs {@code argv} in {@code dir} with this process's output and error streams, for the operator to watch. */
    static HostCommand shown(List<String> argv, Path dir) throws IOException {
        Process p = start(argv, dir).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        return new HostCommand(waitFor(p), "");
    }

    private static ProcessBuilder start(List<String> argv, Path dir) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        return pb;
    }

    private static int waitFor(Process p) throws IOException {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
