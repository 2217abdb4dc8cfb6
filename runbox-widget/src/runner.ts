// The editor component both the widget and the playground are made of: a language selector filled from
// the server's compilers, a CodeMirror 6 editor, a stdin box, a run button, and an output pane showing
// output as the program writes it (through the streaming socket /v1/ws) and the status line, then what the run
// left: its diagnostics marked in the editor and listed, its images and other files (results.ts).
//
// The stdin box is the program's whole input: it is sent, then end-of-file. Only the playground's interactive
// mode keeps input open, for lines typed while the program runs.
import { EditorView, basicSetup } from "codemirror";
import { Compartment, EditorState } from "@codemirror/state";
import { oneDark } from "@codemirror/theme-one-dark";
import { languageSupport, SAMPLES } from "./languages";
import { OutputPane } from "./output";
import { Diagnostic, DiagnosticsList, diagnosticsExtensions } from "./diagnostics";
import { ResultsPane } from "./results";
import { STYLES } from "./styles";

export interface RunnerOptions {
  server: string;          // http(s)://host:port of the Runbox server
  key: () => string;       // the API key to use (read at each run)
  lang?: string;           // a compiler id (python-3.11) or a language id (python)
  theme?: "dark" | "light";
  height?: number;
  interactive?: boolean;   // offer an interactive mode: stdin stays open, a line to type into while it runs
  args?: boolean;          // show a field for the program's arguments
  outputFiles?: string[];  // globs of the files a run leaves to show as downloads (images always come back)
  outputField?: boolean;   // show a field for those globs
}

/** The outcome of the last run, as a permlink saves it (each output text at most RESULT_TEXT_CAP characters). */
export interface RunResult { status: string; exit_code: number; signal: number | null; stdout: string; stderr: string;
  compile_output: string }

const RESULT_TEXT_CAP = 21 * 1024;  // at most 64 KB in UTF-8, what a permlink holds of each

interface Compiler { name: string; version: string; language: string; language_id: string; is_default: boolean }

export class Runner {
  readonly root: ShadowRoot;
  private view!: EditorView;
  private readonly language = new Compartment();
  private select!: HTMLSelectElement;
  private stdinBox!: HTMLTextAreaElement;
  private output!: OutputPane;
  private results!: ResultsPane;
  private diagnostics!: DiagnosticsList;
  private argsField: HTMLInputElement | null = null;
  private outputsField: HTMLInputElement | null = null;
  private interactiveBox: HTMLInputElement | null = null;
  private ended = false;     // the current run's exit or error arrived
  private stopping = false;  // Stop was pressed during the current run
  private result: RunResult | null = null;
  private status!: HTMLDivElement;
  private runButton!: HTMLButtonElement;
  private liveInput!: HTMLInputElement;
  private socket: WebSocket | null = null;
  private interactiveNow = false;
  private compilers: Compiler[] = [];
  /** Settles once the language list is loaded (or could not be). */
  readonly ready: Promise<void>;

  constructor(host: HTMLElement, private readonly opts: RunnerOptions) {
    this.root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
    this.ready = this.render();
  }

