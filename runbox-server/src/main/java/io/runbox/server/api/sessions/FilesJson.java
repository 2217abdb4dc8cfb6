package io.runbox.server.api.sessions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.runbox.core.OutputFile;
import io.runbox.server.http.Json;
import java.util.List;

/** A reply's files as the wire has them: {@code [{name, size, mime, encoding, content, truncated, omitted}]}. */
final class FilesJson {
    private FilesJson() {
    }

    static ArrayNode of(List<OutputFile> files) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (OutputFile f : files) {
            out.addObject().put("name", f.name()).put("size", f.size()).put("mime", f.mime())
                    .put("encoding", f.encoding()).put("content", f.content()).put("truncated", f.truncated())
                    .put("omitted", f.omitted());
        }
        return out;
    }
}
