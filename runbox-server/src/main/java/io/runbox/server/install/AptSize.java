package io.runbox.server.install;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What apt says installing some packages adds to the disk: every package it would install, by their Installed-Size. */
final class AptSize {
    private static final Pattern INST = Pattern.compile("^Inst (\\S+)", Pattern.MULTILINE);
    private static final Pattern SIZE = Pattern.compile("^Installed-Size: (\\d+)", Pattern.MULTILINE);

    private AptSize() {
    }

    /**
     * The bytes installing {@code packages} without recommends adds, their dependencies included, or -1 when apt
     * cannot say.
     *
     * @param aptOptions options for apt-get's simulated install
     * @param where      how an apt command runs: as it is on the host, or inside a root image
     */
    static long of(List<String> packages, List<String> aptOptions, UnaryOperator<List<String>> where)
            throws IOException {
        if (packages.isEmpty()) {
            return 0;
        }
        List<String> simulate = new ArrayList<>(List.of("apt-get"));
        simulate.addAll(aptOptions);
        simulate.addAll(List.of("-s", "install", "--no-install-recommends"));
        simulate.addAll(packages);
        HostCommand s = HostCommand.capture(where.apply(simulate), null);
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
        HostCommand info = HostCommand.capture(where.apply(show), null);
        long kb = 0;
        Matcher size = SIZE.matcher(info.output());
        while (size.find()) {
            kb += Long.parseLong(size.group(1));
        }
        return kb * 1024;
    }
}
