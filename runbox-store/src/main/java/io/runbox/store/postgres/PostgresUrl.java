package io.runbox.store.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a PostgreSQL database is, from the URL an operator writes: libpq's
 * {@code postgresql://user:password@host:port/db?params} (or {@code postgres://}), or JDBC's
 * {@code jdbc:postgresql://host:port/db?user=..&password=..}. Its {@link #toString()} never shows the password.
 *
 * @param params the other query parameters, passed to the driver as they are (such as {@code sslmode})
 */
public record PostgresUrl(String host, int port, String database, String user, String password,
                         Map<String, String> params) {
    private static final String FORMS = "use postgresql://user:password@host:port/database (or postgres://..., "
            + "jdbc:postgresql://...), or no URL for the embedded SQLite database";

    public PostgresUrl {
        params = Map.copyOf(params);
    }

    /**
     * @throws IllegalArgumentException when {@code url} is not one of the accepted forms (the message never
     *                                  repeats the URL, which may hold a password)
     */
    public static PostgresUrl parse(String url) {
        String text = url.strip();
        String rest = text.startsWith("jdbc:") ? text.substring("jdbc:".length()) : text;
        if (!rest.startsWith("postgresql://") && !rest.startsWith("postgres://")) {
            int colon = text.indexOf(':');
            String scheme = colon < 0 ? "no scheme" : "scheme '" + text.substring(0, colon) + "'";
            throw new IllegalArgumentException("not a database URL Runbox knows (" + scheme + "): " + FORMS);
        }
        URI uri;
        try {
            uri = new URI(rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("a malformed PostgreSQL URL (" + e.getReason() + "): " + FORMS);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (uri.getHost() == null || path.length() < 2) {
            throw new IllegalArgumentException("a PostgreSQL URL needs a host and a database: " + FORMS);
        }
        Map<String, String> params = query(uri.getRawQuery());
        String user = params.remove("user");
        String password = params.remove("password");
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? password : decode(userInfo.substring(colon + 1));
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return new PostgresUrl(host, uri.getPort() < 0 ? 5432 : uri.getPort(), decode(path.substring(1)),
                user, password, params);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    out.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The driver's URL, without user and password (they are given apart). */
    public String jdbcUrl() {
        String query = params.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return "jdbc:postgresql://" + hostPort() + "/" + enc(database) + (query.isEmpty() ? "" : "?" + query);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** "PostgreSQL host:port/database". */
    @Override
    public String toString() {
        return "PostgreSQL " + hostPort() + "/" + database;
    }
}
