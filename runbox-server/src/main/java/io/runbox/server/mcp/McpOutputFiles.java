package io.runbox.server.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.runbox.core.OutputFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A result's files as MCP content, so that an agent sees them: an image as image content ({@code type: "image"},
 * base64 data and its mime type), any other file as an embedded resource (text or base64 blob) under
 * {@code uriPrefix + name}, and a file that was not returned (over a cap) as a line of text saying so.
 */
final class McpOutputFiles {
    /** The schema of the {@code output_files} and {@code output_images} arguments of a tool that runs code. */
    static final Map<String, Object> ARGUMENTS = Map.of(
            "output_files", Map.of("type", "array", "items", Map.of("type", "string"), "description",
                    "glob patterns of files the run leaves to return, relative to the workspace, e.g. *.png,"
                            + " out/**/*.csv"),
            "output_images", Map.of("type", "boolean", "description",
                    "also return every image file the run creates (a plot saved with plt.savefig)"));

    private McpOutputFiles() {
    }

    /** The patterns of an {@code output_files} argument (its type was checked by the SDK against the schema). */
    static List<String> patterns(Map<String, Object> args) {
        return args.get("output_files") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    static boolean images(Map<String, Object> args) {
        return Boolean.TRUE.equals(args.get("output_images"));
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
