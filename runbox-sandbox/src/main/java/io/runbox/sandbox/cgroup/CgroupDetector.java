package io.runbox.sandbox.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the cgroup implementation the host supports: v2 when the mount root is the unified hierarchy
 * (it has {@code cgroup.controllers}), v1 when the root holds per-controller hierarchies. A hybrid host (v1
 * controllers plus an empty {@code unified} mount) is v1.
 */
public final class CgroupDetector {
    private CgroupDetector() {
    }

    /** Which hierarchy {@code root} holds. */
    public enum Version { V1, V2 }

    /**
     * @throws IOException naming what is missing when neither hierarchy is usable
     */
    public static Version detect(Path root) throws IOException {
        if (Files.isRegularFile(root.resolve("cgroup.controllers"))) {
            return Version.V2;
        }
        List<String> missing = new ArrayList<>();
        for (String c : CgroupV1.REQUIRED) {
            if (!Files.isDirectory(root.resolve(c))) {
                missing.add(c);
            }
        }
        if (missing.isEmpty()) {
            return Version.V1;
        }
        throw new IOException("no usable cgroups at " + root + ": not cgroup v2 (no cgroup.controllers) and the cgroup v1 "
                + "controllers " + missing + " are not mounted");
    }

    /** The driver for whatever {@link #detect} finds, managing {@code <root>/.../<subtree>}. */
    public static CgroupDriver open(Path root, String subtree) throws IOException {
        return switch (detect(root)) {
            case V1 -> new CgroupV1(root, subtree);
            case V2 -> new CgroupV2(root, subtree);
        };
    }
}
