package io.runbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.server.Runbox;
import io.runbox.server.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./runbox bench-judge [ROUNDS]}: one C submission with 20 test cases, side by side in one run, rounds
 * interleaved:
 * <ul>
 *   <li><b>bare</b>: the catalogue's gcc command once, then the 20 cases in a shell loop on the host
 *       ({@code for i in ...; do ./main < in$i > out$i; done}), no box, no comparison;</li>
 *   <li><b>judge</b>: {@code POST /v1/judge}, every case judged in a fresh box from one compile;</li>
 *   <li><b>20 executes</b>: the same submission sent as 20 separate {@code POST /v1/execute} calls, one after the
 *       other (each compile answered from the compile cache after the first).</li>
 * </ul>
 * Each submission is a new source (a numbered comment), so no compile cache answers the judge or the first execute.
 * It prints wall time p50/p90 and the host's busy CPU per submission, with ratios to bare. A server of its own, in
 * this JVM ({@link EmbeddedServer}); unmeasured warm-up rounds first.
 */
public final class JudgeBenchmark {
    private static final int CASES = 20;
    private static final String SOURCE = """
            #include <stdio.h>
            int main(void) { long a, b; if (scanf("%ld %ld", &a, &b) != 2) return 3; printf("%ld\\n", a + b); return 0; }
            """;
    private static final AtomicLong NUMBER = new AtomicLong(System.nanoTime());

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Runbox runbox = Runbox.fromEnvironment();
        Compiler gcc = runbox.catalogue().find("c").orElseThrow(() -> new IllegalStateException("C is not installed"))
                .defaultCompiler();
        LanguageCommands bare = LanguageCommands.of(gcc, runbox.executionConfig(), "main.c");
        Path dir = Files.createTempDirectory("runbox-bench-judge-");
        for (int i = 1; i <= CASES; i++) {
            Files.writeString(dir.resolve("in" + i), i + " " + i * 10 + "\n");
        }
        HttpClient http = HttpClient.newHttpClient();
        try (EmbeddedServer server = EmbeddedServer.start(runbox)) {
            System.out.printf("Runbox judging benchmark: %d rounds, %d cases of a C solution, %d cores, load average %s%n"
                    + "server: %s%n%n", rounds, CASES, Runtime.getRuntime().availableProcessors(), loadAverage(),
                    server.server().description());
            Mode[] modes = {new Mode("bare: compile once + shell loop"), new Mode("judge: POST /v1/judge"),
                    new Mode("20 x POST /v1/execute")};
            for (int round = -2; round < rounds; round++) {
                String source = "/* " + NUMBER.incrementAndGet() + " */\n" + SOURCE;
                modes[0].time(round >= 0, () -> bareRound(bare, dir, source));
                modes[1].time(round >= 0, () -> judgeRound(http, server.url(), source));
                String other = "/* " + NUMBER.incrementAndGet() + " */\n" + SOURCE;
                modes[2].time(round >= 0, () -> executeRound(http, server.url(), other));
            }
            Table table = new Table("mode", "rounds", "p50 ms", "p90 ms", "ratio p50", "cpu ms/submission", "ratio cpu");
            for (Mode m : modes) {
                Stats s = Stats.of(m.nanos);
                table.row(m.name, s.n(), s.p50(), s.p90(),
                        String.format("%.2fx", s.p50() / Stats.of(modes[0].nanos).p50()), m.cpuMs(),
                        String.format("%.2fx", m.cpuMs() / modes[0].cpuMs()));
            }
            System.out.println("Wall time per submission of 20 cases (ratio = mode / bare); cpu: the host's busy CPU"
                    + " time (/proc/stat, every process) over the mode's rounds, per submission");
            System.out.println(table.render());
            System.out.println("bare: " + String.join(" ", bare.compileArgv()) + " && for i in 1..20: "
                    + String.join(" ", bare.runArgv()) + " < in$i > out$i");
        } finally {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        System.exit(0);
    }

    private static void bareRound(LanguageCommands bare, Path dir, String source) throws IOException {
        Files.writeString(dir.resolve("main.c"), source);
        BareProcess.Result c = BareProcess.run(bare.compileArgv(), dir, bare.env(), null);
        if (c.exitCode() != 0) {
            throw new IOException("bare compile failed: " + c.err());
        }
        String loop = "for i in $(seq 1 " + CASES + "); do " + String.join(" ", bare.runArgv())
                + " < in$i > out$i || exit 1; done";
        BareProcess.Result r = BareProcess.run(List.of("/bin/sh", "-c", loop), dir, bare.env(), null);
        if (r.exitCode() != 0 || !Files.readString(dir.resolve("out" + CASES)).equals(CASES * 11 + "\n")) {
            throw new IOException("bare cases failed: exit " + r.exitCode() + " " + r.err());
        }
    }

    private static void judgeRound(HttpClient http, String url, String source) throws Exception {
        ObjectNode body = Json.MAPPER.createObjectNode().put("language", "c").put("code", source);
        ArrayNode tests = body.putArray("tests");
        for (int i = 1; i <= CASES; i++) {
            tests.addObject().put("stdin", i + " " + i * 10 + "\n").put("expected_output", (i * 11) + "\n");
        }
        JsonNode r = post(http, url + "/v1/judge", body);
        if (!r.path("verdict").asText().equals("ACCEPTED") || r.path("passed").asInt() != CASES) {
            throw new IllegalStateException("judge: " + r);
        }
    }

    private static void executeRound(HttpClient http, String url, String source) throws Exception {
        for (int i = 1; i <= CASES; i++) {
            ObjectNode body = Json.MAPPER.createObjectNode().put("language", "c").put("code", source)
                    .put("stdin", i + " " + i * 10 + "\n");
            JsonNode r = post(http, url + "/v1/execute", body);
            if (!r.path("run").path("stdout").asText().equals((i * 11) + "\n")) {
                throw new IllegalStateException("execute: " + r);
            }
        }
    }

    private static JsonNode post(HttpClient http, String url, ObjectNode body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + ": HTTP " + r.statusCode() + ": " + r.body());
        }
        return Json.MAPPER.readTree(r.body());
    }

    private static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    /** One mode's measured rounds and the host CPU they took. */
    private static final class Mode {
        private final String name;
        private final List<Long> nanos = new ArrayList<>();
        private long cpuMs;

        Mode(String name) {
            this.name = name;
        }

        interface Round {
            void run() throws Exception;
        }

        void time(boolean measured, Round round) throws Exception {
            long cpu0 = HostCpu.busyMs();
            long t0 = System.nanoTime();
            round.run();
            if (measured) {
                nanos.add(System.nanoTime() - t0);
                cpuMs += HostCpu.busyMs() - cpu0;
            }
        }

        double cpuMs() {
            return nanos.isEmpty() ? Double.NaN : (double) cpuMs / nanos.size();
        }
    }

    private JudgeBenchmark() {
    }
}
