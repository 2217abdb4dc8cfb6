package io.runbox.server.install;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian packages of the image's suite, installed without recommends into the image by its own apt (the host's apt
 * never sees them). As on the host, apt keeps what it downloaded and dpkg never counts a half-unpacked package as
 * installed, so a run cut short resumes.
 */
record ImagePackagesStep(RootImage image, List<String> packages, boolean offline) implements Step {

    ImagePackagesStep {
        packages = List.copyOf(packages);
    }

    @Override
    public String describe() {
        return "apt-get install " + String.join(" ", packages) + " into the " + image.suite() + " image";
    }

    @Override
    public boolean installed() throws IOException {
        return image.exists() && missing().isEmpty();
    }

    private List<String> missing() throws IOException {
        return Dpkg.notInstalled(packages, image.dpkgDir());
    }

    /** What the image's apt says the missing packages and their dependencies add; -1 before the image exists. */
    @Override
    public long sizeBytes() throws IOException {
        return image.exists() ? AptSize.of(missing(), RootImage.aptOptions(), image::inside) : -1;
    }

    @Override
    public void install() throws IOException {
        if (!image.exists()) {
            throw new IOException("the " + image.suite() + " root image is not built");
        }
        List<String> argv = new ArrayList<>(List.of("apt-get"));
        argv.addAll(RootImage.aptOptions());
        argv.addAll(List.of("-y", "-q", "install", "--no-install-recommends"));
        if (offline) {
            argv.add("--no-download");
        }
        argv.addAll(missing());
        if (!offline && !image.hasPackageLists()) {
            // A fresh image has none: mmdebstrap removes them once it has built it.
            HostCommand.shown(image.inside(update()), null);
        }
        if (!HostCommand.shown(image.inside(argv), null).ok() && !offline) {
            // The image's lists may be old: update once, then try again.
            HostCommand.shown(image.inside(update()), null);
            if (!HostCommand.shown(image.inside(argv), null).ok()) {
                throw new IOException("apt-get could not install " + String.join(" ", packages) + " into the "
                        + image.suite() + " image");
            }
        }
    }

    private static List<String> update() {
        List<String> update = new ArrayList<>(List.of("apt-get"));
        update.addAll(RootImage.aptOptions());
        update.addAll(List.of("-q", "update"));
        return update;
    }

    /** Which of its installed packages would take other packages of the image along if removed, and those packages. */
    Map<String, List<String>> dragging() throws IOException {
        if (!image.exists()) {
            return Map.of();
        }
        List<String> installed = new ArrayList<>(packages);
        installed.removeAll(missing());
        return AptRemoval.dragging(installed, RootImage.aptOptions(), image::inside);
    }

    @Override
    public void uninstall() throws IOException {
        if (!image.exists()) {
            return;
        }
        List<String> installed = new ArrayList<>(packages);
        installed.removeAll(missing());
        if (installed.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of("apt-get"));
        argv.addAll(RootImage.aptOptions());
        argv.addAll(List.of("-y", "-q", "remove"));
        argv.addAll(installed);
        if (!HostCommand.shown(image.inside(argv), null).ok()) {
            throw new IOException("apt-get could not remove " + String.join(" ", installed) + " from the "
                    + image.suite() + " image");
        }
    }
}
