package io.runbox.server.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.runbox.core.OutputFile;
import java.util.ArrayList;
import java.util.List;

/**
 * A result's files as MCP content, so that an agent sees them: an image as image content ({@code type: "image"},
 * base64 data and its mime type), any other file as an embedded resource (text or base64 blob) under
 * {@code uriPrefix + name}, and a file that was not returned (over a cap) as a line of text saying so.
 */
final class McpOutputFiles {
    private McpOutputFiles() {
    }

    static List<McpSchema.Content> of(List<OutputFile> files, String uriPrefix) {
        List<McpSchema.Content> out = new ArrayList<>();
        for (OutputFile f : files) {
            if (f.omitted()) {
                out.add(new McpSchema.TextContent(f.name() + " (" + f.size() + " bytes) was not returned: it is over"
                        + " the size or count cap for files"));
            } else if (f.isImage() && OutputFile.BASE64.equals(f.encoding())) {
                out.add(new McpSchema.ImageContent(null, f.content(), f.mime()));
            } else if (OutputFile.BASE64.equals(f.encoding())) {
                out.add(new McpSchema.EmbeddedResource(null,
                        new McpSchema.BlobResourceContents(uriPrefix + f.name(), f.mime(), f.content())));
            } else {
                out.add(new McpSchema.EmbeddedResource(null,
                        new McpSchema.TextResourceContents(uriPrefix + f.name(), f.mime(), f.content())));
            }
        }
        return out;
    }
}
