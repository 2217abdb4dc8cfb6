package io.runbox.server.install;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian packages of the image's suite, installed without recommends into the image by its own apt (the host's apt
 * never sees them). As on the host, apt keeps what it downloaded and dpkg never counts a half-unpacked package as
 * installed, so a run cut short resumes.
 */
record ImagePackagesStep(RootImage image, List<String> packages, boolean offline) implements Step {
    private static final Pattern INST = Pattern.compile("^Inst (\\S+)", Pattern.MULTILINE);
    private static final Pattern SIZE = Pattern.compile("^Installed-Size: (\\d+)", Pattern.MULTILINE);

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
        List<String> out = new ArrayList<>();
        for (String p : packages) {
            HostCommand q = HostCommand.capture(List.of("dpkg-query", "--admindir=" + image.dpkgDir(), "-W",
                    "-f=${Status}", p), null);
            if (!q.ok() || !q.output().contains("install ok installed")) {
                out.add(p);
            }
        }
        return out;
    }

    /** What the image's apt says the missing packages and their dependencies add; -1 before the image exists. */
    @Override
    public long sizeBytes() throws IOException {
        if (!image.exists()) {
            return -1;
        }
        List<String> missing = missing();
        if (missing.isEmpty()) {
            return 0;
        }
        List<String> simulate = new ArrayList<>(List.of("apt-get"));
        simulate.addAll(RootImage.aptOptions());
        simulate.addAll(List.of("-s", "install", "--no-install-recommends"));
        simulate.addAll(missing);
        HostCommand s = HostCommand.capture(image.inside(simulate), null);
        if (!s.ok()) {
            return -1;
        }
        Set<String> adds = new LinkedHashSet<>();
        Matcher m = INST.matcher(s.output());
        while (m.find()) {
            adds.add(m.group(1));
        }
        if (adds.isEmpty()) {
            return 0;
        }
        List<String> show = new ArrayList<>(List.of("apt-cache", "show", "--no-all-versions"));
        show.addAll(adds);
        HostCommand info = HostCommand.capture(image.inside(show), null);
        long kb = 0;
        Matcher size = SIZE.matcher(info.output());
        while (size.find()) {
            kb += Long.parseLong(size.group(1));
        }
        return kb * 1024;
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
