// The playground page: one full-size runner with an interactive mode and arguments, a key field, and a share
// button that saves the code, its input and its last result as a permlink (POST /v1/permlinks, nothing re-runs).
// /?permlink=ID opens a saved run.
import { Runner } from "./runner";

const keyField = document.getElementById("key") as HTMLInputElement;
keyField.value = localStorage.getItem("runbox.key") ?? "";
keyField.addEventListener("change", () => localStorage.setItem("runbox.key", keyField.value.trim()));

const params = new URLSearchParams(location.search);
const runner = new Runner(document.getElementById("runner")!, {
  server: location.origin,
  key: () => keyField.value.trim(),
  lang: params.get("lang") ?? "python",
  theme: "dark",
  height: Math.max(240, window.innerHeight - 400),
  interactive: true,
  args: true,
  outputField: true,
});
(window as any).runner = runner;

const share = document.getElementById("share") as HTMLButtonElement;
const link = document.getElementById("link") as HTMLAnchorElement;
const shareStatus = document.getElementById("share-status") as HTMLSpanElement;

function shareFailed(message: string): void {
  link.hidden = true;
  shareStatus.textContent = `Share failed: ${message}`;
}

share.addEventListener("click", async () => {
  link.hidden = true;
  shareStatus.textContent = "saving…";
  const body = JSON.stringify({ language: runner.languageId(), version: runner.compilerId(), code: runner.code(), stdin: runner.stdin(),
    args: runner.args(), result: runner.lastResult() });
  let r: Response;
  try {
    r = await fetch("/v1/permlinks", { method: "POST", body,
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${keyField.value.trim()}` } });
  } catch (e) {
    shareFailed(`the server did not answer (${e instanceof Error ? e.message : String(e)})`);
    return;
  }
  let answer: any = null;
  try {
    answer = await r.json();
  } catch (e) {
    // Not JSON: a proxy's page, say; the status line below says what happened.
  }
  if (r.ok && answer?.url) {
    shareStatus.textContent = "";
    link.hidden = false;
    link.href = answer.url;
    link.textContent = answer.url;
    return;
  }
  const why = answer?.error?.message ?? (r.status === 413 ? "the code is too large to save"
    : r.status === 414 ? "the request is too long" : r.status === 429 ? "too many requests; try again in a moment"
    : r.status >= 500 ? "the server failed" : "the server refused it");
  shareFailed(`${why} (HTTP ${r.status})`);
});

// Opens a saved run: its compiler, code, input and arguments.
const saved = params.get("permlink");
if (saved) {
  void (async () => {
    try {
      const r = await fetch(`/p/${encodeURIComponent(saved)}`, { headers: { Accept: "application/json" } });
      const answer = await r.json();
      if (!r.ok) throw new Error(answer.message ?? answer.error?.message ?? `HTTP ${r.status}`);
      const p = answer.data;
      await runner.setCompiler(p.compiler);
      runner.setCode(p.code);
      runner.setStdin(p.stdin);
      runner.setArgs(p.args ? p.args.split("\n") : []);
    } catch (e) {
      shareStatus.textContent = `cannot open permlink ${saved}: ${e instanceof Error ? e.message : String(e)}`;
    }
  })();
}
