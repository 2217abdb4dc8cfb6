package io.runbox.server.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A minimal Debian system of the image's suite ({@code mmdebstrap --variant=minbase}), built in a hidden folder next
 * to the image and renamed into place only once complete: a build cut short leaves nothing that counts as the image,
 * and running the install again builds it anew. Shared: removing a language keeps it, for the other toolchains that
 * live in it.
 */
record ImageStep(RootImage image, boolean offline) implements Step {

    @Override
    public String describe() {
        return "build the " + image.suite() + " root image (mmdebstrap --variant=minbase) in " + image.root();
    }

    @Override
    public boolean installed() {
        return image.exists();
    }

    /** Not known before: the packages' step that follows says their size, from the image's own apt. */
    @Override
    public long sizeBytes() {
        return -1;
    }

    @Override
    public void install() throws IOException {
        if (offline) {
            throw new IOException("the " + image.suite() + " root image is not built, and building it downloads");
        }
        if (!HostCommand.capture(List.of("sh", "-c", "command -v mmdebstrap"), null).ok()
                && !HostCommand.shown(List.of("apt-get", "-o", "DPkg::Lock::Timeout=600", "-y", "-q", "install",
                "--no-install-recommends", "mmdebstrap"), null).ok()) {
            throw new IOException("mmdebstrap is not installed and apt-get could not install it");
        }
        Path partial = image.root().resolveSibling("." + image.suite() + ".partial");
        HostCommand.capture(List.of("rm", "-rf", "--one-file-system", partial.toString()), null);
        Files.createDirectories(partial.getParent());
        // The option stays in the image's apt configuration, for the image's own apt later.
        List<String> argv = List.of("mmdebstrap", "--variant=minbase", "--mode=root",
                "--aptopt=Acquire::Check-Valid-Until \"false\"", image.suite(), partial.toString());
        if (!HostCommand.shown(argv, null).ok()) {
            throw new IOException("mmdebstrap could not build the " + image.suite() + " image");
        }
        Files.move(partial, image.root(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The image stays: other toolchains may live in it. */
    @Override
    public void uninstall() {
    }
}
