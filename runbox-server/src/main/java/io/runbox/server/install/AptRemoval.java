package io.runbox.server.install;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What removing a package would take with it: apt removes every package that depends on it. An uninstall never
 * takes another toolchain along (removing python3.13 from an image would remove SWI-Prolog, which needs python3).
 */
final class AptRemoval {
    private static final Pattern REMV = Pattern.compile("^Remv (\\S+)", Pattern.MULTILINE);

    private AptRemoval() {
    }

    /**
     * For each of {@code packages} whose removal would also remove a package not among them: the packages it would
     * take along. The others may go.
     *
     * @param where how an apt command runs: as it is on the host, or inside a root image
     */
    static Map<String, List<String>> dragging(List<String> packages, List<String> aptOptions,
                                              UnaryOperator<List<String>> where) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String p : packages) {
            List<String> simulate = new ArrayList<>(List.of("apt-get"));
            simulate.addAll(aptOptions);
            simulate.addAll(List.of("-s", "remove", p));
            HostCommand s = HostCommand.capture(where.apply(simulate), null);
            List<String> others = new ArrayList<>();
            Matcher m = REMV.matcher(s.output());
            while (m.find()) {
                String removed = m.group(1);
                if (!packages.contains(removed)) {
                    others.add(removed);
                }
            }
            if (!s.ok()) {
                others.add("(apt cannot tell: " + s.output().strip().lines().reduce((a, b) -> b).orElse("") + ")");
            }
            if (!others.isEmpty()) {
                out.put(p, others);
            }
        }
        return out;
    }
}
