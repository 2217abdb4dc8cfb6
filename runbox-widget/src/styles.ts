// Styles live inside each widget's shadow root, so the host page cannot change them and they cannot leak.
export const STYLES = `
:host { display: block; }
.runbox { font: 14px/1.4 system-ui, sans-serif; border-radius: 8px; overflow: hidden; border: 1px solid #444; }
.runbox.dark { background: #1e2127; color: #d7dae0; }
.runbox.light { background: #fafafa; color: #222; border-color: #ccc; }
.bar { display: flex; gap: 8px; align-items: center; padding: 6px 8px; }
.bar select, .bar button { font: inherit; padding: 4px 8px; border-radius: 4px; border: 1px solid #666; }
.run { background: #2f7d32; color: white; cursor: pointer; }
.status { margin-left: auto; font-size: 12px; opacity: .85; }
.status.bad { color: #e06c75; }
.editor { border-top: 1px solid #444; border-bottom: 1px solid #444; overflow: auto; }
.stdin, .live { width: 100%; box-sizing: border-box; font: 13px/1.3 ui-monospace, monospace; border: 0;
  padding: 6px 8px; background: transparent; color: inherit; resize: vertical; }
.output { margin: 0; padding: 8px; min-height: 3em; max-height: 240px; overflow: auto; white-space: pre-wrap;
  font: 13px/1.3 ui-monospace, monospace; border-top: 1px solid #444; }
.output .stderr { color: #e06c75; }
.output .typed { color: #61afef; }
`;
