package io.runbox.execution.compile;

import io.runbox.core.Limits;
import io.runbox.core.SourceFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The digest (SHA-256) of everything a compile depends on: the compiler and its version, the expanded command
 * line (options included), the environment, the limits (a compile that fits one limit may not fit another),
 * and every file's name and bytes. Each part is length-prefixed, so no two different inputs share a stream.
 */
public final class CompileKey {
    private CompileKey() {
    }

    public static String of(String compilerId, String version, List<String> argv, Map<String, String> env,
                            Limits limits, List<SourceFile> files) {
        MessageDigest d = sha256();
        put(d, compilerId);
        put(d, version);
        put(d, Integer.toString(argv.size()));
        argv.forEach(a -> put(d, a));
        new TreeMap<>(env).forEach((k, v) -> {
            put(d, k);
            put(d, v);
        });
        put(d, limits.toString());
        List<SourceFile> sorted = files.stream().sorted(Comparator.comparing(SourceFile::name)).toList();
        for (SourceFile f : sorted) {
            put(d, f.name());
            put(d, f.content());
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static void put(MessageDigest d, String s) {
        put(d, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void put(MessageDigest d, byte[] bytes) {
        d.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
        d.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
