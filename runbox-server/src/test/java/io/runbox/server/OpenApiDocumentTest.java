package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.http.RegisteredRoutes;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi.json} covers every route the server registered and nothing else, is a valid OpenAPI 3.1
 * document, groups each door under its tag, and {@code /docs} names Swagger UI's version in one place only.
 */
class OpenApiDocumentTest {
    /**
     * Registered doors that are not part of the API, each with the reason: {@code /docs}, the page that shows this
     * document, and the static files (the playground, the widget's script, Swagger UI's own files).
     */
    static final Map<String, String> NOT_DOCUMENTED = Map.of(
            "GET /docs", "the Swagger UI page over this document",
            "STATIC /*", "the playground and the widget's script",
            "STATIC /webjars/*", "Swagger UI's files");
    /** Tags that must each hold operations: every door of the service under its own. */
    static final List<String> TAGS = List.of("native", "sessions", "real-time", "admin", "onlinecompiler-style",
            "Wandbox-style", "agent-runner", "Piston v2", "Judge0", "operations");

    private static TestServer server;
    private static String json;
    private static OpenApiOperations operations;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        HttpResponse<String> r = server.getWith("/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        json = r.body();
        operations = new OpenApiOperations(TestServer.json(r));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyRegisteredRouteIsDocumentedWithItsMethod() {
        Set<String> documented = documented();
        Set<String> missing = new TreeSet<>();
        for (RegisteredRoutes.Route r : server.registeredRoutes()) {
            String route = r.method() + " " + r.path();
            if (!NOT_DOCUMENTED.containsKey(route) && !documented.contains(route)) {
                missing.add(route);
            }
        }
        assertThat(missing).as("registered routes missing from /openapi.json").isEmpty();
    }

    @Test
    void everyDocumentedOperationIsARegisteredRoute() {
        Set<String> registered = new HashSet<>();
        server.registeredRoutes().forEach(r -> registered.add(r.method() + " " + r.path()));
        Set<String> stale = new TreeSet<>(documented());
        stale.removeAll(registered);
        assertThat(stale).as("operations in /openapi.json the server does not have").isEmpty();
        assertThat(NOT_DOCUMENTED.keySet()).as("the exclusions are registered routes").allMatch(registered::contains);
    }

    /**
     * {@code WS /v1/ws} is documented as the GET that upgrades, marked {@code x-runbox-websocket}; the doors that
     * are servlets (Socket.IO, MCP) in {@code info.x-runbox-other-endpoints}.
     */
    private static Set<String> documented() {
        Set<String> out = new HashSet<>();
        for (JsonNode other : operations.document().path("info").path("x-runbox-other-endpoints")) {
            String path = other.path("path").asText();
            out.add("SERVLET " + (path.endsWith("/") ? path + "*" : path));
        }
        for (OpenApiOperations.Operation op : operations.all()) {
            out.add((op.webSocket() ? "WS" : op.method()) + " " + op.path());
        }
        return out;
    }

    @Test
    void theDocumentIsValidOpenApi31() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json, null, options);

        assertThat(parsed.getMessages()).as("validation messages").isEmpty();
        assertThat(parsed.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
    }

    /**
     * Every key of every schema is a JSON Schema 2020-12 or OpenAPI keyword: an unquoted comma in a YAML flow
     * mapping ({@code {description: a, b}}) silently turns the rest of a sentence into a keyword of its own.
     */
    @Test
    void schemasUseOnlyKnownKeywords() {
        Set<String> unknown = new TreeSet<>();
        JsonNode doc = operations.document();
        doc.path("components").path("schemas").properties().forEach(e -> keywords(e.getValue(),
                "components/schemas/" + e.getKey(), unknown));
        doc.findParents("schema").forEach(parent -> keywords(parent.get("schema"), "a schema", unknown));
        assertThat(unknown).as("schema keys that are no keyword").isEmpty();
    }

