package io.runbox.server.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.runbox.core.OutputFile;
import java.util.List;

/**
 * A returned file on the wire (every door shows files this way): {@code content} is the text itself when
 * {@code encoding} is {@code utf-8}, base64 when it is {@code base64}; both are absent when {@code omitted}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NativeOutputFile(String name, long size, String mime, String encoding, String content,
                               boolean truncated, boolean omitted) {

    public static NativeOutputFile of(OutputFile f) {
        return new NativeOutputFile(f.name(), f.size(), f.mime(), f.encoding(), f.content(), f.truncated(),
                f.omitted());
    }

    public static List<NativeOutputFile> of(List<OutputFile> files) {
        return files.stream().map(NativeOutputFile::of).toList();
    }
}
