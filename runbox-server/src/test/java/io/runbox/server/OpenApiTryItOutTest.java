package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Try it out" in {@code /docs} works as it stands: for every operation of {@code /openapi.json}, the request
 * Swagger UI sends with its defaults (each parameter's example, the request body's example, the key in the place
 * the operation's first security scheme names) gets the first success status the operation documents from a
 * real server: 200, or 201 (a created session, key or file) and 202 (a queued job) where the route answers so.
 * Every other example body of an operation runs too, and each JSON answer has the schema the document gives it
 * (OpenAPI 3.1 schemas are JSON Schema 2020-12; the validator is the one the MCP SDK brings to the server:
 * declaring it again for the tests would make it test-only and drop it from the server's runtime).
 *
 * <p>A path parameter that names something made by another call (a job, a session, a file in it, a key, a
 * permlink) has no example that could exist up front; the document links it from the operation that makes it
 * (OpenAPI {@code links}), and this test first runs that operation with its own defaults and takes the value the
 * link names ({@code $response.body#/id}, {@code $request.path.id}), as a reader of the document would. Calls
 * that end something ({@code DELETE}) run last, on what the calls before them made.
 *
 * <p>The WebSocket door cannot be called from the page; its documented message exchange is run over a real
 * WebSocket instead.
 */
class OpenApiTryItOutTest {
    /** Where the document's {@code components/schemas} are registered for the validator, as {@code $defs}. */
    private static final String DEFINITIONS = "https://runbox.invalid/schemas.json";
    private static final String COMPONENT_SCHEMAS = "#/components/schemas/";
    private static TestServer server;
    private static OpenApiOperations operations;
    private static SchemaRegistry schemas;

    /** What one call sent and got: the source of the values links name. */
    private record Exchange(Map<String, String> pathParameters, int status, String body) {
    }

    @BeforeAll
    static void start() throws Exception {
        // Self-service keys on (they are off by default), with room for every call this class makes.
        server = TestServer.start(Map.of(), "access: {self_service: {enabled: true, per_address: {limit: 100}}}\n");
        operations = new OpenApiOperations(TestServer.json(server.getWith("/openapi.json")));
        ObjectNode definitions = io.runbox.server.http.Json.MAPPER.createObjectNode();
        definitions.set("$defs", absolute(operations.document().path("components").path("schemas").deepCopy()));
        schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(Map.of(DEFINITIONS, definitions.toString())));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyOperationAnswersItsSuccessStatusToTheDefaultsAndToEachExampleBody() throws Exception {
        Map<String, Exchange> made = new HashMap<>();
        List<String> failures = new ArrayList<>();
        List<OpenApiOperations.Operation> all = new ArrayList<>(operations.all());
        all.removeIf(OpenApiOperations.Operation::webSocket);
        all.sort(Comparator.comparing(op -> op.method().equals("DELETE")));
        int calls = 0;
        for (OpenApiOperations.Operation op : all) {
            Map<String, JsonNode> bodies = operations.bodyExamples(op);
            List<String> names = bodies.isEmpty() ? List.of("defaults") : List.copyOf(bodies.keySet());
            for (String name : names) {
                calls++;
                try {
                    Exchange e = name.equals(names.get(0)) ? call(op, made) : send(op, bodies.get(name), made);
                    String expected = operations.successStatus(op);
                    if (!Integer.toString(e.status()).equals(expected)) {
                        failures.add(op + " (" + name + "): " + e.status() + " instead of " + expected + ": " + e.body());
                    } else {
                        schemaErrors(op, e).forEach(error -> failures.add(op + " (" + name + ") answers " + error));
                    }
                } catch (AssertionError e) {
                    failures.add(op + " (" + name + "): " + e.getMessage());
                }
            }
        }
        assertThat(failures).as("operations whose Try-it-out defaults fail").isEmpty();
        assertThat(calls).as("calls made").isGreaterThanOrEqualTo(all.size());
    }

    /**
     * The security the document states is the service's: an operation without security answers without a key,
     * every other one refuses a call without one (401), and each scheme the document offers (each header a key
     * may come in, the admin token) is accepted, tried on the first operation that offers it. Makes nothing (no
     * session, job or key) that the other tests' calls would count against the key's limits.
     */
    @Test
    void keysAreAcceptedWhereAndAsTheDocumentSays() throws Exception {
        Map<String, Exchange> made = Map.of();
        List<String> failures = new ArrayList<>();
        java.util.Set<String> schemesTried = new java.util.HashSet<>();
        for (OpenApiOperations.Operation op : operations.all()) {
            // Operations on something another call makes are guarded as that call is; nothing is made here.
            if (op.webSocket() || operations.parameters(op).stream().anyMatch(p -> p.path("in").asText().equals("path")
                    && OpenApiOperations.defaultValue(p).isEmpty())) {
                continue;
            }
            Map<String, JsonNode> bodies = operations.bodyExamples(op);
            JsonNode body = bodies.isEmpty() ? null : bodies.values().iterator().next();
            JsonNode security = operations.security(op);
            Exchange anonymous = send(op, body, made, null);
            String expected = security.isEmpty() ? operations.successStatus(op) : "401";
            if (!Integer.toString(anonymous.status()).equals(expected)) {
                failures.add(op + " without a key: " + anonymous.status() + " instead of " + expected);
            }
            for (JsonNode requirement : security) {
                String scheme = requirement.fieldNames().next();
                if (schemesTried.add(scheme)) {
                    Exchange e = send(op, body, made, scheme);
                    if (!Integer.toString(e.status()).equals(operations.successStatus(op))) {
                        failures.add(op + " with the key in " + scheme + ": " + e.status() + " " + e.body());
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        JsonNode declared = operations.document().path("components").path("securitySchemes");
        java.util.Set<String> all = new java.util.HashSet<>();
        declared.fieldNames().forEachRemaining(all::add);
        all.remove("queryKey"); // only the WebSocket takes ?key=: theWebSocketMessageExampleRunsAsDocumented
        assertThat(schemesTried).as("every declared scheme is offered by an operation and was tried")
                .containsAll(all);
    }

    /** What in a success answer's JSON body its documented schema does not allow. */
    private static List<String> schemaErrors(OpenApiOperations.Operation op, Exchange e) throws Exception {
        Optional<JsonNode> documented = operations.successJsonSchema(op);
        if (documented.isEmpty()) {
            return List.of();
        }
        Schema schema = schemas.getSchema(SchemaLocation.of(DEFINITIONS + "#/response"), absolute(documented.get().deepCopy()));
        return schema.validate(Json.tree(e.body())).stream().map(Object::toString).toList();
    }

    /** The schema with its refs to the document's component schemas made to point at the registered ones. */
    private static JsonNode absolute(JsonNode node) {
        if (node instanceof ObjectNode o && o.path("$ref").asText().startsWith(COMPONENT_SCHEMAS)) {
            o.put("$ref", DEFINITIONS + "#/$defs/" + o.get("$ref").asText().substring(COMPONENT_SCHEMAS.length()));
        }
        node.forEach(OpenApiTryItOutTest::absolute);
        return node;
    }

    /** The operation with its defaults, once: later links to it read this call. */
    private Exchange call(OpenApiOperations.Operation op, Map<String, Exchange> made) throws Exception {
        Exchange e = made.get(op.id());
        if (e == null) {
            Map<String, JsonNode> bodies = operations.bodyExamples(op);
            e = send(op, bodies.isEmpty() ? null : bodies.values().iterator().next(), made);
            made.put(op.id(), e);
        }
        return e;
    }

    private Exchange send(OpenApiOperations.Operation op, JsonNode body, Map<String, Exchange> made) throws Exception {
        JsonNode security = operations.security(op);
        return send(op, body, made, security.isEmpty() ? null : security.get(0).fieldNames().next());
    }

    /** @param scheme the security scheme to present the key (or admin token) in, or {@code null} for none */
    private Exchange send(OpenApiOperations.Operation op, JsonNode body, Map<String, Exchange> made, String scheme)
            throws Exception {
        assertThat(body != null || !operations.hasBody(op)).as(op + " has a request body without an example").isTrue();
        Map<String, String> pathParameters = new LinkedHashMap<>();
        List<String> query = new ArrayList<>();
        HttpRequest.Builder b = HttpRequest.newBuilder();
        for (JsonNode p : operations.parameters(op)) {
            String name = p.path("name").asText();
            Optional<String> value = OpenApiOperations.defaultValue(p);
            switch (p.path("in").asText()) {
                case "path" -> pathParameters.put(name, value.orElseGet(() -> linked(op, name, made)));
                case "query" -> value.ifPresent(v -> query.add(encode(name) + "=" + encode(v)));
                case "header" -> value.ifPresent(v -> b.header(name, v));
                default -> throw new IllegalStateException(op + ": parameter in " + p.path("in").asText());
            }
            assertThat(value.isPresent() || !p.path("required").asBoolean() || p.path("in").asText().equals("path"))
                    .as(op + "'s required parameter " + name + " has an example").isTrue();
        }
        if (scheme != null) {
            authorize(b, query, operations.securityScheme(scheme), scheme.equals("adminToken")
                    ? TestServer.ADMIN_TOKEN : server.key());
        }
        String path = op.path();
        for (Map.Entry<String, String> e : pathParameters.entrySet()) {
            path = path.replace("{" + e.getKey() + "}", encode(e.getValue()).replace("+", "%20"));
        }
        operations.successMediaType(op).ifPresent(type -> b.header("Accept", type));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(op.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        b.uri(URI.create(server.url(path + (query.isEmpty() ? "" : "?" + String.join("&", query)))));
        HttpResponse<String> r = server.send(b.build());
        return new Exchange(pathParameters, r.statusCode(), r.body());
    }

    private static void authorize(HttpRequest.Builder b, List<String> query, JsonNode scheme, String secret) {
        switch (scheme.path("type").asText() + " " + scheme.path("in").asText()) {
            case "http " -> b.header("Authorization", "Bearer " + secret);
            case "apiKey header" -> b.header(scheme.path("name").asText(), secret);
            case "apiKey query" -> query.add(encode(scheme.path("name").asText()) + "=" + encode(secret));
            default -> throw new IllegalStateException("a security scheme this test cannot use: " + scheme);
        }
    }

    /** A path parameter's value from the operation a document link names, run with its own defaults first. */
    private String linked(OpenApiOperations.Operation op, String name, Map<String, Exchange> made) {
        for (OpenApiOperations.Link link : operations.linksTo(op)) {
            JsonNode expression = link.link().path("parameters").path(name);
            if (expression.isTextual()) {
                try {
                    Exchange source = call(link.source(), made);
                    assertThat(source.status()).as(link.source() + ", which makes " + op + "'s " + name)
                            .isBetween(200, 299);
                    return evaluate(expression.asText(), source);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new AssertionError(op + "'s path parameter " + name + " has neither an example nor a link from the"
                + " operation that makes it");
    }

    private static String evaluate(String expression, Exchange source) throws Exception {
        if (expression.startsWith("$response.body#")) {
            JsonNode value = Json.tree(source.body()).at(expression.substring("$response.body#".length()));
            assertThat(value.isValueNode() && !value.isNull()).as(expression + " in " + source.body()).isTrue();
            return value.asText();
        }
        if (expression.startsWith("$request.path.")) {
            return source.pathParameters().get(expression.substring("$request.path.".length()));
        }
        throw new IllegalStateException("a link expression this test cannot evaluate: " + expression);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static final class Json {
        static JsonNode tree(String body) throws Exception {
            return io.runbox.server.http.Json.MAPPER.readTree(body);
        }
    }

    @Test
    void theWebSocketMessageExampleRunsAsDocumented() throws Exception {
        OpenApiOperations.Operation ws = operations.all().stream().filter(OpenApiOperations.Operation::webSocket)
                .findFirst().orElseThrow();
        JsonNode steps = ws.node().path("x-runbox-websocket").path("example");
        assertThat(steps).isNotEmpty();
        // As a browser opens it: the key in the place the queryKey scheme names (?key=).
        JsonNode scheme = operations.securityScheme("queryKey");
        assertThat(operations.security(ws).toString()).contains("queryKey");
        WsClient client = WsClient.open(server, "?" + scheme.path("name").asText() + "=" + encode(server.key()));
        for (JsonNode step : steps) {
            if (step.has("send")) {
                client.send(step.get("send").toString());
                continue;
            }
            JsonNode expected = step.get("receive");
            String type = expected.path("type").asText();
            if (type.equals("stdout")) {
                assertThat(client.stdoutUntil(expected.get("data").asText())).isEqualTo(expected.get("data").asText());
                continue;
            }
            JsonNode got = client.firstOf(type);
            for (String field : List.of("stage", "status")) {
                assertThat(got.path(field)).as(field + " of " + got).isEqualTo(expected.path(field));
            }
            if (type.equals("exit")) {
                assertThat(got.path("run").path("stdout")).isEqualTo(expected.path("run").path("stdout"));
            }
        }
        client.ws.sendClose(1000, "done").join();
    }
}
