package io.runbox.server.api.wandbox;

import io.runbox.core.jobs.Permlink;

/**
 * A saved run as a small self-contained HTML page: the code, its arguments, its input and its output (when it was
 * run before it was saved), and a link that opens it in the playground ({@code /?permlink=ID}).
 */
final class PermlinkPage {
    private static final String HEAD = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>";
    private static final String STYLE = "</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;"
            + "margin:2rem auto;padding:0 1rem}pre{background:#111;color:#eee;padding:1rem;overflow:auto;"
            + "border-radius:6px}h2{font-size:1rem;color:#555}a{color:#1565c0}</style></head><body>";

    private PermlinkPage() {
    }

    /** The page of a saved run; {@code r} is {@code null} when it was saved without a run. */
    static String render(Permlink p, WandboxRunResult r) {
        String args = p.args().isEmpty() ? "" : String.join(" ", p.args().split("\n"));
        return HEAD + "Runbox permlink " + esc(p.id()) + STYLE
                + "<h1>" + esc(p.language()) + " · " + esc(p.compiler()) + "</h1>"
                + "<p><a id=\"open\" href=\"/?permlink=" + esc(p.id()) + "\">Open in playground</a></p>"
                + "<h2>Code</h2><pre id=\"code\">" + esc(p.code()) + "</pre>"
                + (args.isEmpty() ? "" : "<h2>Arguments</h2><pre id=\"args\">" + esc(args) + "</pre>")
                + (p.stdin().isEmpty() ? "" : "<h2>Input</h2><pre id=\"stdin\">" + esc(p.stdin()) + "</pre>")
                + (r == null ? "<p id=\"status\">saved without a run · " + esc(p.createdAt().toString()) + "</p>"
                        : result(r) + "<p id=\"status\">exit code " + r.exit_code()
                                + (r.signal() == null ? "" : ", " + esc(r.signal())) + " · saved "
                                + esc(p.createdAt().toString()) + "</p>")
                + "</body></html>";
    }

    /** The page a browser gets for an id that names no permlink (answered with 404). */
    static String notFound(String id) {
        return HEAD + "No such permlink" + STYLE + "<h1>No such permlink</h1><p id=\"missing\">Nothing was saved as <code>"
                + esc(id) + "</code>: the link may be mistyped or cut short.</p>"
                + "<p><a href=\"/\">Open the playground</a></p></body></html>";
    }

    private static String result(WandboxRunResult r) {
        return (r.compiler_message().isEmpty() ? "" : "<h2>Compiler</h2><pre id=\"compiler\">"
                        + esc(r.compiler_message()) + "</pre>")
                + "<h2>Output</h2><pre id=\"stdout\">" + esc(r.stdout()) + "</pre>"
                + (r.stderr().isEmpty() ? "" : "<h2>Errors</h2><pre id=\"stderr\">" + esc(r.stderr()) + "</pre>");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
