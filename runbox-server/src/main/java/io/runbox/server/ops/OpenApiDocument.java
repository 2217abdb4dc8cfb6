package io.runbox.server.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.runbox.execution.catalogue.Catalogue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI document served at {@code /openapi.json}, joined from the frame {@code openapi/openapi.yaml} and
 * one file per tag beside it: their {@code paths} and each {@code components} section are merged, and a name
 * defined twice is an error (found when the server starts, and by the tests). An example's
 * {@code {{compiler:LANGUAGE}}} becomes that language's default compiler on this host, so that the examples run
 * as they stand wherever the catalogue differs.
 */
public final class OpenApiDocument {
    /** The per-tag parts, in the order their paths are shown. */
    static final List<String> PARTS = List.of("native.yaml", "sessions.yaml", "realtime.yaml", "admin.yaml",
            "onlinecompiler.yaml", "wandbox.yaml", "agentrunner.yaml", "piston.yaml", "judge0.yaml", "operations.yaml");
    private static final Pattern COMPILER = Pattern.compile("\\{\\{compiler:([A-Za-z0-9+#._-]+)}}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private OpenApiDocument() {
    }

    /** The document as JSON text, examples filled in from {@code catalogue}. */
    public static String json(Catalogue catalogue) {
        ObjectNode doc = read("openapi.yaml");
        for (String part : PARTS) {
            merge(doc, read(part), part);
        }
        return fillCompilers(doc.toPrettyString(), catalogue);
    }

    private static void merge(ObjectNode doc, ObjectNode part, String name) {
        for (Map.Entry<String, JsonNode> e : part.properties()) {
            if (!e.getKey().equals("paths") && !e.getKey().equals("components")) {
                throw new IllegalStateException("openapi/" + name + " may hold only paths and components, not " + e.getKey());
            }
        }
        addAll((ObjectNode) doc.path("paths"), part.path("paths"), name, "paths");
        ObjectNode components = (ObjectNode) doc.path("components");
        for (Map.Entry<String, JsonNode> section : part.path("components").properties()) {
            JsonNode into = components.path(section.getKey());
            addAll(into.isObject() ? (ObjectNode) into : components.putObject(section.getKey()), section.getValue(),
                    name, "components/" + section.getKey());
        }
    }

    private static void addAll(ObjectNode into, JsonNode from, String part, String where) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (into.has(e.getKey())) {
                throw new IllegalStateException("openapi/" + part + " defines " + where + "/" + e.getKey() + " again");
            }
            into.set(e.getKey(), e.getValue());
        }
    }

    /** A language that is not installed keeps a readable stand-in: the document is still served. */
    private static String fillCompilers(String json, Catalogue catalogue) {
        Matcher m = COMPILER.matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String id = catalogue.find(m.group(1)).map(l -> l.defaultCompiler().id()).orElse(m.group(1) + "-x.y");
            m.appendReplacement(out, Matcher.quoteReplacement(id));
        }
        return m.appendTail(out).toString();
    }

    private static ObjectNode read(String name) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("/openapi/" + name)) {
            if (in == null) {
                throw new IllegalStateException("openapi/" + name + " is missing from the server's resources");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
