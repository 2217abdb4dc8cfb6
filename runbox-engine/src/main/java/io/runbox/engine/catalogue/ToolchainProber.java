package io.runbox.engine.catalogue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the installed toolchains of a language: expands the discovery glob, keeps executables whose name
 * matches, de-duplicates by real path, runs the version command of each and names it by the compiler id
 * template. Toolchains that do not answer are left out; two that earn the same id keep the newer.
 */
public final class ToolchainProber {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(major|minor|patch|version)}");
    private final Path prefix;

    /** @param prefix Runbox's own toolchain prefix, substituted for {@code {prefix}} */
    public ToolchainProber(Path prefix) {
        this.prefix = prefix;
    }

    public List<Compiler> probe(LanguageDefinition def) {
        LanguageDefinition.ToolchainSpec spec = def.toolchain();
        Map<String, Compiler> byId = new LinkedHashMap<>();
        for (Path tool : candidates(spec)) {
            Optional<Version> version = version(spec, tool);
            if (version.isEmpty()) {
                continue;
            }
            String id = compilerId(spec.compilerId(), version.get());
            Compiler c = new Compiler(id, version.get(), tool, def);
            byId.merge(id, c, (a, b) -> a.version().compareTo(b.version()) >= 0 ? a : b);
        }
        List<Compiler> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparing(Compiler::version).reversed());
        return list;
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

    private Optional<Version> version(LanguageDefinition.ToolchainSpec spec, Path tool) {
        List<String> cmd = spec.versionCommand().stream()
                .map(s -> s.replace("{tool}", tool.toString()).replace("{prefix}", prefix.toString()))
                .toList();
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", "/tmp", "LANG", "C.UTF-8"));
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(64 * 1024);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            Matcher m = Pattern.compile(spec.versionRegex()).matcher(new String(out, StandardCharsets.UTF_8));
            return m.find() ? Optional.of(Version.parse(m.group(1))) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
