// Runbox's warm compiler for Kotlin: one JVM that keeps kotlinc (K2JVMCompiler of the installed
// kotlin-compiler-embeddable) loaded and compiled, serving many compiles, one at a time.
//
// Started by Runbox in a box of its own, with its workspace at /box as the working directory, as
// `java -cp '<the artifact's lib>/*' ... .compile-driver.java`. It speaks the session driver protocol over stdin and
// stdout: the first line is the channel's secret nonce; then one request per line, "OP B64_ARG...", ("-" for an empty
// argument), and for the n-th request (from 1) the reply "\x1eRUNBOX NONCE n EXIT B64_STDOUT B64_STDERR CPU_MS",
// at the start of a line. Nothing else is written to stdout.
//   ping                          answers 0 once kotlinc is loaded and has compiled (the driver warms up first)
//   compile ARGS [NAME DATA]...   empties /box, writes each file NAME (a relative path Runbox checked) with DATA,
//                                 then runs kotlinc with ARGS (NUL-separated: the compile command after its program)
//                                 in /box, as the kotlinc command would: its exit code, what it printed, and the
//                                 CPU time this JVM spent on it.
// An unknown request is exit 2 with a message. Runbox checks the options and files it sends (no compiler plugins,
// scripts, argument files, class files or jars: nothing that loads code of a request here), so a compile here prints
// and writes what the kotlinc command prints and writes in a box of its own.

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jetbrains.kotlin.cli.common.ExitCode;
import org.jetbrains.kotlin.cli.jvm.K2JVMCompiler;

public class KotlincDriver {
    private static final Path WORKSPACE = Path.of("/box");
    private static final String WARM_UP_SOURCE = """
            data class Point(val x: Int, val y: Int)

            fun main(args: Array<String>) {
                val points = (0 until 10).map { Point(it, it * it) }
                val names = points.filter { it.x % 2 == 0 }.associate { it.x to it.y.toString() }
                println("$names ${points.size} ${args.joinToString()}")
            }
            """;

    public static void main(String[] args) throws IOException {
        List<String> warmArgs = List.of(args);
        warmUp(warmArgs);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String nonce = in.readLine();
        if (nonce == null) {
            return;
        }
        long calls = 0;
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank()) {
                continue;
            }
            calls++;
            String[] parts = line.trim().split(" ");
            Answer a;
            try {
                a = switch (parts[0]) {
                    case "ping" -> new Answer(0, new byte[0], new byte[0], 0);
                    case "compile" -> compile(parts);
                    default -> new Answer(2, new byte[0], bytes("unknown request " + parts[0] + "\n"), 0);
                };
            } catch (IOException | RuntimeException e) {
                a = new Answer(3, new byte[0], bytes("runbox warm compiler: " + e + "\n"), 0);
            }
            out.print("\n\u001eRUNBOX " + nonce + " " + calls + " " + a.exit + " " + b64(a.stdout) + " " + b64(a.stderr)
                    + " " + a.cpuMs + "\n");
            out.flush();
        }
    }

    private record Answer(int exit, byte[] stdout, byte[] stderr, long cpuMs) {
    }

    private static Answer compile(String[] parts) throws IOException {
        if (parts.length < 2 || parts.length % 2 != 0) {
            return new Answer(2, new byte[0], bytes("compile takes ARGS and NAME DATA pairs\n"), 0);
        }
        empty(WORKSPACE);
        for (int i = 2; i < parts.length; i += 2) {
            Path file = WORKSPACE.resolve(new String(decode(parts[i]), StandardCharsets.UTF_8)).normalize();
            if (!file.startsWith(WORKSPACE) || file.equals(WORKSPACE)) {
                return new Answer(2, new byte[0], bytes("a file name outside the workspace\n"), 0);
            }
            Files.createDirectories(file.getParent());
            Files.write(file, decode(parts[i + 1]), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        String joined = new String(decode(parts[1]), StandardCharsets.UTF_8);
        List<String> argv = new ArrayList<>(joined.isEmpty() ? List.of() : List.of(joined.split("\0", -1)));
        long cpu0 = cpuNanos();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int exit = run(argv, stderr);
        long cpuMs = (cpuNanos() - cpu0) / 1_000_000;
        return new Answer(exit, new byte[0], stderr.toByteArray(), Math.max(0, cpuMs));
    }

    /** One kotlinc run, as the kotlinc command: its messages on {@code stderr}, its exit code. */
    private static int run(List<String> argv, ByteArrayOutputStream stderr) {
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        ExitCode code = new K2JVMCompiler().exec(err, argv.toArray(new String[0]));
        err.flush();
        return code.getCode();
    }

    /**
     * Compiles a small program a few times in a folder of /tmp with the compile command's own options (this
     * driver's arguments, which end with where the output goes), so that the first request finds kotlinc compiled.
     */
    private static void warmUp(List<String> options) throws IOException {
        Path dir = Files.createTempDirectory("warm");
        Path source = dir.resolve("warm.kt");
        Files.writeString(source, WARM_UP_SOURCE);
        for (int i = 0; i < 4; i++) {
            List<String> argv = new ArrayList<>(options);
            argv.addAll(List.of("-d", dir.resolve("out").toString(), source.toString()));
            run(argv, new ByteArrayOutputStream());
        }
        empty(dir);
        Files.delete(dir);
    }

    /** Deletes everything under {@code dir}, never following a link (a link is deleted, not what it names). */
    private static void empty(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                if (!d.equals(dir)) {
                    Files.delete(d);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static byte[] decode(String b64) {
        return b64.equals("-") ? new byte[0] : Base64.getDecoder().decode(b64);
    }

    private static String b64(byte[] b) {
        return b.length == 0 ? "-" : Base64.getEncoder().encodeToString(b);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
