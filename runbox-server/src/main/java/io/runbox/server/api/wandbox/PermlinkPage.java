package io.runbox.server.api.wandbox;

import io.runbox.core.jobs.Permlink;

/** A saved run as a small self-contained HTML page: the code, its input and its output. */
final class PermlinkPage {
    private PermlinkPage() {
    }

    static String render(Permlink p, WandboxRunResult r) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Runbox permlink " + esc(p.id())
                + "</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
                + "pre{background:#111;color:#eee;padding:1rem;overflow:auto;border-radius:6px}"
                + "h2{font-size:1rem;color:#555}</style></head><body>"
                + "<h1>" + esc(p.language()) + " · " + esc(p.compiler()) + "</h1>"
                + "<h2>Code</h2><pre id=\"code\">" + esc(p.code()) + "</pre>"
                + (p.stdin().isEmpty() ? "" : "<h2>Input</h2><pre id=\"stdin\">" + esc(p.stdin()) + "</pre>")
                + (r.compiler_message().isEmpty() ? "" : "<h2>Compiler</h2><pre id=\"compiler\">"
                        + esc(r.compiler_message()) + "</pre>")
                + "<h2>Output</h2><pre id=\"stdout\">" + esc(r.stdout()) + "</pre>"
                + (r.stderr().isEmpty() ? "" : "<h2>Errors</h2><pre id=\"stderr\">" + esc(r.stderr()) + "</pre>")
                + "<p id=\"status\">exit code " + r.exit_code() + (r.signal() == null ? "" : ", " + esc(r.signal()))
                + " · saved " + esc(p.createdAt().toString()) + "</p></body></html>";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
