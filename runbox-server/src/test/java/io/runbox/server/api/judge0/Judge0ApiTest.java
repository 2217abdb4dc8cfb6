package io.runbox.server.api.judge0;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbox.server.CallbackReceiver;
import io.runbox.server.TestServer;
import io.runbox.server.http.Json;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Judge0 door driven as a Judge0 client drives Judge0 CE 1.13 ({@link Judge0Client}), against a real server and
 * the real sandbox: what each call answers, the status each kind of program earns, base64 both ways, callbacks.
 */
class Judge0ApiTest {
    static TestServer server;
    static Judge0Client judge0;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("RUNBOX_JUDGE0_MAX_QUEUE_SIZE", "15"),
                "plans:\n  tiny: {max_run_timeout: 2s, max_memory: 64MB}\n");
        judge0 = new Judge0Client(server, "", server.key());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ObjectNode submission(String source, int languageId) {
        return Json.MAPPER.createObjectNode().put("source_code", source).put("language_id", languageId);
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] unb64(JsonNode n) {
        return Base64.getMimeDecoder().decode(n.asText());
    }

    static JsonNode created(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r);
    }

    @Test
    void createWithWaitAnswersTheJudgedSubmissionAndItsTokenReadsTheSameLaterAlsoUnderThePrefix() throws Exception {
        JsonNode s = created(judge0.post("/submissions?wait=true", submission("print('hello, ' + input())", 71)
                .put("stdin", "Judge0").put("expected_output", "hello, Judge0").toString()));
        assertThat(fieldNames(s)).containsExactlyInAnyOrder("token", "time", "memory", "stdout", "stderr",
                "compile_output", "message", "status");
        assertThat(s.get("status").get("id").asInt()).as(s.toString()).isEqualTo(3);
        assertThat(s.get("status").get("description").asText()).isEqualTo("Accepted");
        assertThat(s.get("stdout").asText()).isEqualTo("hello, Judge0\n");
        assertThat(s.get("stderr").isNull()).isTrue();
        assertThat(s.get("time").isTextual()).as("Judge0 sends decimals as strings").isTrue();
        assertThat(s.get("time").asText()).matches("\\d+\\.\\d{3}");
        assertThat(s.get("memory").isIntegralNumber()).isTrue();
        assertThat(s.get("memory").asLong()).isPositive();

        String token = s.get("token").asText();
        JsonNode later = judge0.await(token, "");
        assertThat(later.get("stdout").asText()).isEqualTo("hello, Judge0\n");
        assertThat(later.get("status").get("id").asInt()).isEqualTo(3);
        JsonNode prefixed = TestServer.json(new Judge0Client(server, "/judge0", server.key())
                .get("/submissions/" + token + "?fields=token,status_id,language_id"));
        assertThat(prefixed.toString()).isEqualTo("{\"token\":\"" + token + "\",\"status_id\":3,\"language_id\":71}");
    }

    /** One program per status a program can earn; 1 and 2 are what a client polls through. */
    @Test
    void eachStatusAProgramCanEarn() throws Exception {
        Map<String, ObjectNode> programs = new LinkedHashMap<>();
        programs.put("3 Accepted", submission("print('ok')", 71).put("expected_output", "ok\n"));
        programs.put("4 Wrong Answer", submission("print('no')", 71).put("expected_output", "ok"));
        // The CPU limit ends it (0.5 s, killed at 1.5 s with the default extra second) long before the wall time.
        programs.put("5 Time Limit Exceeded", submission("while True: pass", 71).put("cpu_time_limit", 0.5)
                .put("wall_time_limit", 15));
        programs.put("6 Compilation Error", submission("int main( {", 50));
        programs.put("7 Runtime Error (SIGSEGV)", submission("import os\nos.kill(os.getpid(), 11)", 71));
        // CPython ignores SIGXFSZ unless told otherwise; a C program would die of it just the same.
        programs.put("8 Runtime Error (SIGXFSZ)", submission("import signal\nsignal.signal(signal.SIGXFSZ,"
                + " signal.SIG_DFL)\nwith open('big', 'wb') as f:\n    f.write(b'x' * 4096)", 71).put("max_file_size", 1));
        programs.put("9 Runtime Error (SIGFPE)", submission("import os\nos.kill(os.getpid(), 8)", 71));
        programs.put("10 Runtime Error (SIGABRT)", submission("import os\nos.abort()", 71));
        programs.put("11 Runtime Error (NZEC)", submission("import sys\nsys.exit(3)", 71));
        programs.put("12 Runtime Error (Other)", submission("import os\nos.kill(os.getpid(), 10)", 71));
        programs.put("12 Runtime Error (Other) memory", submission("x = b'x' * (300 << 20)\nprint(len(x))", 71)
                .put("memory_limit", 65536));
        // gcc -E leaves preprocessed text where the program should be: the box cannot exec it. Judge0 reports such an
        // execve failure as 14 (Exec Format Error); the engine does not tell it from other sandbox failures, so 13.
        programs.put("13 Internal Error", submission("int main(void) { return 0; }", 50).put("compiler_options", "-E"));
        ObjectNode batch = Json.MAPPER.createObjectNode();
        programs.values().forEach(batch.putArray("submissions")::add);
        JsonNode tokens = created(judge0.post("/submissions/batch", batch.toString()));
        List<String> ids = new ArrayList<>();
        tokens.forEach(t -> ids.add(t.get("token").asText()));
        assertThat(ids).hasSize(programs.size());

        Map<String, JsonNode> judged = new HashMap<>();
        List<String> names = List.copyOf(programs.keySet());
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (judged.size() < ids.size() && System.nanoTime() < deadline) {
            JsonNode shown = TestServer.json(judge0.get("/submissions/batch?tokens=" + String.join(",", ids)
                    + "&fields=token,status,message,exit_code,exit_signal,stdout,compile_output"));
            for (int i = 0; i < ids.size(); i++) {
                JsonNode s = shown.get("submissions").get(i);
                if (s.get("status").get("id").asInt() > 2) {
                    judged.put(names.get(i), s);
                }
            }
            Thread.sleep(100);
        }
        for (String name : names) {
            JsonNode s = judged.get(name);
            assertThat(s).as(name + " was judged").isNotNull();
            assertThat(s.get("status").get("id").asInt() + " " + s.get("status").get("description").asText())
                    .as(name + ": " + s).isEqualTo(name.replace(" memory", ""));
        }
        assertThat(judged.get("6 Compilation Error").get("compile_output").asText()).contains("error");
        assertThat(judged.get("11 Runtime Error (NZEC)").get("exit_code").asInt()).isEqualTo(3);
        assertThat(judged.get("7 Runtime Error (SIGSEGV)").get("exit_signal").asInt()).isEqualTo(11);
        assertThat(judged.get("12 Runtime Error (Other) memory").get("message").asText())
                .as("a memory-limit kill is the SIGKILL Judge0 clients know").contains("signal 9");
        assertThat(judged.get("5 Time Limit Exceeded").get("message").asText()).as("the CPU limit, not the wall clock")
                .isEqualTo("Time limit exceeded");
        assertThat(judged.get("13 Internal Error").get("message").asText()).startsWith("Internal Error: ")
                .doesNotContain("Exception");
    }

    @Test
    void base64RoundTripKeepsNonUtf8OutputByteForByte() throws Exception {
        byte[] source = "import sys\nsys.stdout.buffer.write(bytes([0xff, 0xfe, 0x00, 0x41, 0x0a]))\n"
                .getBytes(StandardCharsets.UTF_8);
        ObjectNode body = Json.MAPPER.createObjectNode().put("source_code", b64(source)).put("language_id", 71)
                .put("stdin", b64(new byte[] {1, 2, 3}));
        JsonNode s = created(judge0.post("/submissions?base64_encoded=true&wait=true&fields=*", body.toString()));
        assertThat(unb64(s.get("stdout"))).containsExactly(0xff, 0xfe, 0x00, 0x41, 0x0a);
        assertThat(unb64(s.get("source_code"))).isEqualTo(source);
        assertThat(unb64(s.get("stdin"))).containsExactly(1, 2, 3);
        assertThat(s.get("stdout").asText()).as("Ruby's Base64.encode64 ends its lines").endsWith("\n");

        String token = s.get("token").asText();
        HttpResponse<String> plain = judge0.get("/submissions/" + token);
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(plain).get("error").asText()).isEqualTo("some attributes for this submission cannot"
                + " be converted to UTF-8, use base64_encoded=true query parameter");
        HttpResponse<String> many = judge0.get("/submissions/batch?tokens=" + token);
        assertThat(many.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(many).get("error").asText()).contains("one or more submissions");

        JsonNode waited = created(judge0.post("/submissions?wait=true", submission(
                "import sys\nsys.stdout.buffer.write(b'\\xff')", 71).toString()));
        assertThat(waited.get("token").asText()).isNotEmpty();
        assertThat(waited.get("error").asText()).contains("use base64_encoded=true");
    }

    @Test
    void fieldsStarShowsEveryAttributeAndTheLanguage() throws Exception {
        JsonNode s = created(judge0.post("/submissions?wait=true&fields=*", submission("print(1)", 71)
                .put("command_line_arguments", "a b").toString()));
        assertThat(fieldNames(s)).containsExactlyElementsOf(Judge0Fields.ALL);
        assertThat(s.get("language").get("id").asInt()).isEqualTo(71);
        assertThat(s.get("language").get("name").asText()).matches("Python \\(3\\.\\d+\\.\\d+\\)");
        assertThat(s.get("cpu_time_limit").asText()).isEqualTo("5.0");
        assertThat(s.get("cpu_extra_time").asText()).isEqualTo("1.0");
        assertThat(s.get("wall_time_limit").asText()).isEqualTo("10.0");
        assertThat(s.get("memory_limit").asLong()).as("the limit that applied, in KB").isPositive();
        assertThat(s.get("number_of_runs").asInt()).isEqualTo(1);
        assertThat(s.get("enable_network").asBoolean()).isFalse();
        assertThat(s.get("status_id").asInt()).isEqualTo(3);
        assertThat(s.get("finished_at").asText()).endsWith("Z");

        HttpResponse<String> bad = judge0.get("/submissions/" + s.get("token").asText() + "?fields=stdout,nope");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(bad).get("error").asText()).isEqualTo("invalid fields: [nope]");
    }

    @Test
    void numberOfRunsRunsTheProgramAgainAndReportsTheMedian() throws Exception {
        JsonNode s = created(judge0.post("/submissions?wait=true&fields=status_id,number_of_runs,time,stdout",
                submission("print('again')", 71).put("number_of_runs", 3).toString()));
        assertThat(s.get("status_id").asInt()).isEqualTo(3);
        assertThat(s.get("number_of_runs").asInt()).isEqualTo(3);
        assertThat(s.get("stdout").asText()).isEqualTo("again\n");
        assertThat(s.get("time").asText()).matches("\\d+\\.\\d{3}");
    }

    @Test
    void configInfoHasEveryKeyJudge0ReturnsWithThisServersLimits() throws Exception {
        JsonNode c = TestServer.json(judge0.get("/config_info"));
        assertThat(fieldNames(c)).containsExactlyInAnyOrder("maintenance_mode", "enable_wait_result",
                "enable_compiler_options", "allowed_languages_for_compile_options", "enable_command_line_arguments",
                "enable_submission_delete", "enable_callbacks", "callbacks_max_tries", "callbacks_timeout",
                "enable_additional_files", "max_queue_size", "cpu_time_limit", "max_cpu_time_limit", "cpu_extra_time",
                "max_cpu_extra_time", "wall_time_limit", "max_wall_time_limit", "memory_limit", "max_memory_limit",
                "stack_limit", "max_stack_limit", "max_processes_and_or_threads", "max_max_processes_and_or_threads",
                "enable_per_process_and_thread_time_limit", "allow_enable_per_process_and_thread_time_limit",
                "enable_per_process_and_thread_memory_limit", "allow_enable_per_process_and_thread_memory_limit",
                "max_file_size", "max_max_file_size", "number_of_runs", "max_number_of_runs",
                "redirect_stderr_to_stdout", "max_extract_size", "enable_batched_submissions",
                "max_submission_batch_size", "submission_cache_duration", "use_docs_as_homepage",
                "allow_enable_network", "enable_network");
        assertThat(c.get("max_queue_size").asInt()).isEqualTo(15);
        assertThat(c.get("allow_enable_network").asBoolean()).isFalse();
        assertThat(c.get("memory_limit").asLong()).isEqualTo(512 * 1024);
        assertThat(c.get("cpu_time_limit").asDouble()).isEqualTo(5.0);
    }

    @Test
    void enableNetworkIsRefused() throws Exception {
        HttpResponse<String> r = judge0.post("/submissions", submission("print(1)", 71)
                .put("enable_network", true).toString());
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(r).get("enable_network").get(0).asText())
                .startsWith("enabling network is not allowed");
    }

    @Test
    void additionalFilesJoinTheSourceAndUnsafeArchivesAreRefused() throws Exception {
        JsonNode s = created(judge0.post("/submissions?wait=true", submission("print(open('data/in.txt').read())", 71)
                .put("additional_files", b64(zip(Map.of("data/in.txt", "from the zip".getBytes())))).toString()));
        assertThat(s.get("stdout").asText()).as(s.toString()).isEqualTo("from the zip\n");

        assertThat(refusal(submission("print(1)", 71).put("additional_files", b64("not a zip".getBytes()))))
                .contains("is not a zip archive");
        assertThat(refusal(submission("print(1)", 71).put("additional_files",
                b64(zip(Map.of("../escape.py", "x".getBytes())))))).contains("..");
        assertThat(refusal(submission("print(1)", 71).put("additional_files",
                b64(zip(Map.of("main.py", "x".getBytes())))))).contains("duplicate");
        assertThat(refusal(submission("print(1)", 71).put("additional_files",
                b64(zip(Map.of("zeros.bin", new byte[20 << 20])))))).as("a zip bomb is cut off").contains("unpacks to more");
    }

    private static String refusal(ObjectNode body) throws Exception {
        HttpResponse<String> r = judge0.post("/submissions", body.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        return TestServer.json(r).get("additional_files").get(0).asText();
    }

    @Test
    void callbacksArePutWithBase64EncodedDefaultFields() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver(0)) {
            String token = created(judge0.post("/submissions", submission("print('hi')", 71)
                    .put("callback_url", receiver.url()).toString())).get("token").asText();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (receiver.deliveries().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(receiver.deliveries()).hasSize(1);
            CallbackReceiver.Delivery d = receiver.deliveries().getFirst();
            assertThat(d.method()).isEqualTo("PUT");
            JsonNode body = Json.MAPPER.readTree(d.body());
            assertThat(fieldNames(body)).containsExactlyInAnyOrder("token", "time", "memory", "stdout", "stderr",
                    "compile_output", "message", "status");
            assertThat(body.get("token").asText()).isEqualTo(token);
            assertThat(body.get("stdout").asText()).isEqualTo("aGkK\n");
            assertThat(body.get("status").get("id").asInt()).isEqualTo(3);
        }
    }

    @Test
    void invalidSubmissionsAreAnsweredAsJudge0AnswersThem() throws Exception {
        assertThat(errors(Json.MAPPER.createObjectNode().put("source_code", "print(1)")))
                .isEqualTo("{\"language_id\":[\"can't be blank\"]}");
        assertThat(errors(submission("print(1)", 150000)))
                .isEqualTo("{\"language_id\":[\"language with id 150000 doesn't exist\"]}");
        assertThat(errors(submission("print(1)", 71).put("wall_time_limit", 150).put("number_of_runs", 0)))
                .isEqualTo("{\"wall_time_limit\":[\"must be less than or equal to 20\"],"
                        + "\"number_of_runs\":[\"must be greater than 0\"]}");
        assertThat(errors(submission("print(1)", 71).put("memory_limit", "lots")))
                .isEqualTo("{\"memory_limit\":[\"is not a number\"]}");
        assertThat(errors(submission("print(1)", 71).put("compiler_options", "-O3")))
                .contains("only allowed for compiled languages");
        assertThat(errors(submission("print(1)", 71).put("callback_url", "ftp://example.com/x")))
                .contains("callback_url");

        HttpResponse<String> notJson = judge0.post("/submissions", "{");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(notJson).has("error")).as(notJson.body()).isTrue();
        assertThat(notJson.body()).doesNotContain("Exception");
    }

    private static String errors(ObjectNode body) throws Exception {
        HttpResponse<String> r = judge0.post("/submissions", body.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        return r.body();
    }

    @Test
    void limitsAboveTheCallersPlanAreRefusedNamingTheField() throws Exception {
        Judge0Client tiny = new Judge0Client(server, "", server.createKey("api", "tiny", null));
        HttpResponse<String> r = tiny.post("/submissions", submission("print(1)", 71).put("wall_time_limit", 5)
                .put("memory_limit", 128000).toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        JsonNode e = TestServer.json(r);
        assertThat(e.get("wall_time_limit").get(0).asText()).contains("tiny plan");
        assertThat(e.get("memory_limit").get(0).asText()).contains("tiny plan");
        assertThat(created(tiny.post("/submissions", submission("print(1)", 71).put("wall_time_limit", 2)
                .toString())).has("token")).isTrue();
    }

    @Test
    void languagesStatusesAndInformationAsJudge0ListsThem() throws Exception {
        JsonNode languages = TestServer.json(judge0.get("/languages"));
        List<Integer> ids = new ArrayList<>();
        languages.forEach(l -> ids.add(l.get("id").asInt()));
        assertThat(ids).contains(50, 71).isSorted();
        assertThat(fieldNames(languages.get(0))).containsExactly("id", "name");
        JsonNode python = TestServer.json(judge0.get("/languages/71"));
        assertThat(python.get("source_file").asText()).isEqualTo("main.py");
        assertThat(python.get("is_archived").asBoolean()).isFalse();
        assertThat(judge0.get("/languages/9999").statusCode()).isEqualTo(404);
        assertThat(TestServer.json(judge0.get("/languages/all")).get(0).has("is_archived")).isTrue();

        JsonNode statuses = TestServer.json(judge0.get("/statuses"));
        assertThat(statuses).hasSize(14);
        assertThat(statuses.get(0).toString()).isEqualTo("{\"id\":1,\"description\":\"In Queue\"}");
        assertThat(statuses.get(13).toString()).isEqualTo("{\"id\":14,\"description\":\"Exec Format Error\"}");
        assertThat(judge0.get("/version").body()).isEqualTo("1.13.1");
        assertThat(TestServer.json(judge0.get("/about")).get("version").asText()).isEqualTo("1.13.1");
        assertThat(TestServer.json(judge0.get("/workers")).get(0).has("available")).isTrue();
        assertThat(TestServer.json(judge0.get("/system_info")).has("CPU(s)")).isTrue();
    }

    @Test
    void batchesAreBoundedTheQueueIsBoundedAndAFinishedSubmissionCanBeDeleted() throws Exception {
        ArrayNode many = Json.MAPPER.createArrayNode();
        for (int i = 0; i < 21; i++) {
            many.add(submission("print(1)", 71));
        }
        HttpResponse<String> tooMany = judge0.post("/submissions/batch",
                Json.MAPPER.createObjectNode().set("submissions", many).toString());
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(tooMany).get("error").asText())
                .isEqualTo("number of submissions in a batch should be less than or equal to 20");
        many.remove(0);
        HttpResponse<String> full = judge0.post("/submissions/batch",
                Json.MAPPER.createObjectNode().set("submissions", many).toString());
        assertThat(full.statusCode()).as("20 more than the 15 the queue holds").isEqualTo(503);
        assertThat(TestServer.json(full).get("error").asText()).isEqualTo("queue is full");

        ObjectNode mixed = Json.MAPPER.createObjectNode();
        mixed.putArray("submissions").add(submission("print(1)", 71)).add(submission("print(1)", 150000));
        JsonNode answers = created(judge0.post("/submissions/batch", mixed.toString()));
        assertThat(answers.get(0).has("token")).isTrue();
        assertThat(answers.get(1).path("language_id").path(0).asText()).as(answers.toString()).contains("doesn't exist");

        String token = answers.get(0).get("token").asText();
        judge0.await(token, "");
        Judge0Client stranger = new Judge0Client(server, "", server.createKey("api", "unlimited", null));
        assertThat(stranger.get("/submissions/" + token).statusCode()).as("another key's token").isEqualTo(404);
        assertThat(stranger.delete("/submissions/" + token).statusCode()).isEqualTo(404);
        HttpResponse<String> deleted = judge0.delete("/submissions/" + token);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(TestServer.json(deleted).get("stdout").asText()).as("base64, as Judge0 forces").isEqualTo("MQo=\n");
        assertThat(judge0.get("/submissions/" + token).statusCode()).isEqualTo(404);
    }

    @Test
    void theKeyComesInXAuthTokenAndNoKeyIsRefused() throws Exception {
        HttpResponse<String> none = new Judge0Client(server, "", null).post("/submissions",
                submission("print(1)", 71).toString());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(none).has("error")).isTrue();
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static byte[] zip(Map<String, byte[]> files) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
