package io.runbox.server.api.wandbox;

import io.runbox.execution.catalogue.Catalogue;

/** {@code data} of {@code GET /v1/meta}: what this API is and how to call it. */
public record WandboxMeta(String name, String note, String source, String auth, int endpoints) {

    static WandboxMeta of(Catalogue catalogue) {
        return new WandboxMeta("Runbox Code Execution API",
                "Compile and run code in " + catalogue.languages().size() + " languages ("
                        + catalogue.compilers().size() + " compilers). Pass ?language= or an explicit"
                        + " ?compiler= (see /v1/compilers), with code, optional stdin, options and args (newline-"
                        + "separated). Returns exit_code, stdout, stderr and compiler messages. save=true returns a"
                        + " permlink.",
                "Runbox, self-hosted: every run in its own sandbox", "none", 4);
    }
}
