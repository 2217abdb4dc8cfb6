package io.runbox.execution.catalogue;

import io.runbox.execution.BoxEnvironment;
import io.runbox.execution.CommandTemplate;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a program on the host the two ways a box can: a cold start of its language's run command, and the same
 * command started ahead with the language's {@link PrestartSpec} hook, then released. Both run in one working
 * directory path, as {@code /box} is one path in the box: the pre-started runtime starts in it while it is
 * empty; before the release the directory is moved away and a new one with the program made at the same path,
 * which is what mounting the workspace over {@code /box} does to a process sitting in it. Both start through
 * {@code env -i} with the variables in a fixed order, so that the environment's order is the box's too.
 */
final class PrestartHarness {
    /** The descriptor the release arrives on; a high one, so that the runtime's own descriptors are a cold start's. */
    static final int RELEASE_FD = 100;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** The memory a run command is told it has (the JVM sizes its heap from it). */
    private static final long MEMORY_BYTES = 512L << 20;

    private final Compiler compiler;
    private final Path prefix;
    private final Path box;
    private final Path scratch;
    private int starts;

    PrestartHarness(Compiler compiler, Path prefix, Path scratch) {
        this.compiler = compiler;
        this.prefix = prefix;
        this.scratch = scratch;
        this.box = scratch.resolve("box");
    }

    /** What a run left: its output as bytes (ISO-8859-1, so that equal strings are equal bytes) and its status. */
    record Outcome(String stdout, String stderr, int exit, long firstOutputNanos) {
    }

    /** A run's program, arguments, standard input, extra environment, and whether stderr goes into stdout. */
    record Program(Path dir, List<String> args, String stdin, Map<String, String> env, boolean merged) {
    }

    /** The working directory both kinds of run use. */
    Path box() {
        return box;
    }

    Outcome cold(Program program) throws Exception {
        reset(box);
        copyTree(program.dir(), box);
        long start = System.nanoTime();
        Process p = start(List.of("bash", "-c", "ulimit -c 0; exec env -i \"$@\"", "bash"),
                environment(program), command(program.args()), program.merged());
        return finish(p, program, start);
    }

    /**
     * A pre-started run of {@code program}. A hook loaded by the run command's own runtime gets the arguments with
     * its release; a runtime started by a command of its own ({@link PrestartSpec#command}) is started with them, as
     * the box starts it, and its release carries the directory alone.
     */
    Outcome prestarted(Program program) throws Exception {
        boolean ownCommand = compiler.language().prestart().command() != null;
        return prestarted(program, release(box.toString(), ownCommand ? List.of() : program.args()));
    }

