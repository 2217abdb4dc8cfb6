package io.runbox.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code /etc} each box shape sees, one bind each: this process's snapshot of the entries every box needs, or,
 * for a shape whose paths name {@code /etc} entries of their own (a language's {@code sandbox_paths}, such as
 * {@code /etc/php/8.2}), a snapshot of those entries and the common ones, made when the first box of that set starts
 * and kept until the process ends. A box therefore sees its own language's {@code /etc} and no other language's.
 * The sets come from the language definitions, so there are as many snapshots as languages, not requests. A box on a
 * root image gets a snapshot of the image's own {@code /etc}, never the host's.
 */
final class EtcSnapshots {
    private final List<Path> common;
    private final int boxUid;
    private final Path base;
    private final Map<List<String>, Path> own = new ConcurrentHashMap<>();

    /** Makes this process's snapshot of {@code common}'s {@code /etc} entries, removing dead processes' ones. */
    EtcSnapshots(Path stateDir, List<Path> common, int boxUid) throws IOException {
        this.common = List.copyOf(common);
        this.boxUid = boxUid;
        this.base = EtcSnapshot.create(stateDir, common, boxUid);
    }

    /** The snapshot of the entries every box needs. */
    Path common() {
        return base;
    }

    /**
     * The {@code /etc} of a box whose extra paths are {@code paths} (absolute and normalised), from the host's
     * {@code /etc} ({@code root} {@code null}): the common snapshot when none of them is under {@code /etc} beyond the
     * common entries, else the snapshot of that set; or from the root image {@code root}'s own {@code /etc}: a
     * snapshot of the common entries and the extra ones, as the image has them.
     *
     * @throws IOException when the snapshot cannot be made, or an entry would replace the box's own {@code passwd},
     *                     {@code group}, {@code hostname} or {@code hosts}
     */
    Path forShape(String root, List<Path> paths) throws IOException {
        List<Path> extra = EtcSnapshot.entries(paths).stream()
                .filter(p -> common.stream().noneMatch(p::startsWith)).toList();
        if (extra.isEmpty() && root == null) {
            return base;
        }
        List<String> key = new ArrayList<>();
        key.add(root == null ? "" : root);
        extra.forEach(p -> key.add(p.toString()));
        Path ready = own.get(key);
        if (ready != null) {
            return ready;
        }
        synchronized (this) {
            ready = own.get(key);
            if (ready == null) {
                List<Path> all = new ArrayList<>(common);
                all.addAll(extra);
                ready = EtcSnapshot.build(base.resolveSibling(base.getFileName() + "-" + digest(key)),
                        root == null ? Path.of("/") : Path.of(root), all, boxUid);
                own.put(key, ready);
            }
            return ready;
        }
    }

    private static String digest(List<String> entries) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String p : entries) {
                sha.update((p + "\0").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
