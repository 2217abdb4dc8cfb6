package io.runbox.sandbox;

import io.runbox.core.BoxCommand;
import io.runbox.core.Limits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a box is set up with before its command is known: the environment, the extra read-only paths, the
 * limits, the folder of a pre-started runtime's hook (a reused box binds it; {@code null} for none) and the root image
 * its system paths come from ({@code null}: the host's). Two boxes of one shape differ only in the command, the workspace's files and the input, so a box
 * set up ahead for one request can serve another of the same shape.
 */
record BoxShape(Map<String, String> env, List<String> paths, Limits limits, String prestartDir, String root) {
    static BoxShape of(BoxCommand command) {
        return new BoxShape(command.env(), command.paths(), command.limits(),
                command.prestart() == null ? null : command.prestart().hookDir(), command.root());
    }

    /**
     * Where the box's path {@code inBox} (a system path, or one of {@link #extraPaths}) is found on the host: itself on
     * the host's own system, else the same path inside the root image.
     */
    Path source(Path inBox) {
        return root == null ? inBox : Path.of(root).resolve(Path.of("/").relativize(inBox).toString());
    }

    /**
     * Whether {@code source} ({@link #source}) lies in the root image once its folders' links are resolved: a link in
     * the image that leads out of it (an absolute one resolves on the host) never brings a host path into the box.
     * Always true without a root image.
     */
    boolean insideRoot(Path source) {
        if (root == null) {
            return true;
        }
        try {
            return source.getParent().toRealPath().startsWith(Path.of(root).toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /** The extra read-only paths; each must be absolute and normalised. */
    List<Path> extraPaths() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String extra : paths) {
            Path p = Path.of(extra);
            if (!p.isAbsolute() || !p.normalize().equals(p)) {
                throw new IOException("a box path must be absolute and normalised: " + extra);
            }
            out.add(p);
        }
        return out;
    }
}