    private static final Set<String> KEYWORDS = Set.of("$ref", "$schema", "$id", "$defs", "$comment", "type", "enum",
            "const", "properties", "required", "items", "prefixItems", "additionalProperties", "allOf", "oneOf",
            "anyOf", "not", "title", "description", "default", "examples", "example", "format", "minimum", "maximum",
            "minItems", "maxItems", "minLength", "maxLength", "pattern", "contentMediaType", "contentEncoding",
            "deprecated", "readOnly", "writeOnly", "discriminator", "xml", "externalDocs");

    private static void keywords(JsonNode schema, String where, Set<String> unknown) {
        if (!schema.isObject()) {
            return;
        }
        schema.properties().forEach(e -> {
            if (!KEYWORDS.contains(e.getKey()) && !e.getKey().startsWith("x-")) {
                unknown.add(where + ": " + e.getKey());
            }
        });
        schema.path("properties").properties().forEach(e -> keywords(e.getValue(), where + "." + e.getKey(), unknown));
        for (String sub : List.of("items", "additionalProperties", "not")) {
            keywords(schema.path(sub), where + "/" + sub, unknown);
        }
        for (String list : List.of("allOf", "oneOf", "anyOf", "prefixItems")) {
            schema.path(list).forEach(s -> keywords(s, where + "/" + list, unknown));
        }
    }

    @Test
    void operationsHaveUniqueIdsAndEachDoorItsTag() {
        List<OpenApiOperations.Operation> all = operations.all();
        assertThat(all).extracting(op -> op.node().path("operationId").asText()).doesNotContain("").doesNotHaveDuplicates();
        Set<String> declared = new HashSet<>();
        operations.document().path("tags").forEach(t -> declared.add(t.path("name").asText()));
        assertThat(declared).containsExactlyInAnyOrderElementsOf(TAGS);
        for (String tag : TAGS) {
            assertThat(all).as("operations tagged " + tag)
                    .anyMatch(op -> op.node().path("tags").toString().contains("\"" + tag + "\""));
        }
        assertThat(all).allSatisfy(op -> assertThat(op.node().path("tags")).as(op + "'s tags").hasSize(1)
                .allMatch(t -> declared.contains(t.asText())));
    }

    @Test
    void examplesNameCompilersThisHostHas() throws Exception {
        JsonNode compilers = TestServer.json(server.getWith("/api/compilers/"));
        Set<String> installed = new HashSet<>();
        compilers.forEach(c -> installed.add(c.asText()));
        assertThat(json).doesNotContain("{{compiler:");
        for (OpenApiOperations.Operation op : operations.all()) {
            for (JsonNode body : operations.bodyExamples(op).values()) {
                if (body.has("compiler")) {
                    assertThat(installed).as(op + "'s example compiler").contains(body.get("compiler").asText());
                }
            }
        }
    }

    /** Issue 12: swagger-ui's version is the build's (the webjar's), not also written in docs.html. */
    @Test
    void swaggerUiVersionIsWrittenInOnePlace() throws Exception {
        String page;
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/docs.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(page).doesNotContainPattern(Pattern.compile("swagger-ui[/@-]v?\\d"));

        String version = webjarVersion();
        String pom = Files.readString(TestServer.home().resolve("pom.xml"));
        assertThat(Pattern.compile(Pattern.quote(version)).matcher(pom).results().count())
                .as("the parent POM names swagger-ui " + version + " once").isEqualTo(1);
        String docs = server.getWith("/docs").body();
        assertThat(docs).contains("/webjars/swagger-ui/" + version + "/swagger-ui-bundle.js").contains("/openapi.json");
        assertThat(server.getWith("/webjars/swagger-ui/" + version + "/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
        assertThat(server.getWith("/webjars/swagger-ui/" + version + "/swagger-ui.css").statusCode()).isEqualTo(200);
    }

    private static String webjarVersion() throws Exception {
        Properties p = new Properties();
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            p.load(in);
        }
        return p.getProperty("version");
    }
}
