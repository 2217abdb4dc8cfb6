package io.runbox.server.access;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Whether a page origin is one a widget key allows, or the server's own: scheme, host and port equal, case-insensitively. */
final class Origins {
    private Origins() {
    }

    static boolean allowed(List<String> allowed, String origin) {
        String o = normalise(origin);
        return o != null && allowed.stream().map(Origins::normalise).anyMatch(o::equals);
    }

    /**
     * Whether {@code origin} is the server's own: its host and port are those of one of {@code hosts}
     * ({@code Host}-header values; a comma-separated list, as proxies chain {@code X-Forwarded-Host}, counts each).
     */
    static boolean sameAsHost(String origin, String... hosts) {
        String o = normalise(origin);
        if (o == null) {
            return false;
        }
        String scheme = o.substring(0, o.indexOf(':'));
        return Arrays.stream(hosts).filter(Objects::nonNull)
                .flatMap(h -> Arrays.stream(h.split(","))).map(String::trim).filter(h -> !h.isEmpty())
                .anyMatch(h -> o.equals(normalise(scheme + "://" + h)));
    }

    static String normalise(String origin) {
        try {
            URI u = URI.create(origin.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                return null;
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort() != -1 ? u.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
