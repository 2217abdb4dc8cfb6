package io.runbox.server.install;

import io.runbox.execution.catalogue.InstallSpec.MavenArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Maven Central artifact with its runtime dependencies in {@code {prefix}/maven/<artifactId>-<version>/lib},
 * and its launcher in {@code bin/} (see {@link MavenArtifact}). It is put together in a hidden folder beside and
 * renamed into place only when complete, so a folder that is there is whole; Maven's local repository keeps what
 * was downloaded, so a run cut short resumes.
 */
record MavenStep(Path mavenDir, MavenArtifact artifact, boolean offline) implements Step {
    private static final Pattern COORDINATES = Pattern.compile("[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+:[A-Za-z0-9_.+-]+");
    private static final Pattern CLASS = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");
    /** The plugin that copies an artifact with its dependencies; the build pins the same one. */
    private static final String COPY = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies";

    MavenStep {
        if (!COORDINATES.matcher(artifact.artifact()).matches() || artifact.main() == null
                || !CLASS.matcher(artifact.main()).matches() || artifact.launcher() == null
                || !FILE.matcher(artifact.launcher()).matches()) {
            throw new IllegalArgumentException("install.maven: '" + artifact.artifact() + "' needs groupId:artifactId:version,"
                    + " a main class and a launcher file name");
        }
    }

    /** {@code <artifactId>-<version>}: the folder it is installed into. */
    String folderName() {
        String[] parts = artifact.artifact().split(":");
        return parts[1] + "-" + parts[2];
    }

    Path folder() {
        return mavenDir.resolve(folderName());
    }

    @Override
    public String describe() {
        return "maven " + artifact.artifact() + " -> " + folder() + "/bin/" + artifact.launcher();
    }

    @Override
    public boolean installed() {
        return Files.isRegularFile(folder().resolve("bin").resolve(artifact.launcher()));
    }

    @Override
    public long sizeBytes() {
        return -1;
    }

    @Override
    public void install() throws IOException {
        Files.createDirectories(mavenDir);
        Path partial = mavenDir.resolve("." + folderName() + ".partial");
        delete(partial);
        Path work = Files.createTempDirectory("runbox-maven");
        try {
            String[] c = artifact.artifact().split(":");
            Files.writeString(work.resolve("pom.xml"), """
                    <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
                      <groupId>runbox.install</groupId><artifactId>toolchain</artifactId><version>1</version>
                      <packaging>pom</packaging>
                      <dependencies><dependency><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version></dependency></dependencies>
                    </project>
                    """.formatted(c[0], c[1], c[2]));
            List<String> argv = new java.util.ArrayList<>(List.of("mvn", "-q", "-B"));
            if (offline) {
                argv.add("-o");
            }
            argv.addAll(List.of(COPY, "-DincludeScope=runtime", "-DoutputDirectory=" + partial.resolve("lib")));
            if (!HostCommand.shown(argv, work).ok()) {
                delete(partial);
                throw new IOException("Maven could not fetch " + artifact.artifact());
            }
        } finally {
            delete(work);
        }
        Path bin = Files.createDirectories(partial.resolve("bin"));
        Path launcher = bin.resolve(artifact.launcher());
        Files.writeString(launcher, "#!/bin/sh\n# " + artifact.artifact() + ", installed by ./runbox languages install\n"
                + "exec /usr/bin/java $RUNBOX_JAVA_OPTS -cp '" + folder().resolve("lib") + "/*' " + artifact.main()
                + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        delete(folder());
        Files.move(partial, folder(), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void uninstall() throws IOException {
        delete(folder());
    }

    /** Removes a folder the installer made (never a box's: these live in Runbox's own prefix). */
    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
