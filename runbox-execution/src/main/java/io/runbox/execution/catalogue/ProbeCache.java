package io.runbox.execution.catalogue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versions earlier probes read, so that a start runs a toolchain's version command only when something changed.
 * An answer is reused for a toolchain when its definition ({@code language.yaml}'s bytes, and the prefix) and its
 * executable (real path, modification time, size, inode) are all the same as when it was read; anything else probes
 * again. The cache only ever answers "which version" for an executable the prober discovered itself from
 * {@code language.yaml}: it never adds a toolchain or a path. A file that is not a regular file of this user, that
 * others may write, that is too large or does not parse is ignored (and replaced at the next {@link #save}).
 */
public final class ProbeCache {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeCache.class);
    private static final int FORMAT = 1;
    private static final long MAX_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One version read: of the executable {@code tool} as {@code stamp} describes it, under {@code definition}. */
    record Entry(String definition, String tool, String stamp, String version) {
    }

    /** The file's content. */
    record Content(int format, List<Entry> entries) {
    }

    private record Key(String definition, String tool, String stamp) {
    }

    private final Path file;
    private final Map<Key, Version> known;
    private final Map<Key, Version> read = new ConcurrentHashMap<>();

    private ProbeCache(Path file, Map<Key, Version> known) {
        this.file = file;
        this.known = known;
    }

    /** No cache: every toolchain is probed. */
    public static ProbeCache none() {
        return new ProbeCache(null, Map.of());
    }

    /** The cache kept in {@code file}: what it holds when it can be trusted, else nothing yet. */
    public static ProbeCache at(Path file) {
        return new ProbeCache(file, load(file));
    }

    /**
     * The cache file of a catalogue in {@code stateDir}: one per languages directory and prefix, so that several
     * Runbox checkouts on one host keep theirs apart.
     */
    public static Path fileIn(Path stateDir, Path languagesDir, Path prefix) {
        String digest = sha256(languagesDir.toAbsolutePath().normalize() + "\0" + prefix.toAbsolutePath().normalize());
        return stateDir.resolve("catalogue-" + digest.substring(0, 16) + ".json");
    }

    /** The version read earlier for {@code tool} under {@code def}, if nothing of either changed since. */
    Optional<Version> version(LanguageDefinition def, Path prefix, Path tool) {
        Optional<Key> key = key(def, prefix, tool);
        return key.map(known::get);
    }

    /** Keeps {@code version} as what {@code tool} answered under {@code def}, for {@link #save}. */
    void remember(LanguageDefinition def, Path prefix, Path tool, Version version) {
        key(def, prefix, tool).ifPresent(k -> read.put(k, version));
    }

    /**
     * Writes what this probe found (reused or read), replacing the file atomically; toolchains gone since drop out.
     * A cache that cannot be written is only a slower next start: the failure is logged, not thrown.
     */
    public void save() {
        if (file == null || read.equals(known)) {
            return;
        }
        List<Entry> entries = read.entrySet().stream()
                .map(e -> new Entry(e.getKey().definition(), e.getKey().tool(), e.getKey().stamp(), e.getValue().toString()))
                .sorted(java.util.Comparator.comparing(Entry::tool).thenComparing(Entry::definition))
                .toList();
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, JSON.writeValueAsBytes(new Content(FORMAT, entries)));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("the catalogue cache {} cannot be written: {}", file, e.toString());
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Left for the next save's directory; nothing reads *.tmp.
                }
            }
        }
    }

    private Optional<Key> key(LanguageDefinition def, Path prefix, Path tool) {
        if (file == null || def.dir() == null) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes a = Files.readAttributes(tool, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String stamp = a.lastModifiedTime().toInstant() + " " + a.size() + " " + a.fileKey();
            byte[] yaml = Files.readAllBytes(def.dir().resolve("language.yaml"));
            String definition = sha256(HexFormat.of().formatHex(yaml) + "\0" + prefix.toAbsolutePath().normalize()
                    + "\0" + def.toolchain().compilerId());
            return Optional.of(new Key(definition, tool.toString(), stamp));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Map<Key, Version> load(Path file) {
        try {
            PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String me = System.getProperty("user.name");
            Set<PosixFilePermission> mode = a.permissions();
            if (!a.isRegularFile() || a.size() > MAX_BYTES || !a.owner().getName().equals(me)
                    || mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
                LOG.warn("ignoring the catalogue cache {}: not a private regular file of {} under {} bytes", file, me,
                        MAX_BYTES);
                return Map.of();
            }
            Content content;
            try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                content = JSON.readValue(in.readNBytes((int) MAX_BYTES), Content.class);
            }
            if (content == null || content.format() != FORMAT || content.entries() == null) {
                return Map.of();
            }
            Map<Key, Version> known = new ConcurrentHashMap<>();
            for (Entry e : content.entries()) {
                if (e == null || e.definition() == null || e.tool() == null || e.stamp() == null || e.version() == null) {
                    continue;
                }
                known.put(new Key(e.definition(), e.tool(), e.stamp()), Version.parse(e.version()));
            }
            return known;
        } catch (java.nio.file.NoSuchFileException e) {
            return Map.of();
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring the catalogue cache {}: {}", file, e.getMessage());
            return Map.of();
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
