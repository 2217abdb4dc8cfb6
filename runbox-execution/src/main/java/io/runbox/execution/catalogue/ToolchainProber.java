package io.runbox.execution.catalogue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the installed toolchains of a language: expands the discovery glob, keeps executables whose name
 * matches, de-duplicates by real path, runs the version command of each and names it by the compiler id
 * template. Toolchains that do not answer are left out, with the reason logged; two that earn the same id keep the
 * newer. A probe takes at most its timeout per toolchain, whatever the version command does: one that hangs, or
 * leaves a child holding its output open, is killed with everything it started. Discovery always runs; a
 * {@link ProbeCache} only spares the version command of a toolchain that has not changed.
 */
public final class ToolchainProber {
    private static final Logger LOG = LoggerFactory.getLogger(ToolchainProber.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(major|minor|patch|version)}");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_OUTPUT = 64 * 1024;
    private static final String BWRAP = "/usr/bin/bwrap";

    private final Path prefix;
    private final Duration timeout;
    private final BiConsumer<Path, String> skipped;
    private final ProbeCache cache;

    /** @param prefix Runbox's own toolchain prefix, substituted for {@code {prefix}} */
    public ToolchainProber(Path prefix) {
        this(prefix, ProbeCache.none());
    }

    /** @param cache the versions read earlier; a discovered toolchain it answers for runs no version command */
    public ToolchainProber(Path prefix, ProbeCache cache) {
        this(prefix, TIMEOUT, (tool, reason) -> LOG.warn("toolchain {} left out: {}", tool, reason), cache);
    }

    /**
     * @param timeout how long a version command may take; past it, it is killed and its toolchain left out
     * @param skipped told of every toolchain found but left out, and why
     */
    ToolchainProber(Path prefix, Duration timeout, BiConsumer<Path, String> skipped) {
        this(prefix, timeout, skipped, ProbeCache.none());
    }

    ToolchainProber(Path prefix, Duration timeout, BiConsumer<Path, String> skipped, ProbeCache cache) {
        this.prefix = prefix;
        this.timeout = timeout;
        this.skipped = skipped;
        this.cache = cache;
    }

