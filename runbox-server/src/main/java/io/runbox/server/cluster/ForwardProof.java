package io.runbox.server.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The header that proves a call was forwarded by a node of the cluster: {@value #HEADER}{@code : NODE_ID TIME HMAC},
 * the HMAC-SHA256, keyed with the cluster secret, of the forwarding node's id, the time (epoch seconds), the method,
 * the path with its query and the SHA-256 of the body. A proof older or newer than {@link #WINDOW} is refused, so a
 * captured call cannot be replayed for long.
 */
public final class ForwardProof {
    public static final String HEADER = "X-Runbox-Forwarded";
    /** How far a proof's time may be from this node's clock. */
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final byte[] secret;
    private final Clock clock;

    public ForwardProof(String secret, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** The header value for a call node {@code nodeId} forwards now. */
    public String sign(String nodeId, String method, String pathAndQuery, byte[] body) {
        long time = clock.instant().getEpochSecond();
        return nodeId + " " + time + " " + hmac(nodeId, time, method, pathAndQuery, body);
    }

    /** Whether {@code header} is a proof this cluster signed for this very call, within {@link #WINDOW}. */
    public boolean verifies(String header, String method, String pathAndQuery, byte[] body) {
        String[] parts = header.strip().split(" ");
        if (parts.length != 3) {
            return false;
        }
        long time;
        try {
            time = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(time), clock.instant()).abs();
        if (skew.compareTo(WINDOW) > 0) {
            return false;
        }
        byte[] expected = hmac(parts[0], time, method, pathAndQuery, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII));
    }

    private String hmac(String nodeId, long time, String method, String pathAndQuery, byte[] body) {
        try {
            String bodyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            String signed = nodeId + "\n" + time + "\n" + method + "\n" + pathAndQuery + "\n" + bodyHash;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 or SHA-256 is missing from this JDK", e);
        }
    }
}
