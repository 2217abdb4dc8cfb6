package io.runbox.server.install;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian packages from the host's apt sources, installed without recommends. apt keeps what it downloaded, so a
 * run cut short resumes where it stopped, and dpkg never counts a half-unpacked package as installed.
 */
record AptStep(List<String> packages, List<String> suites, boolean offline) implements Step {
    private static final List<String> APT = List.of("apt-get", "-o", "DPkg::Lock::Timeout=600", "-y", "-q");

    AptStep {
        packages = List.copyOf(packages);
        suites = List.copyOf(suites);
    }

    /** Packages from the host's own suites. */
    AptStep(List<String> packages, boolean offline) {
        this(packages, List.of(), offline);
    }

    @Override
    public String describe() {
        return "apt-get install " + String.join(" ", packages);
    }

    @Override
    public boolean installed() throws IOException {
        return missing().isEmpty();
    }

    private List<String> missing() throws IOException {
        return Dpkg.notInstalled(packages, null);
    }

    /** The installed size of every package apt would add for the missing ones (their dependencies included). */
    @Override
    public long sizeBytes() throws IOException {
        return AptSize.of(missing(), List.of(), argv -> argv);
    }

    @Override
    public void install() throws IOException {
        List<String> argv = new ArrayList<>(APT);
        argv.addAll(List.of("install", "--no-install-recommends"));
        if (offline) {
            argv.add("--no-download");
        }
        boolean added = false;
        for (String suite : suites) {
            if (!AptSources.names(AptSources.HOST, suite)) {
                if (offline) {
                    throw new IOException(String.join(" ", packages) + " come from " + suite
                            + ", which no apt source names, and an offline install adds none");
                }
                System.out.println("adding the apt source " + AptSources.add(AptSources.HOST, suite));
                added = true;
            }
            // apt's own advice for a suite such as backports: take the packages from it.
            argv.addAll(List.of("-t", suite));
        }
        if (added) {
            HostCommand.shown(List.of("apt-get", "-o", "DPkg::Lock::Timeout=600", "-q", "update"), null);
        }
        argv.addAll(missing());
        if (!HostCommand.shown(argv, null).ok() && !offline) {
            // The lists may be old (a fresh machine): update once, then try again.
            HostCommand.shown(List.of("apt-get", "-o", "DPkg::Lock::Timeout=600", "-q", "update"), null);
            if (!HostCommand.shown(argv, null).ok()) {
                throw new IOException("apt-get could not install " + String.join(" ", packages));
            }
        } else if (offline && !installed()) {
            throw new IOException("apt-get could not install " + String.join(" ", packages) + " from its cache");
        }
    }

    /** Which of its installed packages would take other packages along if removed, and those packages. */
    Map<String, List<String>> dragging() throws IOException {
        List<String> installed = new ArrayList<>(packages);
        installed.removeAll(missing());
        return AptRemoval.dragging(installed, List.of(), argv -> argv);
    }

    @Override
    public void uninstall() throws IOException {
        List<String> installed = new ArrayList<>(packages);
        installed.removeAll(missing());
        if (installed.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(APT);
        argv.add("remove");
        argv.addAll(installed);
        if (!HostCommand.shown(argv, null).ok()) {
            throw new IOException("apt-get could not remove " + String.join(" ", installed));
        }
    }
}
