package io.runbox.core;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Unguessable identifiers and secrets: random bytes from {@link SecureRandom}, in hex. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
