package io.runbox.server.mcp;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.runbox.core.OutputSpec;
import io.runbox.execution.FileNames;
import io.runbox.execution.outputs.Globs;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.session.Session;
import io.runbox.execution.session.SessionEndedException;
import io.runbox.execution.session.SessionManager;
import io.runbox.execution.session.SessionReply;
import io.runbox.server.access.AccessControl;
import io.runbox.server.access.Caller;
import io.runbox.server.access.PlanCaps;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Session tools for agents: {@code session_create}, {@code session_run}, {@code session_upload_file} and
 * {@code session_close}, on the same sessions as {@code /api/sessions} (owned by the caller's key). Each
 * {@code session_run} is a run: it spends a metered key's credits, as {@code /api/sessions/{id}/execute} does.
 */
final class McpSessionTools {
    private static final Duration CALL = Duration.ofSeconds(30);
    private final SessionManager sessions;
    private final AccessControl access;

    McpSessionTools(SessionManager sessions, AccessControl access) {
        this.sessions = sessions;
        this.access = access;
    }

    List<SyncToolSpecification> all() {
        return List.of(
                tool("session_create", "Starts a persistent session: an interpreter whose variables, functions,"
                        + " imports and files stay between session_run calls. Languages: python, javascript, bash, ruby.",
                        Map.of("language", str("the session's language"),
                                "version", str("optional: a compiler id or version, such as python-3.13 or 3.13")),
                        List.of("language"), (x, a) -> {
                            Object version = a.get("version");
                            Session s = sessions.create(owner(x), a.get("language").toString(),
                                    version == null ? null : version.toString());
                            return ok("session " + s.id() + " (" + s.compilerId() + ") is ready",
                                    Map.of("session_id", s.id(), "language", s.language(), "compiler", s.compilerId()));
                        }),
                tool("session_run", "Runs code in a session's state and returns that call's stdout, stderr and exit code;"
                        + " figures shown with plt.show() and the files named by output_files as images and resources;"
                        + " a pandas DataFrame left as the last expression as a table.",
                        Map.of("session_id", str("from session_create"), "code", str("the code to run"),
                                "output_files", Map.of("type", "array", "items", Map.of("type", "string"),
                                        "description", "optional: globs of workspace files to return, such as *.csv"),
                                "output_images", Map.of("type", "boolean",
                                        "description", "optional: also return every image file the call wrote")),
                        List.of("session_id", "code"), (x, a) -> {
                            Session s = session(x, a);
                            OutputSpec outputs = outputs(a);
                            if (x.transportContext().get(McpKeyFilter.CALLER) instanceof Caller caller) {
                                outputs = PlanCaps.outputs(caller.plan(), outputs);
                                access.spendRun(caller); // a run, like /api/sessions/{id}/execute: credits, 402
                            }
                            return runResult(s, s.execute(a.get("code").toString(), CALL, outputs));
                        }),
                tool("session_upload_file", "Writes a text file into a session's working directory.",
                        Map.of("session_id", str("from session_create"), "filename", str("relative file name"),
                                "content", str("the file's text")), List.of("session_id", "filename", "content"), (x, a) -> {
                            String name = a.get("filename").toString();
                            FileNames.validate(name);
                            SessionReply r = session(x, a).writeFile(name,
                                    a.get("content").toString().getBytes(StandardCharsets.UTF_8), CALL);
                            return r.exitCode() == 0 ? ok("wrote " + name, Map.of("filename", name))
                                    : error("cannot write " + name + ": " + r.stderr());
                        }),
                tool("session_close", "Ends a session and deletes its files.",
                        Map.of("session_id", str("from session_create")), List.of("session_id"), (x, a) ->
                                sessions.close(a.get("session_id").toString(), owner(x))
                                        ? ok("closed", Map.of("closed", true)) : error("no such session")));
    }

    /** The files a session_run asks for; bad patterns are refused before the call runs. */
    private static OutputSpec outputs(Map<String, Object> a) throws RequestRejectedException {
        List<String> globs = McpOutputFiles.patterns(a);
        Globs.of(globs);
        return OutputSpec.of(globs, McpOutputFiles.images(a));
    }

    private static McpSchema.CallToolResult runResult(Session s, SessionReply r)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        String text = "exit code " + r.exitCode() + (r.timedOut() ? " (timed out; the session restarted"
                + " and its state is lost)" : "") + "\nstdout:\n" + r.stdout()
                + (r.stderr().isEmpty() ? "" : "\nstderr:\n" + r.stderr());
        Map<String, Object> structured = new LinkedHashMap<>(Map.of("exit_code", r.exitCode(), "stdout", r.stdout(),
                "stderr", r.stderr(), "timed_out", r.timedOut(), "state_lost", r.stateLost()));
        McpSchema.CallToolResult.Builder result = McpSchema.CallToolResult.builder().addTextContent(text);
        if (r.table() != null) {
            structured.put("table", r.table());
            result.addTextContent("table (" + r.table().rows() + " rows" + (r.table().truncated() ? ", the first "
                    + r.table().records().size() + " here" : "") + "):\n" + Json.MAPPER.writeValueAsString(Map.of("columns",
                    r.table().columns(), "records", r.table().records())));
        }
        McpOutputFiles.of(r.files(), "runbox://sessions/" + s.id() + "/files/").forEach(result::addContent);
        return result.structuredContent(structured).isError(r.exitCode() != 0).build();
    }

    @FunctionalInterface
    private interface Handler {
        McpSchema.CallToolResult call(McpSyncServerExchange exchange, Map<String, Object> args) throws Exception;
    }

    private static SyncToolSpecification tool(String name, String description, Map<String, Object> properties,
                                               List<String> required, Handler handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description)
                .inputSchema(Map.of("type", "object", "properties", properties, "required", required)).build();
        BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult> call = (x, req) -> {
            Map<String, Object> args = req.arguments() == null ? Map.of() : req.arguments();
            Optional<String> problem = McpArguments.problem(properties, args);
            if (problem.isPresent()) {
                return error(problem.get());
            }
            for (String r : required) {
                if (args.get(r) == null) {
                    return error("'" + r + "' is required");
                }
            }
            try {
                return handler.call(x, args);
            } catch (RequestRejectedException | SessionEndedException | SessionManager.LimitReachedException
                     | ApiException e) {
                return error(e.getMessage());
            } catch (Exception e) {
                return error(name + " failed: " + e.getMessage());
            }
        };
        return SyncToolSpecification.builder().tool(tool).callHandler(call).build();
    }

    private Session session(McpSyncServerExchange x, Map<String, Object> a) {
        String id = a.get("session_id").toString();
        return sessions.find(id, owner(x)).orElseThrow(() -> new IllegalArgumentException("no session " + id));
    }

    private static String owner(McpSyncServerExchange x) {
        Object c = x.transportContext().get(McpKeyFilter.CALLER);
        return c instanceof Caller caller ? caller.keyId() : null;
    }

    private static Map<String, Object> str(String description) {
        return Map.of("type", "string", "description", description);
    }

    private static McpSchema.CallToolResult ok(String text, Map<String, Object> structured) {
        return McpSchema.CallToolResult.builder().addTextContent(text).structuredContent(structured).isError(false).build();
    }

    private static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }
}
