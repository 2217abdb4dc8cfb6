// What a run leaves besides its output, shown under it: images inline, other files as download links with their
// sizes (those the server did not return, or returned in part, marked so), and tables. Nothing a program wrote
// becomes markup: images only through <img src="data:…"> (SVG too, so its scripts never run), text only through
// textContent, tables built cell by cell from their records, never from their html.

/** A file a run left, as the server sends it (`{type: "files", files: [...]}`). */
export interface OutputFile { name: string; size: number; mime: string; encoding: "utf-8" | "base64" | null;
  content: string | null; truncated: boolean; omitted: boolean }

/** A table as a session returns one: its columns and its first rows, column name to value. */
export interface Table { columns: string[]; records: Record<string, unknown>[] }

const IMAGE_MIME = /^image\/[a-z0-9.+-]+$/i;

export class ResultsPane {
  private urls: string[] = [];

  constructor(private readonly box: HTMLDivElement) {
    box.hidden = true;
  }

  /** Empties the pane (and frees its downloads) for the next run. */
  clear(): void {
    for (const u of this.urls) URL.revokeObjectURL(u);
    this.urls = [];
    this.box.replaceChildren();
    this.box.hidden = true;
  }

  showFiles(files: OutputFile[]): void {
    for (const f of files) {
      this.box.appendChild(shownInline(f) ? image(f) : this.link(f));
    }
    this.box.hidden = this.box.childElementCount === 0;
  }

  showTable(t: Table): void {
    const table = document.createElement("table");
    table.className = "table";
    const head = table.createTHead().insertRow();
    for (const c of t.columns) {
      const th = document.createElement("th");
      th.textContent = c;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const r of t.records) {
      const row = body.insertRow();
      for (const c of t.columns) row.insertCell().textContent = r[c] === null || r[c] === undefined ? "" : String(r[c]);
    }
    this.box.appendChild(table);
    this.box.hidden = false;
  }

  /** A download link for a returned file, or, for one the server left out, its name and size saying so. */
  private link(f: OutputFile): HTMLElement {
    const line = document.createElement("div");
    line.className = "file";
    const size = ` — ${formatSize(f.size)}`;
    if (f.omitted || f.content === null) {
      line.classList.add("omitted");
      line.textContent = `${f.name}${size}, not returned`;
      return line;
    }
    const a = document.createElement("a");
    a.download = f.name.slice(f.name.lastIndexOf("/") + 1);
    a.textContent = f.name;
    const data: Uint8Array<ArrayBuffer> = f.encoding === "base64" ? bytes(f.content)
      : new TextEncoder().encode(f.content);
    const url = URL.createObjectURL(new Blob([data], { type: f.mime || "application/octet-stream" }));
    this.urls.push(url);
    a.href = url;
    line.append(a, size + (f.truncated ? `, truncated: only the first ${formatSize(data.length)} returned` : ""));
    return line;
  }
}

function shownInline(f: OutputFile): boolean {
  return IMAGE_MIME.test(f.mime) && f.encoding === "base64" && !f.omitted && !f.truncated && !!f.content;
}

function image(f: OutputFile): HTMLElement {
  const figure = document.createElement("figure");
  figure.className = "image";
  const img = document.createElement("img");
  img.alt = f.name;
  img.title = `${f.name} — ${formatSize(f.size)}`;
  img.src = `data:${f.mime};base64,${f.content}`;
  figure.appendChild(img);
  return figure;
}

function bytes(base64: string): Uint8Array<ArrayBuffer> {
  const raw = atob(base64);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/** 512 B, 3.4 KB, 200 MB. */
export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  const [value, unit] = n < 1 << 20 ? [n / 1024, "KB"] : n < 1 << 30 ? [n / (1 << 20), "MB"] : [n / (1 << 30), "GB"];
  return `${value >= 10 ? Math.round(value) : Number(value.toFixed(1))} ${unit}`;
}
