package io.runbox.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ForwardProofTest {
    private static final String SECRET = "a-cluster-secret-of-at-least-24-characters";
    private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");
    private static final byte[] BODY = "{\"code\": \"print(1)\"}".getBytes(StandardCharsets.UTF_8);
    private final ForwardProof proof = new ForwardProof(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    private static ForwardProof at(Instant now, String secret) {
        return new ForwardProof(secret, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aProofVerifiesForTheCallItWasMadeFor() {
        String header = proof.sign("node-1", "POST", "/v1/sessions/ses_a/execute?x=1", BODY);
        assertThat(header).startsWith("node-1 " + NOW.getEpochSecond() + " ");
        assertThat(proof.verifies(header, "POST", "/v1/sessions/ses_a/execute?x=1", BODY)).isTrue();
    }

    @Test
    void aProofForAnotherCallOrFromAnotherSecretDoesNot() {
        String header = proof.sign("node-1", "POST", "/v1/sessions/ses_a/execute", BODY);
        assertThat(proof.verifies(header, "POST", "/v1/sessions/ses_b/execute", BODY)).as("path").isFalse();
        assertThat(proof.verifies(header, "DELETE", "/v1/sessions/ses_a/execute", BODY)).as("method").isFalse();
        assertThat(proof.verifies(header, "POST", "/v1/sessions/ses_a/execute", new byte[0])).as("body").isFalse();
        assertThat(proof.verifies(header.replace("node-1", "node-2"), "POST", "/v1/sessions/ses_a/execute", BODY))
                .as("node").isFalse();
        assertThat(at(NOW, SECRET + "!").verifies(header, "POST", "/v1/sessions/ses_a/execute", BODY)).as("secret")
                .isFalse();
        for (String junk : new String[] {"", "node-1", "node-1 x abc", "a b c d"}) {
            assertThat(proof.verifies(junk, "POST", "/v1/sessions/ses_a/execute", BODY)).as(junk).isFalse();
        }
    }

    @Test
    void aProofIsRefusedOutsideItsWindow() {
        String header = proof.sign("node-1", "GET", "/v1/sessions/ses_a", new byte[0]);
        Duration window = ForwardProof.WINDOW;
        assertThat(at(NOW.plus(window), SECRET).verifies(header, "GET", "/v1/sessions/ses_a", new byte[0])).isTrue();
        assertThat(at(NOW.plus(window).plusSeconds(1), SECRET).verifies(header, "GET", "/v1/sessions/ses_a",
                new byte[0])).isFalse();
        assertThat(at(NOW.minus(window).minusSeconds(1), SECRET).verifies(header, "GET", "/v1/sessions/ses_a",
                new byte[0])).as("from the future").isFalse();
    }
}
