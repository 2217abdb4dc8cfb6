package io.runbox.server.ops;

import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.catalogue.Compiler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes the toolchains again and puts what it finds in place of the live catalogue, so that languages installed or
 * removed while the service runs are served, or refused with a clear error, without a restart. One reload at a
 * time; runs already started keep the compiler they resolved, and a session keeps its process.
 */
public final class LanguageReload {
    private static final Logger LOG = LoggerFactory.getLogger(LanguageReload.class);

    /** What a reload found: the catalogue's size and the compiler ids that came and went. */
    public record Result(int languages, int compilers, List<String> added, List<String> removed) {
    }

    private final Catalogue live;
    private final Callable<Catalogue> probe;

    /** @param probe probes the installed toolchains afresh (without the operator's aliases: the live ones stay) */
    public LanguageReload(Catalogue live, Callable<Catalogue> probe) {
        this.live = live;
        this.probe = probe;
    }

    public synchronized Result reload() throws IOException {
        Set<String> before = ids(live);
        Catalogue fresh;
        try {
            fresh = probe.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("probing the toolchains failed", e);
        }
        live.replaceWith(fresh);
        Set<String> after = ids(live);
        List<String> added = new ArrayList<>(after);
        added.removeAll(before);
        List<String> removed = new ArrayList<>(before);
        removed.removeAll(after);
        Result r = new Result(live.languages().size(), live.compilers().size(), added, removed);
        LOG.info("languages reloaded: {} languages, {} compilers; added {}, removed {}", r.languages(), r.compilers(),
                added, removed);
        return r;
    }

    private static Set<String> ids(Catalogue c) {
        return c.compilers().stream().map(Compiler::id).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
