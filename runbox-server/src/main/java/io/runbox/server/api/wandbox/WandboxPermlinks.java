package io.runbox.server.api.wandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.runbox.core.ExecResult;
import io.runbox.core.Ids;
import io.runbox.core.jobs.Permlink;
import io.runbox.core.jobs.PermlinkStore;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.BaseUrl;
import io.runbox.server.http.Envelope;
import io.runbox.server.http.Json;
import io.runbox.server.http.RequestIds;
import java.time.Instant;
import java.util.Optional;

/**
 * Saved runs: {@code save=true} stores the request and its result under a new id, and {@code GET /p/{id}}
 * answers with what was saved, as JSON in the dialect's envelope or, for a browser, as a page (a missing permlink
 * too: a page for a browser, the JSON error otherwise). {@code result} is {@code null} for code saved without a run
 * ({@code POST /v1/permlinks} without one).
 */
final class WandboxPermlinks {
    private final PermlinkStore store;

    WandboxPermlinks(PermlinkStore store) {
        this.store = store;
    }

    /** Saves the run; returns its {@code data} naming the permlink, as it was saved. */
    WandboxRunResult save(Context ctx, WandboxRunRequest r, Compiler compiler, ExecResult result) {
        String id = Ids.random(12);
        WandboxRunResult data = WandboxMapper.toResult(result, id, BaseUrl.of(ctx) + "/p/" + id);
        try {
            store.save(new Permlink(id, compiler.language().id(), compiler.id(), r.code(), r.stdin(), r.options(),
                    r.args(), Json.MAPPER.writeValueAsString(data), Instant.now()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return data;
    }

    /** Answers {@code GET /p/{id}}: 404 when there is no such permlink. */
    void show(Context ctx) throws JsonProcessingException {
        String id = ctx.pathParam("id");
        String accept = ctx.header("Accept");
        boolean browser = accept != null && accept.contains("text/html");
        Optional<Permlink> found = store.find(id);
        if (found.isEmpty() && browser) {
            ctx.status(404).html(PermlinkPage.notFound(id));
            return;
        }
        Permlink p = found.orElseThrow(() -> ApiException.notFound("no permlink " + id));
        if (browser) {
            ctx.html(PermlinkPage.render(p, Json.MAPPER.readValue(p.result(), WandboxRunResult.class)));
            return;
        }
        ObjectNode data = Json.MAPPER.createObjectNode().put("id", p.id()).put("language", p.language())
                .put("compiler", p.compiler()).put("code", p.code()).put("stdin", p.stdin())
                .put("options", p.options()).put("args", p.args()).put("created_at", p.createdAt().toString());
        data.set("result", Json.MAPPER.readTree(p.result()));
        ctx.json(Envelope.ok(data, "Permlink", RequestIds.of(ctx)));
    }
}
