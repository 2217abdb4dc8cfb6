package io.runbox.execution.hostile;

import io.runbox.core.Limits;
import io.runbox.core.Status;
import io.runbox.execution.Quantities;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One program of the hostile corpus ({@code tests/hostile/}) and the expectations in its header: the
 * leading comment lines ({@code #} or {@code //}) of the form {@code key: value}.
 *
 * <ul>
 *   <li>{@code expect: STATUS} (required) &mdash; the {@link Status} the run must end with</li>
 *   <li>{@code limits: wall=2s memory=128m [pids=N] [output=10m] [fsize=64m]} &mdash; run-stage limits</li>
 *   <li>{@code stdout-matches: REGEX} / {@code stdout-not-matches: REGEX} &mdash; repeatable, {@code find()}</li>
 *   <li>{@code exit: N}, {@code signal: N|none}, {@code truncated: true|false} &mdash; exact values</li>
 *   <li>{@code max-wall-ms: N} &mdash; the whole execution (including teardown) must return within N ms</li>
 *   <li>{@code host-absent: PATH} &mdash; repeatable; must not exist on the host before or after the run</li>
 *   <li>{@code host-canary: DIR} &mdash; the test creates {@code DIR/keep.txt} and checks it survives</li>
 *   <li>{@code host-listen: PORT} &mdash; the test listens on the host's 127.0.0.1:PORT; nobody may connect</li>
 *   <li>{@code host-no-process: TEXT} &mdash; afterwards no host process may have TEXT in its command line</li>
 *   <li>{@code healthy-after: true} &mdash; a trivial program must still run fine afterwards</li>
 * </ul>
 */
public record CorpusFile(
        Path path,
        String extension,
        String code,
        Status expect,
        Limits limits,
        List<Pattern> stdoutMatches,
        List<Pattern> stdoutNotMatches,
        Integer exitCode,
        boolean signalSet,
        Integer signal,
        Boolean truncated,
        Long maxWallMs,
        List<Path> hostAbsent,
        Path hostCanary,
        Integer hostListen,
        List<String> hostNoProcess,
        boolean healthyAfter) {

    private static final Pattern HEADER = Pattern.compile("^\\s*(?:#|//)\\s*([a-z][a-z-]*):\\s?(.*)$");

    public static CorpusFile parse(Path path) throws IOException {
        String code = Files.readString(path, StandardCharsets.UTF_8);
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException(name + ": no extension, so no language");
        }
        Status expect = null;
        Limits limits = Limits.UNSET;
        List<Pattern> matches = new ArrayList<>();
        List<Pattern> notMatches = new ArrayList<>();
        Integer exit = null;
        boolean signalSet = false;
        Integer signal = null;
        Boolean truncated = null;
        Long maxWall = null;
        List<Path> absent = new ArrayList<>();
        Path canary = null;
        Integer listen = null;
        List<String> noProcess = new ArrayList<>();
        boolean healthy = false;
        for (String line : code.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#!")) {
                continue;
            }
            if (!trimmed.startsWith("#") && !trimmed.startsWith("//")) {
                break; // the header is the leading comment block
            }
            Matcher m = HEADER.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String value = m.group(2).strip();
            switch (m.group(1)) {
                case "expect" -> expect = Status.valueOf(value.toUpperCase(Locale.ROOT));
                case "limits" -> limits = parseLimits(name, value);
                case "stdout-matches" -> matches.add(Pattern.compile(value));
                case "stdout-not-matches" -> notMatches.add(Pattern.compile(value));
                case "exit" -> exit = Integer.parseInt(value);
                case "signal" -> {
                    signalSet = true;
                    signal = value.equals("none") ? null : Integer.parseInt(value);
                }
                case "truncated" -> truncated = Boolean.parseBoolean(value);
                case "max-wall-ms" -> maxWall = Long.parseLong(value);
                case "host-absent" -> absent.add(Path.of(value));
                case "host-canary" -> canary = Path.of(value);
                case "host-listen" -> listen = Integer.parseInt(value);
                case "host-no-process" -> noProcess.add(value);
                case "healthy-after" -> healthy = Boolean.parseBoolean(value);
                default -> {
                    // Prose in the comment block that happens to look like "word: text".
                }
            }
        }
        if (expect == null) {
            throw new IllegalArgumentException(name + ": no 'expect: STATUS' header");
        }
        for (Path p : absent) {
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException(name + ": host-absent path must be absolute: " + p);
            }
        }
        return new CorpusFile(path, name.substring(dot + 1), code, expect, limits, List.copyOf(matches),
                List.copyOf(notMatches), exit, signalSet, signal, truncated, maxWall, List.copyOf(absent), canary,
                listen, List.copyOf(noProcess), healthy);
    }

    /** The wall-time limit of the run, or the engine's default of 30 s when the header sets none. */
    public Duration wallTime() {
        return limits.wallTime() != null ? limits.wallTime() : Limits.DEFAULTS.wallTime();
    }

    public String name() {
        return path.getFileName().toString();
    }

    private static Limits parseLimits(String file, String spec) {
        Duration wall = null;
        Long memory = null;
        Integer pids = null;
        Long output = null;
        Long fsize = null;
        for (String kv : spec.trim().split("\\s+")) {
            int eq = kv.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(file + ": bad limit '" + kv + "' (want key=value)");
            }
            String v = kv.substring(eq + 1);
            switch (kv.substring(0, eq)) {
                case "wall" -> wall = Quantities.duration(v);
                case "memory" -> memory = Quantities.bytes(v);
                case "pids" -> pids = Integer.parseInt(v);
                case "output" -> output = Quantities.bytes(v);
                case "fsize" -> fsize = Quantities.bytes(v);
                default -> throw new IllegalArgumentException(file + ": unknown limit '" + kv + "'");
            }
        }
        return new Limits(wall, memory, pids, null, output, fsize, null);
    }
}
