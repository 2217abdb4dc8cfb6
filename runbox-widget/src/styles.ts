// Styles live inside each widget's shadow root, so the host page cannot change them and they cannot leak.
// The bar wraps rather than overflows: at phone width (390 px) the status gets a line of its own.
export const STYLES = `
:host { display: block; margin-block: 16px; }
.runbox { font: 14px/1.4 system-ui, sans-serif; border-radius: 8px; overflow: hidden; border: 1px solid #444;
  max-width: 100%; box-sizing: border-box; }
.runbox.dark { background: #1e2127; color: #d7dae0; }
.runbox.light { background: #fafafa; color: #222; border-color: #ccc; }
.bar { display: flex; flex-wrap: wrap; gap: 6px 8px; align-items: center; padding: 6px 8px; }
.bar select, .bar button { font: inherit; padding: 4px 8px; border-radius: 4px; border: 1px solid #666; }
.bar select { min-width: 0; max-width: 100%; flex: 0 1 auto; }
.run { background: #2f7d32; color: white; cursor: pointer; white-space: nowrap; }
.mode { font-size: 12px; white-space: nowrap; }
.status { flex: 1 1 14em; min-width: 0; text-align: right; font-size: 12px; opacity: .85; overflow-wrap: anywhere; }
.status.bad { color: #e06c75; text-align: left; }
.editor { border-top: 1px solid #444; border-bottom: 1px solid #444; overflow: auto; }
.stdin, .live, .args, .outputs { width: 100%; box-sizing: border-box; font: 13px/1.3 ui-monospace, monospace; border: 0;
  padding: 6px 8px; background: transparent; color: inherit; resize: vertical; }
.args, .outputs { border-bottom: 1px solid #444; }
.output { margin: 0; padding: 8px; min-height: 3em; max-height: 240px; overflow: auto; white-space: pre-wrap;
  overflow-wrap: anywhere; font: 13px/1.3 ui-monospace, monospace; border-top: 1px solid #444; }
.output .stderr { color: #e06c75; }
.output .typed { color: #61afef; }
.output .truncated { font-style: italic; opacity: .8; margin-bottom: 4px; }
.output .truncated a { color: #61afef; }
.diagnostics { list-style: none; margin: 0; padding: 4px 0; border-top: 1px solid #444;
  font: 13px/1.3 ui-monospace, monospace; max-height: 160px; overflow: auto; }
.diagnostics li { padding: 2px 8px; cursor: pointer; white-space: pre-wrap; overflow-wrap: anywhere; }
.diagnostics li:hover, .diagnostics li:focus { background: rgba(128, 128, 128, .2); }
.diagnostics .error { color: #e06c75; }
.diagnostics .warning { color: #d19a66; }
.results { padding: 8px; border-top: 1px solid #444; font-size: 13px; overflow-wrap: anywhere; }
.results .image { margin: 0 0 8px; }
.results img { display: block; max-width: 100%; height: auto; background: white; }
.results .file { margin: 2px 0; }
.results .file.omitted { opacity: .75; font-style: italic; }
.results a { color: #61afef; }
.results .table { border-collapse: collapse; margin: 4px 0; display: block; max-width: 100%; overflow: auto; }
.results th, .results td { border: 1px solid #666; padding: 2px 6px; text-align: left; white-space: nowrap; }
`;
