package io.runbox.server.install;

import io.runbox.execution.catalogue.InstallSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A recipe's {@code prepare} command ({@link InstallSpec.Prepare}), with its templates expanded: installed when the
 * path it creates exists; removed by deleting that path (under Runbox's prefix, never a box's).
 *
 * @param argv    the command
 * @param creates the path it leaves when it succeeded
 * @param dir     where it runs: the language's folder
 */
record PrepareStep(List<String> argv, Path creates, Path dir) implements Step {

    static PrepareStep of(InstallSpec.Prepare prepare, Path prefix, Path languageDir) {
        Path dir = languageDir.toAbsolutePath().normalize();
        java.util.function.UnaryOperator<String> expand = s -> s.replace("{prefix}", prefix.toString())
                .replace("{dir}", dir.toString());
        return new PrepareStep(prepare.command().stream().map(expand).toList(), Path.of(expand.apply(prepare.creates())),
                dir);
    }

    @Override
    public String describe() {
        return String.join(" ", argv) + " (makes " + creates + ")";
    }

    @Override
    public boolean installed() {
        return Files.exists(creates);
    }

    @Override
    public long sizeBytes() {
        return -1;
    }

    @Override
    public void install() throws IOException {
        HostCommand c = HostCommand.capture(argv, dir);
        if (!c.ok()) {
            throw new IOException("exit " + c.status() + ": " + c.output().strip());
        }
    }

    @Override
    public void uninstall() throws IOException {
        if (!Files.exists(creates, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(creates)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
