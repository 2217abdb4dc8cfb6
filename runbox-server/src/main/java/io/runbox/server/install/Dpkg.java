package io.runbox.server.install;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What dpkg has installed, on the host or in a root image. */
final class Dpkg {
    private Dpkg() {
    }

    /**
     * Those of {@code packages} dpkg does not count as installed.
     *
     * @param adminDir the dpkg database to read (a root image's), or {@code null} for the host's
     */
    static List<String> notInstalled(List<String> packages, Path adminDir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String p : packages) {
            List<String> argv = new ArrayList<>(List.of("dpkg-query"));
            if (adminDir != null) {
                argv.add("--admindir=" + adminDir);
            }
            argv.addAll(List.of("-W", "-f=${Status}", p));
            HostCommand q = HostCommand.capture(argv, null);
            if (!q.ok() || !q.output().contains("install ok installed")) {
                out.add(p);
            }
        }
        return out;
    }
}
