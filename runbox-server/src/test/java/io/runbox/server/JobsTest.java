package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.jobs.CallbackSigner;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Asynchronous jobs over real HTTP: stored, run, readable, delivered signed with retries. */
class JobsTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("RUNBOX_CALLBACK_FIRST_RETRY", "100ms"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode awaitJob(TestServer s, String id, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            HttpResponse<String> r = s.get("/v1/jobs/" + id);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode job = TestServer.json(r);
            String st = job.get("status").asText();
            if (st.equals("done") || st.equals("failed")) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " still " + st);
            }
            Thread.sleep(50);
        }
    }

    static String submit(TestServer s, String body) throws Exception {
        HttpResponse<String> r = s.post("/v1/jobs", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode accepted = TestServer.json(r);
        assertThat(accepted.get("status").asText()).isEqualTo("queued");
        return accepted.get("id").asText();
    }

    @Test
    void onlyTheKeyThatSubmittedAJobCanReadIt() throws Exception {
        String id = submit(server, "{\"language\": \"python\", \"code\": \"print('mine')\"}");
        String other = server.createKey("api", "unlimited", null);
        HttpResponse<String> theirs = server.getWith("/v1/jobs/" + id, "Authorization", "Bearer " + other);
        String unknownId = "0123456789abcdef0123456789abcdef";
        HttpResponse<String> unknown = server.getWith("/v1/jobs/" + unknownId, "Authorization", "Bearer " + other);
        assertThat(theirs.statusCode()).as(theirs.body()).isEqualTo(404);
        assertThat(theirs.body().replace(id, "ID")).isEqualTo(unknown.body().replace(unknownId, "ID"));
        assertThat(theirs.body()).doesNotContain("mine");
        assertThat(awaitJob(server, id, Duration.ofSeconds(20)).get("result").get("run").get("stdout").asText())
                .isEqualTo("mine\n");
    }

    @Test
    void aJobRunsAndItsResultIsReadable() throws Exception {
        String id = submit(server, "{\"language\": \"python\", \"code\": \"print(6 * 7)\"}");
        assertThat(id).matches("[0-9a-f]{32}");
        JsonNode job = awaitJob(server, id, Duration.ofSeconds(20));
        assertThat(job.get("status").asText()).isEqualTo("done");
        assertThat(job.get("attempts").asInt()).isEqualTo(1);
        assertThat(job.get("result").get("run").get("stdout").asText()).isEqualTo("42\n");
        assertThat(job.get("created_at").asText()).isNotBlank();
    }

    @Test
    void theCallbackIsRetriedUntilDeliveredAndSigned() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver(2)) {
            String id = submit(server, "{\"language\": \"c\", \"code\": \"#include <stdio.h>\\nint main(){puts(\\\"cb\\\");}\","
                    + " \"callback_url\": \"" + receiver.url() + "\", \"extra_params\": {\"ticket\": 17, \"tags\": [\"a\", null]}}");
            JsonNode job = awaitJob(server, id, Duration.ofSeconds(30));
            assertThat(job.get("status").asText()).isEqualTo("done");

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (receiver.deliveries().size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(receiver.deliveries()).hasSize(3);
            CallbackReceiver.Delivery last = receiver.deliveries().get(2);
            assertThat(last.signature()).isEqualTo(new CallbackSigner(TestServer.CALLBACK_SECRET).sign(last.body()));
            assertThat(receiver.deliveries().get(0).signature()).isEqualTo(last.signature());
            JsonNode body = io.runbox.server.http.Json.MAPPER.readTree(last.body());
            assertThat(body.get("id").asText()).isEqualTo(id);
            assertThat(body.get("status").asText()).isEqualTo("done");
            assertThat(body.get("result").get("run").get("stdout").asText()).isEqualTo("cb\n");
            assertThat(body.get("extra_params").toString()).isEqualTo("{\"ticket\":17,\"tags\":[\"a\",null]}");

            deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            String state = "";
            while (!state.equals("delivered") && System.nanoTime() < deadline) {
                state = TestServer.json(server.get("/v1/jobs/" + id)).get("callback").asText();
                Thread.sleep(50);
            }
            assertThat(state).isEqualTo("delivered");
        }
    }

    @Test
    void aTamperedBodyFailsVerification() {
        CallbackSigner signer = new CallbackSigner(TestServer.CALLBACK_SECRET);
        String sig = signer.sign("{\"id\":\"x\"}");
        assertThat(signer.sign("{\"id\":\"y\"}")).isNotEqualTo(sig);
        assertThat(new CallbackSigner("other").sign("{\"id\":\"x\"}")).isNotEqualTo(sig);
        assertThat(sig).matches("sha256=[0-9a-f]{64}");
    }

    @Test
    void invalidJobsAreRefusedAtSubmission() throws Exception {
        HttpResponse<String> r = server.post("/v1/jobs", "{\"language\": \"klingon\", \"code\": \"x\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(r).get("error").get("code").asText()).isEqualTo("unknown_language");
    }
}
