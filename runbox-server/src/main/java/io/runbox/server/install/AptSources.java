package io.runbox.server.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The host's apt sources, for a recipe whose packages come from a suite of the host's release beyond its own
 * ({@code bookworm-backports}): whether one names the suite, and adding Debian's archive for it when none does.
 */
final class AptSources {
    /** The host's apt configuration folder. */
    static final Path HOST = Path.of("/etc/apt");

    private AptSources() {
    }

    /**
     * Whether a source under {@code aptDir} ({@code sources.list}, {@code sources.list.d/*.list} or {@code *.sources})
     * names {@code suite} on a line that is not a comment.
     */
    static boolean names(Path aptDir, String suite) throws IOException {
        Pattern word = Pattern.compile("(?m)^(?!\\s*#).*(?<=\\s|:)" + Pattern.quote(suite) + "(?=\\s|$)");
        for (Path f : files(aptDir)) {
            if (word.matcher(Files.readString(f, StandardCharsets.UTF_8)).find()) {
                return true;
            }
        }
        return false;
    }

    /** Adds Debian's archive for {@code suite} as {@code sources.list.d/runbox-<suite>.sources}; returns that file. */
    static Path add(Path aptDir, String suite) throws IOException {
        Path file = aptDir.resolve("sources.list.d").resolve("runbox-" + suite + ".sources");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# Added by ./runbox languages install, for packages from " + suite + "\n"
                + "Types: deb\nURIs: http://deb.debian.org/debian\nSuites: " + suite + "\nComponents: main\n"
                + "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n", StandardCharsets.UTF_8);
        return file;
    }

    private static List<Path> files(Path aptDir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (Files.isRegularFile(aptDir.resolve("sources.list"))) {
            out.add(aptDir.resolve("sources.list"));
        }
        Path d = aptDir.resolve("sources.list.d");
        if (Files.isDirectory(d)) {
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> p.getFileName().toString().matches(".*\\.(list|sources)")).sorted().forEach(out::add);
            }
        }
        return out;
    }
}
