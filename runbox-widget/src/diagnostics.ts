// A run's diagnostics in the editor: CodeMirror lint marks at their line and column (the message on hover, a
// marker in the gutter) and a list under the output where a click puts the cursor on the place and scrolls to it.
// Both go at the next run or the next edit.
//
// The runner sends its code as the request's only file, and the server names in diagnostics only the request's
// files, so each diagnostic it sends is about the code in the editor.
import { EditorState, Extension, Text } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { Diagnostic as Mark, diagnosticCount, lintGutter, setDiagnostics } from "@codemirror/lint";

/**
 * A diagnostic as a stage carries it (`compile.diagnostics`, `run.diagnostics`): line and column from 1, column 0
 * meaning the whole line.
 */
export interface Diagnostic { file: string; line: number; column: number; severity: "error" | "warning" | "note";
  message: string }

const SEVERITY: Record<string, Mark["severity"]> = { error: "error", warning: "warning", note: "info" };

/** The editor extensions: the lint gutter, and the marks cleared by any edit. */
export function diagnosticsExtensions(): Extension {
  return [lintGutter(), EditorState.transactionExtender.of((tr) => tr.docChanged && diagnosticCount(tr.startState) > 0
    ? { effects: setDiagnostics(tr.startState, []).effects } : null)];
}

export class DiagnosticsList {
  constructor(private readonly list: HTMLUListElement, private readonly view: EditorView) {
    list.hidden = true;
  }

  /** Marks `found` in the editor and lists them; an empty list clears both. */
  show(found: Diagnostic[]): void {
    const doc = this.view.state.doc;
    const marks = found.map((d) => mark(doc, d));
    this.view.dispatch(setDiagnostics(this.view.state, marks));
    this.list.replaceChildren(...found.map((d, i) => this.item(d, marks[i])));
    this.list.hidden = found.length === 0;
  }

  /** Empties the list (the marks go with the edit that made it stale). */
  clearList(): void {
    this.list.replaceChildren();
    this.list.hidden = true;
  }

  private item(d: Diagnostic, m: Mark): HTMLLIElement {
    const li = document.createElement("li");
    li.className = `diagnostic ${m.severity}`;
    li.tabIndex = 0;
    li.setAttribute("role", "button");
    li.textContent = `${d.file}:${d.line}${d.column > 0 ? `:${d.column}` : ""}: ${d.severity}: ${d.message}`;
    const go = () => {
      this.view.dispatch({ selection: { anchor: m.from },
        effects: EditorView.scrollIntoView(m.from, { y: "center" }) });
      this.view.focus();
    };
    li.addEventListener("click", go);
    li.addEventListener("keydown", (e) => { if (e.key === "Enter") go(); });
    return li;
  }
}

/**
 * The range a diagnostic marks: from its column to the end of the word there (at least one character), or the
 * whole line for column 0; a line or column past the end falls on the last line or at the end of its line.
 */
function mark(doc: Text, d: Diagnostic): Mark {
  const line = doc.line(Math.min(Math.max(1, d.line), doc.lines));
  let from = line.from;
  let to = line.to;
  if (d.column > 0) {
    from = Math.min(line.from + d.column - 1, line.to);
    const word = /^\w+/.exec(line.text.slice(from - line.from));
    to = Math.min(from + Math.max(1, word ? word[0].length : 1), line.to);
    if (from === to && from > line.from) from--;
  }
  return { from, to, severity: SEVERITY[d.severity] ?? "error", message: d.message, source: d.file };
}
