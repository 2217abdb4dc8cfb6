package io.runbox.core;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One file of a request, as bytes. The name is relative to the workspace and is validated by the engine
 * before anything touches the disk.
 */
public record SourceFile(String name, byte[] content) {
    public SourceFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }

    /** A file whose content is the UTF-8 encoding of {@code text}. */
    public static SourceFile of(String name, String text) {
        return new SourceFile(name, text.getBytes(StandardCharsets.UTF_8));
    }
}
