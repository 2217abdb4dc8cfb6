// The output pane: what a program writes, shown in batches (one DOM change per animation frame, however many
// chunks arrived), capped at the last SHOWN_CAP characters with a line saying how much is not shown and a link
// that downloads the whole output. A program printing 100,000 lines cannot freeze the page.
//
// Layout stays incremental: each batch of complete lines becomes a block of its own, so appending one does not
// lay out again what is already shown; the line still being written (no newline yet) sits in a tail block that
// is replaced each frame, and is committed once it ends or grows past TAIL_CAP.

/** Characters of output kept on the page; earlier output is dropped from view (still in the download). */
export const SHOWN_CAP = 1 << 20;
/** A line longer than this is shown in pieces rather than laid out again as a whole each frame. */
const TAIL_CAP = 64 * 1024;

const utf8 = new TextEncoder();

type Kind = "stdout" | "stderr" | "typed";
interface Piece { kind: Kind; text: string }

export class OutputPane {
  private readonly notice: HTMLDivElement;
  private readonly text: HTMLDivElement;
  private readonly tail: HTMLDivElement;
  private pending: Piece[] = [];      // arrived since the last frame
  private tailPieces: Piece[] = [];   // the unfinished line, shown in this.tail
  private frame = 0;
  private committed = 0;              // characters in the committed blocks
  private hidden = 0;                 // bytes (UTF-8) dropped from view
  private all: string[] = [];         // everything, for the download
  private download: string | null = null;

  constructor(private readonly pre: HTMLPreElement) {
    this.notice = document.createElement("div");
    this.notice.className = "truncated";
    this.notice.hidden = true;
    this.text = document.createElement("div");
    this.tail = document.createElement("div");
    this.text.appendChild(this.tail);
    pre.append(this.notice, this.text);
  }

  /** Queues text; it appears on the next animation frame together with whatever else arrived by then. */
  append(kind: Kind, text: string): void {
    if (!text) return;
    this.all.push(text);
    push(this.pending, kind, text);
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  /** Empties the pane for the next run. */
  clear(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.pending = [];
    this.tailPieces = [];
    this.all = [];
    this.committed = 0;
    this.hidden = 0;
    this.text.replaceChildren(this.tail);
    this.tail.replaceChildren();
    this.notice.hidden = true;
    this.notice.replaceChildren();
    if (this.download) URL.revokeObjectURL(this.download);
    this.download = null;
  }

  /** What is shown, without the truncation line. */
  shownText(): string {
    return this.text.textContent ?? "";
  }

  private flush(): void {
    this.frame = 0;
    const pieces = this.tailPieces;
    for (const p of this.pending) push(pieces, p.kind, p.text);
    this.pending = [];
    // Everything up to the last newline is complete lines: a new block. The rest is the tail.
    let cut = pieces.length;
    let at = -1;
    while (cut > 0 && at < 0) at = pieces[--cut].text.lastIndexOf("\n");
    let done: Piece[] = [];
    let rest: Piece[] = pieces;
    if (at >= 0) {
      done = pieces.slice(0, cut);
      done.push({ kind: pieces[cut].kind, text: pieces[cut].text.slice(0, at + 1) });
      rest = pieces[cut].text.length > at + 1 ? [{ kind: pieces[cut].kind, text: pieces[cut].text.slice(at + 1) }] : [];
      rest.push(...pieces.slice(cut + 1));
    }
    if (length(rest) > TAIL_CAP) {
      done.push(...rest);
      rest = [];
    }
    if (done.length) {
      this.text.insertBefore(block(done), this.tail);
      this.committed += length(done);
    }
    this.tailPieces = rest;
    this.tail.replaceChildren(...rest.map(span));
    this.trim();
    this.pre.scrollTop = this.pre.scrollHeight;
  }

  /** Drops the oldest output until at most SHOWN_CAP characters are shown. */
  private trim(): void {
    let excess = this.committed + length(this.tailPieces) - SHOWN_CAP;
    while (excess > 0 && this.text.firstChild !== this.tail) {
      const first = this.text.firstChild as HTMLElement;
      const size = first.textContent!.length;
      if (size <= excess) {
        this.hidden += utf8.encode(first.textContent!).length;
        first.remove();
        this.committed -= size;
        excess -= size;
        continue;
      }
      // Cut the front of the oldest block, span by span.
      while (excess > 0 && first.firstChild) {
        const s = first.firstChild as HTMLElement;
        const t = s.textContent!;
        const cut = Math.min(excess, t.length);
        this.hidden += utf8.encode(t.slice(0, cut)).length;
        if (cut === t.length) s.remove();
        else s.textContent = t.slice(cut);
        this.committed -= cut;
        excess -= cut;
      }
    }
    if (this.hidden > 0) this.showNotice();
  }

  private showNotice(): void {
    this.notice.hidden = false;
    const link = document.createElement("a");
    link.textContent = "download all";
    link.download = "output.txt";
    link.href = "#";
    link.addEventListener("click", () => {
      if (this.download) URL.revokeObjectURL(this.download);
      this.download = URL.createObjectURL(new Blob(this.all, { type: "text/plain" }));
      link.href = this.download;
    });
    this.notice.replaceChildren(`output truncated, ${this.hidden} bytes not shown · `, link);
  }
}

/** Adds text to a list of pieces, joining it to the last one of the same kind. */
function push(pieces: Piece[], kind: Kind, text: string): void {
  const last = pieces[pieces.length - 1];
  if (last && last.kind === kind) last.text += text;
  else pieces.push({ kind, text });
}

function length(pieces: Piece[]): number {
  return pieces.reduce((n, p) => n + p.text.length, 0);
}

function span(p: Piece): HTMLSpanElement {
  const s = document.createElement("span");
  s.className = p.kind;
  s.textContent = p.text;
  return s;
}

function block(pieces: Piece[]): HTMLDivElement {
  const d = document.createElement("div");
  d.append(...pieces.map(span));
  return d;
}
