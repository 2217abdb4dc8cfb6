package io.runbox.server.jobs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs callback bodies: {@code X-Runbox-Signature: sha256=<hex HMAC-SHA256 of the raw body>} with the
 * server's secret, so a receiver holding the secret can verify a delivery came from this server.
 */
public final class CallbackSigner {
    public static final String HEADER = "X-Runbox-Signature";
    private final byte[] secret;

    public CallbackSigner(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
