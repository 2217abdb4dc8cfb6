package io.runbox.server.mcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.OutputSpec;
import io.runbox.core.SourceFile;
import io.runbox.core.StageResult;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.catalogue.InstalledLanguage;
import io.runbox.server.access.AccessControl;
import io.runbox.server.access.Caller;
import io.runbox.server.exec.RunService;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.Json;
import io.runbox.server.http.RejectionMapping;
import io.runbox.server.http.UnknownNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools: {@code list_compilers} and {@code run_code}. A refusal (unknown language, oversize code, a limit
 * above the plan, the key's concurrent-run cap) is a tool result with {@code isError}, which a model can read,
 * never a protocol error.
 */
final class McpTools {
    /** The JSON schema of run_code's arguments: what the tool says it takes, and what a call is checked against. */
    private static final Map<String, Object> RUN_CODE_ARGUMENTS = withFileArguments(Map.of(
            "language", Map.of("type", "string", "description", "language id or alias, e.g. python"),
            "compiler", Map.of("type", "string", "description", "compiler id from list_compilers, e.g. gcc-12"),
            "code", Map.of("type", "string", "description", "the program, as one file"),
            "files", Map.of("type", "array", "items", Map.of("type", "object", "required", List.of("content"),
                    "properties", Map.of(
                            "name", Map.of("type", "string", "description",
                                    "relative file name; the first file is the entry point"),
                            "content", Map.of("type", "string"))), "description", "several files instead of code"),
            "stdin", Map.of("type", "string", "description", "standard input"),
            "args", Map.of("type", "array", "items", Map.of("type", "string"), "description", "command-line arguments")));

    private final RunService runService;
    private final AccessControl access;

    private static Map<String, Object> withFileArguments(Map<String, Object> arguments) {
        Map<String, Object> all = new java.util.HashMap<>(arguments);
        all.putAll(McpOutputFiles.ARGUMENTS);
        return Map.copyOf(all);
    }

    McpTools(RunService runService, AccessControl access) {
        this.runService = runService;
        this.access = access;
    }

    List<SyncToolSpecification> all() {
        return List.of(listCompilers(), runCode());
    }

    private SyncToolSpecification listCompilers() {
        Map<String, Object> properties = Map.of("language", Map.of("type", "string",
                "description", "Only this language's compilers (id or alias, such as python, c, cpp, java)"));
        McpSchema.Tool tool = McpSchema.Tool.builder().name("list_compilers").title("List compilers")
                .description("Lists the languages and compiler versions this Runbox server can run. Use a compiler"
                        + " id (such as python-3.11 or gcc-12) or a language id (such as python) with run_code.")
                .inputSchema(Map.of("type", "object", "properties", properties))
                .build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, call) -> {
            Optional<String> problem = McpArguments.problem(properties, arguments(call));
            if (problem.isPresent()) {
                return error(problem.get());
            }
            Object wanted = call.arguments() == null ? null : call.arguments().get("language");
            List<InstalledLanguage> langs = wanted == null || wanted.toString().isBlank()
                    ? runService.catalogue().languages()
                    : runService.catalogue().find(wanted.toString()).map(List::of).orElse(List.of());
            if (langs.isEmpty()) {
                return error(UnknownNames.withListHint(runService.catalogue().unknownLanguage(wanted.toString()),
                        "the list_compilers tool without arguments"));
            }
            ArrayNode compilers = Json.MAPPER.createArrayNode();
            StringBuilder text = new StringBuilder();
            for (InstalledLanguage l : langs) {
                for (Compiler c : l.compilers()) {
                    compilers.addObject().put("id", c.id()).put("language", l.id()).put("name", l.definition().name())
                            .put("version", c.version().toString()).put("default", c == l.defaultCompiler());
                    text.append(c.id()).append(" — ").append(l.definition().name()).append(' ').append(c.version())
                            .append(c == l.defaultCompiler() ? " (default for " + l.id() + ")" : "").append('\n');
                }
            }
            ObjectNode structured = Json.MAPPER.createObjectNode();
            structured.set("compilers", compilers);
            return McpSchema.CallToolResult.builder().addTextContent(text.toString())
                    .structuredContent(Json.MAPPER.convertValue(structured, Map.class)).isError(false).build();
        }).build();
    }

    private SyncToolSpecification runCode() {
        McpSchema.Tool tool = McpSchema.Tool.builder().name("run_code").title("Run code")
                .description("Compiles (when needed) and runs code in an isolated sandbox without network access."
                        + " Returns stdout, stderr, the exit code, a status (OK, RUNTIME_ERROR, COMPILE_ERROR,"
                        + " TIME_LIMIT, MEMORY_LIMIT, OUTPUT_LIMIT), wall time and peak memory."
                        + " Give language (python, c, java, ...) or compiler (an id from list_compilers), and code or files."
                        + " Files the run leaves come back as content items when asked for with output_files (globs)"
                        + " or output_images; images (a plot) as image content.")
                .inputSchema(Map.of("type", "object", "properties", RUN_CODE_ARGUMENTS))
                .build();
        return SyncToolSpecification.builder().tool(tool).callHandler(this::run).build();
    }

    private static Map<String, Object> arguments(McpSchema.CallToolRequest call) {
        return call.arguments() == null ? Map.of() : call.arguments();
    }

    private McpSchema.CallToolResult run(McpSyncServerExchange exchange, McpSchema.CallToolRequest call) {
        try {
            Map<String, Object> a = arguments(call);
            Optional<String> problem = McpArguments.problem(RUN_CODE_ARGUMENTS, a);
            if (problem.isPresent()) {
                return error(problem.get());
            }
            Caller caller = caller(exchange);
            // The call was counted by McpKeyFilter; the run still takes one of the key's slots.
            try (AccessControl.Admission slot = access.holdRunSlot(caller)) {
                return result(runService.executeNow(caller, request(a)));
            }
        } catch (ApiException e) {
            return error(e.getMessage());
        } catch (RequestRejectedException e) {
            return error(RejectionMapping.toApi(e).getMessage());
        } catch (RuntimeException e) {
            return error("the run failed: " + e.getMessage());
        }
    }

    private ExecRequest request(Map<String, Object> a) {
        String compilerId = string(a, "compiler");
        String language = string(a, "language");
        String version = null;
        if (compilerId != null) {
            Compiler c = runService.catalogue().compiler(compilerId).orElseThrow(() -> 
                    UnknownNames.compiler(runService.catalogue(), compilerId, "the list_compilers tool"));
            language = c.language().id();
            version = c.id();
        }
        if (language == null) {
            throw ApiException.badRequest("invalid_request", "give language or compiler", "language");
        }
        String lang = language;
        List<SourceFile> files = new ArrayList<>();
        if (a.get("files") instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> f) || !(f.get("content") instanceof String content)) {
                    throw ApiException.badRequest("invalid_request", "files[" + i + "].content is required", "files");
                }
                Object name = f.get("name");
                files.add(SourceFile.of(runService.catalogue().fileName(lang, i, name == null ? null : name.toString()),
                        content));
            }
        } else if (string(a, "code") != null) {
            files.add(SourceFile.of(runService.catalogue().entryFile(lang), string(a, "code")));
        } else {
            throw ApiException.badRequest("invalid_request", "give code or files", "code");
        }
        List<String> args = a.get("args") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        String stdin = string(a, "stdin");
        return new ExecRequest(lang, version, files, stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8),
                args, null, null, OutputSpec.of(McpOutputFiles.patterns(a), McpOutputFiles.images(a)));
    }

    private static McpSchema.CallToolResult result(ExecResult r) {
        StageResult shown = r.finalStage();
        ObjectNode s = Json.MAPPER.createObjectNode().put("status", r.status().name()).put("compiler", r.compilerId())
                .put("exit_code", shown.exitCode()).put("stdout", r.programStdout())
                .put("stderr", r.programStderr()).put("time_ms", shown.wallMs())
                .put("memory_kb", shown.memoryKb()).put("truncated", shown.truncated());
        if (shown.signal() == null) {
            s.putNull("signal");
        } else {
            s.put("signal", shown.signal());
        }
        if (r.compile() != null) {
            s.put("compile_output", r.compilerOutput());
        }
        StringBuilder text = new StringBuilder().append("status: ").append(r.status()).append(", exit code ")
                .append(shown.exitCode()).append(", ").append(shown.wallMs()).append(" ms, ").append(shown.memoryKb())
                .append(" KB (").append(r.compilerId()).append(")\n");
        if (r.run() == null) {
            text.append("compiler output:\n").append(r.compilerOutput());
        } else {
            text.append("stdout:\n").append(r.programStdout());
            if (!r.programStderr().isEmpty()) {
                text.append("\nstderr:\n").append(r.programStderr());
            }
        }
        McpSchema.CallToolResult.Builder result = McpSchema.CallToolResult.builder().addTextContent(text.toString());
        McpOutputFiles.of(r.files(), "runbox://files/").forEach(result::addContent);
        return result.structuredContent(Json.MAPPER.convertValue(s, Map.class)).isError(false).build();
    }

    private static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    private static Caller caller(McpSyncServerExchange exchange) {
        Object c = exchange.transportContext().get(McpKeyFilter.CALLER);
        if (c instanceof Caller caller) {
            return caller;
        }
        throw new ApiException(401, "missing_key", "no authenticated caller", null, null);
    }

    private static String string(Map<String, Object> a, String name) {
        Object v = a.get(name);
        return v == null ? null : v.toString();
    }
}
