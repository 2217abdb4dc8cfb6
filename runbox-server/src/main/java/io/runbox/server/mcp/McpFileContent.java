package io.runbox.server.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.runbox.core.OutputFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files a run returned, as a tool result's content items, so an agent sees its plot: an image as image content
 * (base64 with its media type), any other file as an embedded resource ({@code runbox://files/NAME}, text or blob),
 * and a file left out for its size as one line of text saying so.
 */
final class McpFileContent {
    /** The schema of the {@code output_files} and {@code output_images} arguments, shared by the tools taking them. */
    static final Map<String, Object> ARGUMENTS = Map.of(
            "output_files", Map.of("type", "array", "items", Map.of("type", "string"), "description",
                    "glob patterns of files the run leaves to return, relative to the workspace, e.g. *.png,"
                            + " out/**/*.csv"),
            "output_images", Map.of("type", "boolean", "description",
                    "also return every image file the run creates (a plot saved with plt.savefig)"));

    private McpFileContent() {
    }

    static List<McpSchema.Content> of(List<OutputFile> files) {
        List<McpSchema.Content> items = new ArrayList<>();
        for (OutputFile f : files) {
            if (f.omitted()) {
                items.add(new McpSchema.TextContent(f.name() + ": " + f.size() + " bytes, not returned (over the"
                        + " size caps of returned files)"));
            } else if (f.isImage() && OutputFile.BASE64.equals(f.encoding())) {
                items.add(new McpSchema.ImageContent(null, f.content(), f.mime()));
            } else {
                String uri = "runbox://files/" + f.name();
                McpSchema.ResourceContents contents = OutputFile.UTF_8.equals(f.encoding())
                        ? new McpSchema.TextResourceContents(uri, f.mime(), f.content())
                        : new McpSchema.BlobResourceContents(uri, f.mime(), f.content());
                items.add(new McpSchema.EmbeddedResource(null, contents));
            }
        }
        return items;
    }

    /** The patterns of an {@code output_files} argument (checked for its type by the SDK against the schema). */
    static List<String> patterns(Map<String, Object> args) {
        return args.get("output_files") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    static boolean images(Map<String, Object> args) {
        return Boolean.TRUE.equals(args.get("output_images"));
    }
}