    /** Starts the runtime pre-started, waits until its hook blocks on the release, then sends {@code release}. */
    Outcome prestarted(Program program, byte[] release) throws Exception {
        reset(box);
        Path fifo = scratch.resolve("release-" + (++starts));
        mkfifo(fifo);
        Process p = start(List.of("bash", "-c", "ulimit -c 0; exec " + RELEASE_FD + "<\"$0\"; exec env -i \"$@\"",
                fifo.toString()), prestartEnvironment(program), prestartCommand(program.args()), program.merged());
        try (OutputStream releasePipe = CompletableFuture.supplyAsync(() -> openForWriting(fifo),
                Executors.newVirtualThreadPerTaskExecutor()).get(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            awaitBlockedInHook(p);
            Files.move(box, scratch.resolve("stale-" + starts));
            Files.createDirectories(box);
            copyTree(program.dir(), box);
            long released = System.nanoTime();
            releasePipe.write(release);
            releasePipe.close();
            return finish(p, program, released);
        } finally {
            p.destroyForcibly();
        }
    }

    /** The release message: an 8-byte big-endian length, then NUL-terminated strings. */
    static byte[] release(String dir, List<String> args) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String s : Stream.concat(Stream.of(dir), args.stream()).toList()) {
            body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        }
        return withLength(body.size(), body.toByteArray());
    }

    static byte[] withLength(long length, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (length >>> shift));
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    private List<String> command(List<String> args) {
        return CommandTemplate.expand(compiler.language().run(), values(args));
    }

    private CommandTemplate.Values values(List<String> args) {
        String file = compiler.language().sourceFile();
        return new CommandTemplate.Values(compiler, prefix.toString(), file, List.of(file), List.of(), args,
                MEMORY_BYTES);
    }

    /**
     * What is started ahead: the language's pre-start command (with {@code args}, the hook's box folder replaced by
     * its folder on the host) when it has one, else the run command without arguments (they come with the release).
     */
    private List<String> prestartCommand(List<String> args) {
        PrestartSpec spec = compiler.language().prestart();
        if (spec.command() == null) {
            return command(List.of());
        }
        String hostDir = spec.hostDir(compiler.language().dir()).toString();
        return CommandTemplate.expand(spec.command(), values(args)).stream()
                .map(e -> e.replace(PrestartSpec.BOX_DIR, hostDir)).toList();
    }

    /** The box's environment for the language (in name order) with the program's own after it. */
    private Map<String, String> environment(Program program) {
        Map<String, String> env = new LinkedHashMap<>(new TreeMap<>(BoxEnvironment.env(compiler.language(), prefix)));
        env.putAll(program.env());
        return env;
    }

    /**
     * As the box starts a pre-started runtime: each hook variable replaces the command's own in place (whose value
     * moves to {@code RUNBOX_PRESTART_SAVED_<NAME>}) or is added, and the release descriptor's variable is added.
     * The hook's box path is replaced by its folder on the host.
     */
    private Map<String, String> prestartEnvironment(Program program) {
        PrestartSpec spec = compiler.language().prestart();
        String hostDir = spec.hostDir(compiler.language().dir()).toString();
        Map<String, String> env = environment(program);
        Map<String, String> saved = new LinkedHashMap<>();
        new TreeMap<>(spec.env()).forEach((name, value) -> {
            String old = env.put(name, value.replace(PrestartSpec.BOX_DIR, hostDir));
            if (old != null) {
                saved.put(PrestartSpec.RESERVED_PREFIX + "SAVED_" + name, old);
            }
        });
        env.putAll(saved);
        env.put(PrestartSpec.RESERVED_PREFIX + "FD", Integer.toString(RELEASE_FD));
        return env;
    }

    private Process start(List<String> launcher, Map<String, String> env, List<String> command, boolean merged)
            throws IOException {
        List<String> argv = new ArrayList<>(launcher);
        env.forEach((k, v) -> argv.add(k + "=" + v));
        argv.addAll(command);
        return new ProcessBuilder(argv).directory(box.toFile()).redirectErrorStream(merged).start();
    }

    private static Outcome finish(Process p, Program program, long since) throws Exception {
        var exec = Executors.newVirtualThreadPerTaskExecutor();
        CompletableFuture<Read> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream(), since), exec);
        CompletableFuture<Read> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream(), since), exec);
        CompletableFuture.runAsync(() -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write(program.stdin().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the program ended without reading all of it, as it may
            }
        }, exec);
        if (!p.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("no exit within " + PATIENCE);
        }
        Read stdout = out.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        return new Outcome(stdout.text(), err.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).text(), p.exitValue(),
                stdout.firstByteNanos());
    }

    private record Read(String text, long firstByteNanos) {
    }

    /** Reads {@code in} to its end, noting the nanoseconds from {@code since} to its first byte. */
    private static Read readAll(InputStream in, long since) {
        try (in) {
            int b = in.read();
            long first = System.nanoTime() - since;
            if (b < 0) {
                return new Read("", first);
            }
            return new Read((char) b + new String(in.readAllBytes(), StandardCharsets.ISO_8859_1), first);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until a thread of the process sits in {@code read(RELEASE_FD, ...)}, as {@code /proc/<pid>/task/<tid>/syscall}
     * shows (the JVM starts in a thread of its launcher's).
     */
    private static void awaitBlockedInHook(Process p) throws Exception {
        Path tasks = Path.of("/proc", Long.toString(p.pid()), "task");
        String blocked = "0 0x" + Integer.toHexString(RELEASE_FD) + " ";
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("the pre-started runtime ended before its release: " + p.exitValue()
                        + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            try (Stream<Path> threads = Files.list(tasks)) {
                for (Path thread : threads.toList()) {
                    if (Files.readString(thread.resolve("syscall")).startsWith(blocked)) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the process is between execs, or a thread ended
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the runtime never blocked reading descriptor " + RELEASE_FD);
    }

    private static OutputStream openForWriting(Path fifo) {
        try {
            return new FileOutputStream(fifo.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mkfifo(Path fifo) throws Exception {
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("mkfifo " + fifo + " failed");
        }
    }

    private static void reset(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
