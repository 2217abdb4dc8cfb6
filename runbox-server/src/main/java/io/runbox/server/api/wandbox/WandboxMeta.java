package io.runbox.server.api.wandbox;

import io.runbox.execution.catalogue.Catalogue;

/** {@code data} of {@code GET /v1/meta}: what this API is and how to call it. */
public record WandboxMeta(String name, String note, String source, String auth, int endpoints) {

    /** How a key is sent on these paths; the run path refuses a call without one unless the anonymous tier is on. */
    static final String KEY_HEADERS = "x-oanor-key: KEY (or Authorization: Bearer KEY, or x-runbox-key: KEY)";

    static WandboxMeta of(Catalogue catalogue, boolean anonymousTier) {
        return new WandboxMeta("Runbox Code Execution API",
                "Compile and run code in " + catalogue.languages().size() + " languages ("
                        + catalogue.compilers().size() + " compilers). Pass ?language= or an explicit"
                        + " ?compiler= (see /v1/compilers), with code, optional stdin, options and args (newline-"
                        + "separated). Returns exit_code, stdout, stderr and compiler messages. save=true returns a"
                        + " permlink.",
                "Runbox, self-hosted: every run in its own sandbox",
                (anonymousTier ? "optional on /v1/run (the anonymous tier is on; a key lifts its limits): "
                        : "required on /v1/run: ") + KEY_HEADERS, 4);
    }
}
