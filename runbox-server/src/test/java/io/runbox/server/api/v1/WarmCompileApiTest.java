package io.runbox.server.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.TestServer;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Java through {@code POST /v1/execute} with warm compilers on (whatever the suite's mode): once the first compile
 * started the JDK's warm compiler, new programs are compiled by it (counted in {@code /metrics}), a compile error
 * reads as javac's own, and the server's stop takes the warm compilers down with it.
 */
class WarmCompileApiTest {
    private static final Pattern SERVED = Pattern.compile("runbox_warm_compiles_total ([0-9.]+)");

    @Test
    void newJavaProgramsAreCompiledByAWarmCompiler() throws Exception {
        try (TestServer server = TestServer.start(Map.of("RUNBOX_WARM_COMPILERS", "1"))) {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            int n = 0;
            while (served(server) == 0) {
                assertThat(System.nanoTime()).as("a warm compiler started").isLessThan(deadline);
                JsonNode r = execute(server, hello(n++));
                assertThat(r.get("run").get("stdout").asText()).isEqualTo("hello " + (n - 1) + "\n");
                Thread.sleep(300);
            }
            double before = served(server);
            JsonNode warm = execute(server, hello(1000));
            assertThat(warm.get("status").asText()).isEqualTo("OK");
            assertThat(warm.get("run").get("stdout").asText()).isEqualTo("hello 1000\n");
            JsonNode error = execute(server, "public class Main { public static void main(String[] a) { nope(); } }");
            assertThat(error.get("status").asText()).isEqualTo("COMPILE_ERROR");
            assertThat(error.get("compile").get("stderr").asText()).startsWith("Main.java:1: error: cannot find symbol");
            assertThat(error.has("run")).isFalse();
            assertThat(served(server)).isEqualTo(before + 2);
            assertThat(server.get("/metrics").body()).containsPattern("runbox_warm_compilers [1-9]")
                    .contains("runbox_warm_compile_fallbacks_total").contains("runbox_warm_compilers_idle_memory_bytes");
        }
    }

    private static String hello(int n) {
        return "public class Main { public static void main(String[] a) { System.out.println(\"hello " + n + "\"); } }";
    }

    private static JsonNode execute(TestServer server, String code) throws Exception {
        return TestServer.json(server.post("/v1/execute", io.runbox.server.http.Json.MAPPER.writeValueAsString(
                Map.of("language", "java", "code", code))));
    }

    private static double served(TestServer server) throws Exception {
        Matcher m = SERVED.matcher(server.get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
