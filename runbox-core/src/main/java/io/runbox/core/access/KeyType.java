package io.runbox.core.access;

import java.util.Locale;

/** What a key may open: {@code API} the REST doors, {@code WIDGET} the browser-facing ones (WebSocket, widget). */
public enum KeyType {
    API, WIDGET;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static KeyType fromWire(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("key type must be 'api' or 'widget', not '" + s + "'");
        }
    }
}