  private render(): Promise<void> {
    const dark = (this.opts.theme ?? "dark") === "dark";
    this.root.innerHTML = `<style>${STYLES}</style>
      <div class="runbox ${dark ? "dark" : "light"}">
        <div class="bar">
          <select class="lang" aria-label="Language"></select>
          <button class="run" type="button">Run ▶</button>${this.opts.interactive ? `
          <label class="mode"><input class="interactive" type="checkbox"> interactive</label>` : ""}
          <div class="status" role="status"></div>
        </div>
        <div class="editor"></div>${this.opts.args ? `
        <input class="args" type="text" placeholder="arguments (separated by spaces)" aria-label="Arguments">` : ""}${this.opts.outputField ? `
        <input class="outputs" type="text" aria-label="Files to return"
          placeholder="files to return (globs such as *.csv out/*; images always come back)">` : ""}
        <textarea class="stdin" placeholder="stdin (optional): the program's whole input" rows="2"
          aria-label="Standard input"></textarea>
        <pre class="output" aria-label="Output"></pre>
        <ul class="diagnostics" aria-label="Diagnostics"></ul>
        <div class="results" aria-label="Files the run left"></div>
        <input class="live" type="text" placeholder="type input for the running program, Enter to send" hidden>
      </div>`;
    this.select = this.root.querySelector(".lang")!;
    this.stdinBox = this.root.querySelector(".stdin")!;
    this.output = new OutputPane(this.root.querySelector(".output")!);
    this.results = new ResultsPane(this.root.querySelector(".results")!);
    this.argsField = this.root.querySelector(".args");
    this.outputsField = this.root.querySelector(".outputs");
    if (this.outputsField) this.outputsField.value = (this.opts.outputFiles ?? []).join(" ");
    this.interactiveBox = this.root.querySelector(".interactive");
    this.status = this.root.querySelector(".status")!;
    this.runButton = this.root.querySelector(".run")!;
    this.liveInput = this.root.querySelector(".live")!;
    const editorHost = this.root.querySelector(".editor") as HTMLDivElement;
    editorHost.style.height = `${this.opts.height ?? 400}px`;
    this.view = new EditorView({
      parent: editorHost,
      root: this.root,
      state: EditorState.create({
        doc: "",
        extensions: [basicSetup, diagnosticsExtensions(), EditorView.updateListener.of((u) => {
          if (!u.docChanged) return;
          this.result = null;
          this.diagnostics.clearList();
        }), this.language.of([]), dark ? oneDark : [], EditorView.theme({ "&": { height: "100%" } })],
      }),
    });
    this.diagnostics = new DiagnosticsList(this.root.querySelector(".diagnostics")!, this.view);
    this.runButton.addEventListener("click", () => this.run());
    this.select.addEventListener("change", () => this.languageChanged(true));
    this.liveInput.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && this.socket) {
        this.socket.send(JSON.stringify({ type: "stdin", data: this.liveInput.value + "\n" }));
        this.output.append("typed", this.liveInput.value + "\n");
        this.liveInput.value = "";
      }
    });
    return this.loadCompilers();
  }

  private async loadCompilers(): Promise<void> {
    try {
      const r = await fetch(`${this.opts.server}/v1/compilers`);
      this.compilers = (await r.json()).data.compilers as Compiler[];
    } catch (e) {
      this.setStatus(`cannot reach ${this.opts.server}`, true);
      return;
    }
    // Chosen before the options appear, so that whoever sees them sees the choice too.
    const chosen = await this.pick(this.opts.lang ?? "python");
    for (const c of this.compilers) {
      const o = document.createElement("option");
      o.value = c.name;
      o.textContent = `${c.language} (${c.name})`;
      this.select.appendChild(o);
    }
    this.select.value = chosen;
    this.languageChanged(true);
  }

  /**
   * A compiler for data-lang: the exact id, else the default of what the server says it stands for (a language
   * id or alias, or a compiler id that is not installed, such as python-3.14), else the first compiler.
   */
  private async pick(wanted: string): Promise<string> {
    const exact = this.compilers.find((c) => c.name.toLowerCase() === wanted.trim().toLowerCase());
    if (exact) return exact.name;
    let same: Compiler[] = [];
    try {
      const r = await fetch(`${this.opts.server}/v1/compilers?language=${encodeURIComponent(wanted)}`);
      if (r.ok) same = (await r.json()).data.compilers as Compiler[];
    } catch (e) {
      // The full list loaded; without an answer here the first compiler is as good a choice as any.
    }
    return (same.find((c) => c.is_default) ?? same[0] ?? this.compilers[0]).name;
  }

  private current(): Compiler {
    return this.compilers.find((c) => c.name === this.select.value)!;
  }

  private languageChanged(withSample: boolean): void {
    const c = this.current();
    if (!c) return;
    this.view.dispatch({ effects: this.language.reconfigure(languageSupport(c.language_id)) });
    if (withSample) {
      this.setCode(SAMPLES[c.language_id] ?? "");
    }
  }

  setCode(code: string): void {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: code } });
  }

  code(): string {
    return this.view.state.doc.toString();
  }

  compilerId(): string {
    return this.select.value;
  }

  /** Selects an installed compiler (or the default of what the server says the id stands for), keeping the code. */
  async setCompiler(id: string): Promise<void> {
    await this.ready;
    this.select.value = await this.pick(id);
    this.languageChanged(false);
  }

  /** The arguments, split on whitespace (empty without the field). */
  args(): string[] {
    return (this.argsField?.value ?? "").split(/\s+/).filter((a) => a.length > 0);
  }

  /** The globs of the files to return: the field's, else the options'. */
  outputFiles(): string[] {
    if (!this.outputsField) return this.opts.outputFiles ?? [];
    return this.outputsField.value.split(/\s+/).filter((g) => g.length > 0);
  }

  setArgs(args: string[]): void {
    if (this.argsField) this.argsField.value = args.join(" ");
  }

  setStdin(stdin: string): void {
    this.stdinBox.value = stdin;
  }

  /** The last run's outcome, if it ended with one and the code was not changed since. */
  lastResult(): RunResult | null {
    return this.result;
  }

  /** Output shown of the last run (without the truncation line). */
  outputText(): string {
    return this.output.shownText();
  }

  languageId(): string {
    return this.current()?.language_id ?? "";
  }

  stdin(): string {
    return this.stdinBox.value;
  }

  /** Runs the code, or, while a run is under way, stops it (Stop): its status then says "stopped". */
  run(): void {
    if (this.socket) {
      this.stopping = true;
      if (this.socket.readyState === WebSocket.OPEN) {
        this.socket.send(JSON.stringify({ type: "kill" }));
        this.setStatus("stopping…", false);
      } else {
        this.socket.close();
      }
      return;
    }
    const c = this.current();
    if (!c) return;
    this.output.clear();
    this.results.clear();
    this.diagnostics.show([]);
    this.ended = false;
    this.stopping = false;
    this.result = null;
    const interactive = this.interactiveBox?.checked ?? false;
    this.setStatus("connecting…", false);
    const url = `${this.opts.server.replace(/^http/, "ws")}/v1/ws?key=${encodeURIComponent(this.opts.key())}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    this.runButton.textContent = "Stop ■";
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: "start", language: c.language_id, version: c.name, code: this.code(),
        stdin: this.stdin(), args: this.args(), output_files: this.outputFiles(), output_images: true }));
      if (!interactive) {
        socket.send(JSON.stringify({ type: "stdin_eof" }));
      }
    };
    this.interactiveNow = interactive;
    socket.onmessage = (e) => this.message(JSON.parse(e.data));
    socket.onclose = () => this.finished();
  }

  private message(m: any): void {
    if (m.table) this.results.showTable(m.table);
    switch (m.type) {
      case "stage":
        this.setStatus(m.stage === "compile" ? "compiling…" : "running…", false);
        if (m.stage === "run" && this.interactiveNow) {
          this.liveInput.hidden = false;
          this.liveInput.focus();
        }
        break;
      case "stdout": this.output.append("stdout", m.data); break;
      case "stderr": this.output.append("stderr", m.data); break;
      case "files": this.results.showFiles(m.files ?? []); break;
      case "exit": {
        this.ended = true;
        const stage = m.run ?? m.compile;
        this.result = { status: m.killed ? "KILLED" : m.status, exit_code: stage.code, signal: stage.signal ?? null,
          stdout: (m.run?.stdout ?? "").slice(0, RESULT_TEXT_CAP), stderr: (m.run?.stderr ?? "").slice(0, RESULT_TEXT_CAP),
          compile_output: (m.compile?.output ?? "").slice(0, RESULT_TEXT_CAP) };
        if (!m.run && m.compile) this.output.append("stderr", m.compile.output);
        this.diagnostics.show([...(m.compile?.diagnostics ?? []), ...(m.run?.diagnostics ?? [])] as Diagnostic[]);
        const memory = stage.memory_kb >= 1024 ? `${(stage.memory_kb / 1024).toFixed(1)} MB` : `${stage.memory_kb} KB`;
        if (m.killed) {
          this.setStatus("stopped", false);
        } else {
          this.setStatus(`${m.status} · exit ${stage.code}${stage.signal ? ` (signal ${stage.signal})` : ""}`
            + ` · ${stage.time_ms} ms · ${memory}`, m.status !== "OK");
        }
        this.socket?.close();
        break;
      }
      case "error":
        this.ended = true;
        this.setStatus(m.message, true);
        this.socket?.close();
        break;
    }
  }

  private finished(): void {
    if (!this.ended) {
      if (this.stopping) this.setStatus("stopped", false);
      else this.setStatus(`the connection to ${this.opts.server} closed before the run ended`, true);
    }
    this.socket = null;
    this.runButton.textContent = "Run ▶";
    this.liveInput.hidden = true;
  }

  private setStatus(text: string, bad: boolean): void {
    this.status.textContent = text;
    this.status.classList.toggle("bad", bad);
  }
}
