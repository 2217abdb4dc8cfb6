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
 * limits and the folder of a pre-started runtime's hook (a reused box binds it; {@code null} for none). Two boxes of one shape differ only in the command, the workspace's files and the input, so a box
 * set up ahead for one request can serve another of the same shape.
 */
record BoxShape(Map<String, String> env, List<String> paths, Limits limits, String prestartDir) {
    static BoxShape of(BoxCommand command) {
        return new BoxShape(command.env(), command.paths(), command.limits(),
                command.prestart() == null ? null : command.prestart().hookDir());
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
