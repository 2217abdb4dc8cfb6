package io.runbox.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operations of an OpenAPI document as Swagger UI reads them: local {@code $ref}s followed, each
 * operation's effective security, the parameter values and request body "Try it out" starts with, and the
 * links that say where a path parameter's value comes from.
 */
final class OpenApiOperations {
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** One operation: its HTTP method (upper case), its path as documented, and the operation object. */
    record Operation(String method, String path, JsonNode node) {
        String id() {
            return node.path("operationId").asText(method + " " + path);
        }

        boolean webSocket() {
            return node.has("x-runbox-websocket");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A link to an operation: the operation whose response holds it, and the link itself. */
    record Link(Operation source, JsonNode link) {
    }

    private final JsonNode doc;

    OpenApiOperations(JsonNode doc) {
        this.doc = doc;
    }

    JsonNode document() {
        return doc;
    }

    List<Operation> all() {
        List<Operation> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : resolve(path.getValue()).properties()) {
                if (METHODS.contains(op.getKey())) {
                    out.add(new Operation(op.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), op.getValue()));
                }
            }
        }
        return out;
    }

    /** Follows a local {@code $ref} (repeatedly); anything else as it is. */
    JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#")) {
                throw new IllegalStateException("not a local reference: " + ref);
            }
            JsonNode target = doc.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalStateException("dangling reference: " + ref);
            }
            node = target;
        }
        return node;
    }

    List<JsonNode> parameters(Operation op) {
        List<JsonNode> out = new ArrayList<>();
        op.node().path("parameters").forEach(p -> out.add(resolve(p)));
        return out;
    }

    /** The value Swagger UI fills a parameter with: its example, its schema's example, or its schema's default. */
    static Optional<String> defaultValue(JsonNode parameter) {
        for (JsonNode v : List.of(parameter.path("example"), parameter.path("schema").path("example"),
                parameter.path("schema").path("default"))) {
            if (!v.isMissingNode() && !v.isNull()) {
                return Optional.of(v.isTextual() ? v.asText() : v.toString());
            }
        }
        return Optional.empty();
    }

    /** The JSON request body's examples, the one Swagger UI shows first (its default) first; empty without a body. */
    Map<String, JsonNode> bodyExamples(Operation op) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode media = resolve(op.node().path("requestBody")).path("content").path("application/json");
        if (media.has("example")) {
            out.put("example", media.get("example"));
        }
        for (Map.Entry<String, JsonNode> e : media.path("examples").properties()) {
            out.put(e.getKey(), resolve(e.getValue()).path("value"));
        }
        return out;
    }

    boolean hasBody(Operation op) {
        return !resolve(op.node().path("requestBody")).isMissingNode();
    }

    /** The first 1xx or 2xx status the operation documents: what its defaults must answer. */
    String successStatus(Operation op) {
        for (Iterator<String> it = op.node().path("responses").fieldNames(); it.hasNext(); ) {
            String status = it.next();
            if (status.startsWith("2") || status.startsWith("1")) {
                return status;
            }
        }
        throw new IllegalStateException(op + " documents no success response");
    }

    /** The media type of the success response Swagger UI asks for first ({@code Accept}), if it has content. */
    Optional<String> successMediaType(Operation op) {
        Iterator<String> types = resolve(op.node().path("responses").path(successStatus(op))).path("content").fieldNames();
        return types.hasNext() ? Optional.of(types.next()) : Optional.empty();
    }

    /** The schema of the success response's JSON body; empty when it answers something else. */
    Optional<JsonNode> successJsonSchema(Operation op) {
        JsonNode schema = resolve(op.node().path("responses").path(successStatus(op))).path("content")
                .path("application/json").path("schema");
        return schema.isMissingNode() ? Optional.empty() : Optional.of(schema);
    }

    /** The security requirements that apply: the operation's own, else the document's. */
    JsonNode security(Operation op) {
        return op.node().has("security") ? op.node().get("security") : doc.path("security");
    }

    JsonNode securityScheme(String name) {
        JsonNode s = resolve(doc.path("components").path("securitySchemes").path(name));
        if (s.isMissingNode()) {
            throw new IllegalStateException("no security scheme " + name);
        }
        return s;
    }

    /** The links, in any operation's responses, that lead to {@code target}. */
    List<Link> linksTo(Operation target) {
        List<Link> out = new ArrayList<>();
        for (Operation source : all()) {
            for (JsonNode response : source.node().path("responses")) {
                for (JsonNode link : resolve(response).path("links")) {
                    JsonNode l = resolve(link);
                    if (l.path("operationId").asText().equals(target.id())) {
                        out.add(new Link(source, l));
                    }
                }
            }
        }
        return out;
    }
}
