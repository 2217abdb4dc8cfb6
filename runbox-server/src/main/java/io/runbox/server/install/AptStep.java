package io.runbox.server.install;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian packages from the host's apt sources, installed without recommends. apt keeps what it downloaded, so a
 * run cut short resumes where it stopped, and dpkg never counts a half-unpacked package as installed.
 */
record AptStep(List<String> packages, boolean offline) implements Step {
    private static final Pattern INST = Pattern.compile("^Inst (\\S+)", Pattern.MULTILINE);
    private static final Pattern SIZE = Pattern.compile("^Installed-Size: (\\d+)", Pattern.MULTILINE);
    private static final List<String> APT = List.of("apt-get", "-o", "DPkg::Lock::Timeout=600", "-y", "-q");

    AptStep {
        packages = List.copyOf(packages);
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
        List<String> out = new ArrayList<>();
        for (String p : packages) {
            HostCommand q = HostCommand.capture(List.of("dpkg-query", "-W", "-f=${Status}", p), null);
            if (!q.ok() || !q.output().contains("install ok installed")) {
                out.add(p);
            }
        }
        return out;
    }

    /** The installed size of every package apt would add for the missing ones (their dependencies included). */
    @Override
    public long sizeBytes() throws IOException {
        List<String> missing = missing();
        if (missing.isEmpty()) {
            return 0;
        }
        List<String> simulate = new ArrayList<>(List.of("apt-get", "-s", "install", "--no-install-recommends"));
        simulate.addAll(missing);
        HostCommand s = HostCommand.capture(simulate, null);
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
        HostCommand info = HostCommand.capture(show, null);
        long kb = 0;
        Matcher size = SIZE.matcher(info.output());
        while (size.find()) {
            kb += Long.parseLong(size.group(1));
        }
        return kb * 1024;
    }

    @Override
    public void install() throws IOException {
        List<String> argv = new ArrayList<>(APT);
        argv.addAll(List.of("install", "--no-install-recommends"));
        if (offline) {
            argv.add("--no-download");
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