    public List<Compiler> probe(LanguageDefinition def) {
        LanguageDefinition.ToolchainSpec spec = def.toolchain();
        Path root = spec.image() == null ? null : ImageRoot.of(prefix, spec.image());
        Map<String, Compiler> byId = new LinkedHashMap<>();
        for (Path tool : root == null ? candidates(spec) : candidates(spec, root)) {
            Path onHost = root == null ? tool : ImageRoot.onHost(root, tool);
            Optional<Version> version = cache.version(def, prefix, onHost).or(() -> version(spec, tool, root));
            if (version.isEmpty()) {
                continue;
            }
            cache.remember(def, prefix, onHost, version.get());
            String id = compilerId(spec.compilerId(), version.get());
            Compiler c = new Compiler(id, version.get(), tool, def, root);
            byId.merge(id, c, (a, b) -> a.version().compareTo(b.version()) >= 0 ? a : b);
        }
        List<Compiler> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparing(Compiler::version).reversed());
        return list;
    }

    /**
     * Whether the version command reads a file of Runbox's own prefix (an npm package's, such as PGlite's) that is not
     * there: then the package is not installed, which is nothing to report (its language is simply missing).
     */
    private boolean packageMissing(LanguageDefinition.ToolchainSpec spec) {
        return spec.versionCommand().stream().filter(s -> s.startsWith("{prefix}/"))
                .anyMatch(s -> !Files.exists(Path.of(s.replace("{prefix}", prefix.toString()))));
    }

    static String compilerId(String template, Version v) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "major" -> Integer.toString(v.major());
                case "minor" -> Integer.toString(v.minor());
                case "patch" -> Integer.toString(v.patch());
                default -> v.toString();
            };
            m.appendReplacement(sb, value);
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private List<Path> candidates(LanguageDefinition.ToolchainSpec spec) {
        String glob = spec.discover().replace("{prefix}", prefix.toString());
        Path root = Path.of("/");
        Pattern name = spec.match() == null ? null : Pattern.compile(spec.match());
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        Path base = fixedPrefix(glob);
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(base)) {
            return found;
        }
        int depth = Path.of(glob).getNameCount() - base.getNameCount();
        try (Stream<Path> walk = Files.walk(base, depth)) {
            walk.filter(matcher::matches)
                    .filter(p -> name == null || name.matcher(p.getFileName().toString()).matches())
                    .filter(Files::isExecutable)
                    .map(ToolchainProber::real)
                    .distinct()
                    .forEach(found::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            // An unreadable directory hides its toolchains; the others still count.
        }
        return found;
    }

    /**
     * The candidates of a kind that lives in the root image {@code root}: the discovery glob read inside the image,
     * each match's links resolved inside it; paths as the box sees them.
     */
    private List<Path> candidates(LanguageDefinition.ToolchainSpec spec, Path root) {
        String glob = spec.discover();
        Pattern name = spec.match() == null ? null : Pattern.compile(spec.match());
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        Path base = fixedPrefix(glob);
        List<Path> found = new ArrayList<>();
        Optional<Path> realBase = ImageRoot.realPath(root, base);
        if (realBase.isEmpty() || !Files.isDirectory(ImageRoot.onHost(root, realBase.get()), LinkOption.NOFOLLOW_LINKS)) {
            return found;
        }
        Path hostBase = ImageRoot.onHost(root, realBase.get());
        int depth = Path.of(glob).getNameCount() - base.getNameCount();
        try (Stream<Path> walk = Files.walk(hostBase, depth)) {
            walk.map(p -> base.resolve(hostBase.relativize(p).toString()))
                    .filter(matcher::matches)
                    .filter(p -> name == null || name.matcher(p.getFileName().toString()).matches())
                    .map(p -> ImageRoot.realPath(root, p))
                    .flatMap(Optional::stream)
                    .filter(p -> Files.isRegularFile(ImageRoot.onHost(root, p), LinkOption.NOFOLLOW_LINKS)
                            && Files.isExecutable(ImageRoot.onHost(root, p)))
                    .distinct()
                    .forEach(found::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            // An unreadable directory hides its toolchains; the others still count.
        }
        return found;
    }

    private static Path fixedPrefix(String glob) {
        Path p = Path.of(glob);
        Path base = p.getRoot() == null ? Path.of(".") : p.getRoot();
        for (Path part : p) {
            if (part.toString().matches(".*[*?\\[{].*")) {
                break;
            }
            base = base.resolve(part);
        }
        return base.equals(p) ? p.getParent() : base;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    private Optional<Version> version(LanguageDefinition.ToolchainSpec spec, Path tool, Path root) {
        if (root == null && packageMissing(spec)) {
            return Optional.empty();
        }
        List<String> cmd = spec.versionCommand().stream()
                .map(s -> s.replace("{tool}", tool.toString()).replace("{prefix}", prefix.toString()))
                .toList();
        if (root != null) {
            cmd = inImage(root, cmd);
        }
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", "/tmp", "LANG", "C.UTF-8"));
            p = pb.start();
            p.getOutputStream().close();
        } catch (IOException e) {
            skipped.accept(tool, "its version command " + cmd + " cannot start: " + e.getMessage());
            return Optional.empty();
        }
        try {
            // Read on a thread of its own: a version command that hangs, or leaves a child holding its output
            // open, must not hold the probe past its timeout. What it printed before it exited counts either way.
            java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
            FutureTask<Void> output = new FutureTask<>(() -> {
                byte[] buf = new byte[4096];
                int n;
                while (seen.size() < MAX_OUTPUT && (n = p.getInputStream().read(buf)) >= 0) {
                    synchronized (seen) {
                        seen.write(buf, 0, n);
                    }
                }
                return null;
            });
            Thread.ofPlatform().daemon().name("runbox-probe-" + tool.getFileName()).start(output);
            long deadline = System.nanoTime() + timeout.toNanos();
            if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                skipped.accept(tool, "its version command " + cmd + " did not finish in " + timeout.toSeconds() + " s");
                return Optional.empty();
            }
            try {
                output.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // A process it started keeps the output open: what the command printed before it exited is read.
            }
            String out;
            synchronized (seen) {
                out = seen.toString(StandardCharsets.UTF_8);
            }
            Matcher m = Pattern.compile(spec.versionRegex()).matcher(out);
            if (!m.find()) {
                skipped.accept(tool, "the output of " + cmd + " does not match " + spec.versionRegex() + ": "
                        + out.substring(0, Math.min(out.length(), 300)).strip());
                return Optional.empty();
            }
            return Optional.of(Version.parse(m.group(1)));
        } catch (ExecutionException | IllegalArgumentException e) {
            skipped.accept(tool, "its version cannot be read: " + (e.getCause() != null ? e.getCause() : e).getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            killTree(p);
        }
    }

    /**
     * {@code cmd} run with the root image as {@code /}: a bubblewrap box of its own (no network, a private
     * {@code /proc}, {@code /dev} and {@code /tmp}, no capabilities) that sees nothing of the host's system.
     */
    static List<String> inImage(Path root, List<String> cmd) {
        List<String> wrapped = new ArrayList<>(List.of(BWRAP, "--ro-bind", root.toString(), "/", "--proc", "/proc",
                "--dev", "/dev", "--tmpfs", "/tmp", "--unshare-all", "--die-with-parent", "--new-session",
                "--cap-drop", "ALL", "--"));
        wrapped.addAll(cmd);
        return wrapped;
    }

    /** The version command and anything it started: nothing of a probe outlives it. */
    private static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.getInputStream().close();
        } catch (IOException e) {
            // Closing a pipe we only read from; nothing to do.
        }
    }
}
