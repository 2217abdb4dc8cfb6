package io.runbox.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The options of {@code ./runbox bench-load}. {@code --requests N} and {@code --seconds S} bound each concurrency
 * level of each language and mode (whichever is reached first; 0 requests skips the executions); {@code --keyed N}
 * is the count of keyed calls per level (0 skips them); {@code --spaced MS} adds a level of one client that waits
 * that long before each run (light load: what one user sees when the service is not saturated; 0 skips it);
 * {@code --warmup S} is how long each language is sent unmeasured runs before its first level (a service in its
 * steady state: the server's JIT has compiled its request path; 0 sends a single run).
 */
record LoadOptions(String url, String key, int requests, double seconds, int keyed, List<Integer> clients,
                   List<String> languages, int spacedMillis, double warmupSeconds) {
    static final String USAGE = "use --url URL, --key KEY, --requests N, --seconds S, --keyed N, --clients 1,2,4,8,"
            + " --languages python,javascript,c,cpp,java,kotlin,typescript, --spaced MS, --warmup S";

    static LoadOptions parse(String... args) {
        String url = null;
        String key = null;
        int requests = 40;
        double seconds = 3;
        int keyed = 2000;
        int spaced = 200;
        double warmup = 10;
        List<Integer> clients = List.of(1, 2, 4, 8);
        List<String> languages = List.of("python", "javascript", "c", "cpp", "java", "kotlin", "typescript");
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value (" + USAGE + ")");
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--url" -> url = value;
                    case "--key" -> key = value;
                    case "--requests" -> requests = atLeast(option, Integer.parseInt(value), 0);
                    case "--seconds" -> seconds = Double.parseDouble(value);
                    case "--keyed" -> keyed = atLeast(option, Integer.parseInt(value), 0);
                    case "--spaced" -> spaced = atLeast(option, Integer.parseInt(value), 0);
                    case "--warmup" -> warmup = Double.parseDouble(value);
                    case "--clients" -> clients = Arrays.stream(value.split(","))
                            .map(s -> atLeast(option, Integer.parseInt(s.strip()), 1)).toList();
                    case "--languages" -> languages = Arrays.stream(value.split(",")).map(String::strip)
                            .filter(s -> !s.isEmpty()).toList();
                    default -> throw new IllegalArgumentException("unknown option " + option + " (" + USAGE + ")");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a number, not '" + value + "'");
            }
        }
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("--seconds must be more than 0, not " + seconds);
        }
        if (!(warmup >= 0)) {
            throw new IllegalArgumentException("--warmup must be 0 or more, not " + warmup);
        }
        return new LoadOptions(url, key, requests, seconds, keyed, clients, languages, spaced, warmup);
    }

    private static int atLeast(String option, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", not " + value);
        }
        return value;
    }
}
