// The editor component both the widget and the playground are made of: a language selector filled from
// the server's compilers, a CodeMirror 6 editor, a stdin box, a run button, and an output pane showing
// output as the program writes it (through the streaming socket /v1/ws) and the status line.
import { EditorView, basicSetup } from "codemirror";
import { Compartment, EditorState } from "@codemirror/state";
import { oneDark } from "@codemirror/theme-one-dark";
import { languageSupport, SAMPLES } from "./languages";
import { STYLES } from "./styles";

export interface RunnerOptions {
  server: string;          // http(s)://host:port of the Runbox server
  key: () => string;       // the API key to use (read at each run)
  lang?: string;           // a compiler id (python-3.11) or a language id (python)
  theme?: "dark" | "light";
  height?: number;
  interactive?: boolean;   // keep stdin open and show a line to type into while the program runs
}

interface Compiler { name: string; version: string; language: string; language_id: string; is_default: boolean }

export class Runner {
  readonly root: ShadowRoot;
  private view!: EditorView;
  private readonly language = new Compartment();
  private select!: HTMLSelectElement;
  private stdinBox!: HTMLTextAreaElement;
  private output!: HTMLPreElement;
  private status!: HTMLDivElement;
  private runButton!: HTMLButtonElement;
  private liveInput!: HTMLInputElement;
  private socket: WebSocket | null = null;
  private compilers: Compiler[] = [];

  constructor(host: HTMLElement, private readonly opts: RunnerOptions) {
    this.root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
    this.render();
  }

  private render(): void {
    const dark = (this.opts.theme ?? "dark") === "dark";
    this.root.innerHTML = `<style>${STYLES}</style>
      <div class="runbox ${dark ? "dark" : "light"}">
        <div class="bar">
          <select class="lang" aria-label="Language"></select>
          <button class="run" type="button">Run ▶</button>
          <div class="status" role="status"></div>
        </div>
        <div class="editor"></div>
        <textarea class="stdin" placeholder="stdin (optional)" rows="2" aria-label="Standard input"></textarea>
        <pre class="output" aria-label="Output"></pre>
        <input class="live" type="text" placeholder="type input for the running program, Enter to send" hidden>
      </div>`;
    this.select = this.root.querySelector(".lang")!;
    this.stdinBox = this.root.querySelector(".stdin")!;
    this.output = this.root.querySelector(".output")!;
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
        extensions: [basicSetup, this.language.of([]), dark ? oneDark : [], EditorView.theme({ "&": { height: "100%" } })],
      }),
    });
    this.runButton.addEventListener("click", () => this.run());
    this.select.addEventListener("change", () => this.languageChanged(true));
    this.liveInput.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && this.socket) {
        this.socket.send(JSON.stringify({ type: "stdin", data: this.liveInput.value + "\n" }));
        this.append("typed", this.liveInput.value + "\n");
        this.liveInput.value = "";
      }
    });
    void this.loadCompilers();
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

  languageId(): string {
    return this.current()?.language_id ?? "";
  }

  stdin(): string {
    return this.stdinBox.value;
  }

  run(): void {
    if (this.socket) {
      this.socket.send(JSON.stringify({ type: "kill" }));
      return;
    }
    const c = this.current();
    if (!c) return;
    this.output.textContent = "";
    this.setStatus("connecting…", false);
    const url = `${this.opts.server.replace(/^http/, "ws")}/v1/ws?key=${encodeURIComponent(this.opts.key())}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    this.runButton.textContent = "Stop ■";
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: "start", language: c.language_id, version: c.name, code: this.code(),
        stdin: this.stdin() }));
      if (!this.opts.interactive) {
        socket.send(JSON.stringify({ type: "stdin_eof" }));
      }
    };
    socket.onmessage = (e) => this.message(JSON.parse(e.data));
    socket.onclose = () => this.finished();
  }

  private message(m: any): void {
    switch (m.type) {
      case "stage":
        this.setStatus(m.stage === "compile" ? "compiling…" : "running…", false);
        if (m.stage === "run" && this.opts.interactive) {
          this.liveInput.hidden = false;
          this.liveInput.focus();
        }
        break;
      case "stdout": this.append("stdout", m.data); break;
      case "stderr": this.append("stderr", m.data); break;
      case "exit": {
        const stage = m.run ?? m.compile;
        if (!m.run && m.compile) this.append("stderr", m.compile.output);
        const memory = stage.memory_kb >= 1024 ? `${(stage.memory_kb / 1024).toFixed(1)} MB` : `${stage.memory_kb} KB`;
        this.setStatus(`${m.killed ? "stopped" : m.status} · exit ${stage.code}${stage.signal ? ` (signal ${stage.signal})` : ""}`
          + ` · ${stage.time_ms} ms · ${memory}`, m.status !== "OK");
        this.socket?.close();
        break;
      }
      case "error":
        this.setStatus(m.message, true);
        this.socket?.close();
        break;
    }
  }

  private finished(): void {
    this.socket = null;
    this.runButton.textContent = "Run ▶";
    this.liveInput.hidden = true;
  }

  private append(kind: string, text: string): void {
    const span = document.createElement("span");
    span.className = kind;
    span.textContent = text;
    this.output.appendChild(span);
    this.output.scrollTop = this.output.scrollHeight;
  }

  private setStatus(text: string, bad: boolean): void {
    this.status.textContent = text;
    this.status.classList.toggle("bad", bad);
  }
}
