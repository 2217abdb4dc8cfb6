package io.runbox.server.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The curl examples of the seed documents (copies under {@code src/test/resources/seeds/}), read the way a shell
 * reads them: a line starting {@code curl } with at least one argument, continued over lines ending in {@code \},
 * single quotes literal, double quotes with {@code $VARIABLE}s expanded. A page's text that runs into a closing
 * quote ({@code }'Supported Compilers}) ends the command there. Only {@code -X}, {@code -H} and {@code -d} occur.
 */
final class SeedCurlExamples {
    /** The seed files, in order. */
    static final List<String> SEEDS = List.of("000_fc989f8d1068e1f3.txt", "001_5a153f8b4e7eb059.txt",
            "002_cb1340edcb5e2738.txt", "003_ef6269d0cd705543.txt");
    private static final Pattern START = Pattern.compile("(?m)^curl[ \\t]+(?=\\S)");
    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");

    private SeedCurlExamples() {
    }

    /**
     * One example: {@code id} is {@code <seed number>#<ordinal in that seed, from 1>}, such as {@code 003#2}.
     *
     * @param headers name and value of each {@code -H}, in order
     * @param body    the {@code -d} text, or {@code null}
     */
    record Example(String id, String method, URI uri, List<Map.Entry<String, String>> headers, String body) {
        /**
         * This request sent to {@code base} (scheme, host and port) instead of its own host, keeping path and query
         * as written, with each {@code placeholders} key in a header value replaced by its value.
         */
        HttpRequest to(String base, Map<String, String> placeholders) {
            String raw = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + raw))
                    .timeout(java.time.Duration.ofSeconds(60));
            for (Map.Entry<String, String> h : headers) {
                String value = h.getValue();
                for (Map.Entry<String, String> p : placeholders.entrySet()) {
                    value = value.replace(p.getKey(), p.getValue());
                }
                b.header(h.getKey(), value);
            }
            return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body)).build();
        }

        String path() {
            return uri.getRawPath();
        }
    }

    /** Every example of every seed, in document order; {@code variables} expand {@code $NAME} in double quotes. */
    static List<Example> all(Map<String, String> variables) {
        List<Example> out = new ArrayList<>();
        for (int s = 0; s < SEEDS.size(); s++) {
            out.addAll(parse(String.format("%03d", s), read(SEEDS.get(s)), variables));
        }
        return out;
    }

    private static String read(String seed) {
        try (InputStream in = SeedCurlExamples.class.getResourceAsStream("/seeds/" + seed)) {
            if (in == null) {
                throw new IllegalStateException("seed " + seed + " is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Example> parse(String seed, String text, Map<String, String> variables) {
        List<Example> out = new ArrayList<>();
        Matcher m = START.matcher(text);
        while (m.find()) {
            out.add(example(seed + "#" + (out.size() + 1), words(text, m.end(), variables)));
        }
        return out;
    }

    private static Example example(String id, List<String> words) {
        String method = null;
        String body = null;
        URI uri = null;
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            switch (w) {
                case "-X" -> method = words.get(++i);
                case "-d" -> body = words.get(++i);
                case "-H" -> {
                    String h = words.get(++i);
                    int colon = h.indexOf(':');
                    headers.add(Map.entry(h.substring(0, colon).trim(), h.substring(colon + 1).trim()));
                }
                default -> {
                    if (w.startsWith("-") || uri != null) {
                        throw new IllegalStateException(id + ": unexpected curl argument " + w);
                    }
                    uri = URI.create(w);
                }
            }
        }
        if (uri == null) {
            throw new IllegalStateException(id + " has no URL: " + words);
        }
        return new Example(id, method != null ? method : body != null ? "POST" : "GET", uri, List.copyOf(headers), body);
    }

    /** The shell words of one command starting at {@code from}. */
    private static List<String> words(String text, int from, Map<String, String> variables) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i += 2;
                continue;
            }
            if (c == '\n') {
                break;
            }
            if (c == ' ' || c == '\t') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                i++;
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                word.append(text, i + 1, end);
                i = end + 1;
                if (gluedText(text, i)) {
                    break;
                }
            } else if (c == '"') {
                int j = i + 1;
                StringBuilder quoted = new StringBuilder();
                while (text.charAt(j) != '"') {
                    if (text.charAt(j) == '\\' && "\"\\$`".indexOf(text.charAt(j + 1)) >= 0) {
                        j++;
                    }
                    quoted.append(text.charAt(j++));
                }
                word.append(expand(quoted.toString(), variables));
                i = j + 1;
                if (gluedText(text, i)) {
                    break;
                }
            } else {
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** Page text right after a closing quote, where a command would have a space, a {@code \} or its end. */
    private static boolean gluedText(String text, int i) {
        return i < text.length() && Character.isLetter(text.charAt(i));
    }

    private static String expand(String s, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("the seed uses $" + m.group(1) + ", which the test does not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }
}
