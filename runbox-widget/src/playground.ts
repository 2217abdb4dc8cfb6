// The playground page: one full-size runner with interactive input, a key field, and a share button that
// saves a permlink.
import { Runner } from "./runner";

const keyField = document.getElementById("key") as HTMLInputElement;
keyField.value = localStorage.getItem("runbox.key") ?? "";
keyField.addEventListener("change", () => localStorage.setItem("runbox.key", keyField.value.trim()));

const runner = new Runner(document.getElementById("runner")!, {
  server: location.origin,
  key: () => keyField.value.trim(),
  lang: new URLSearchParams(location.search).get("lang") ?? "python",
  theme: "dark",
  height: Math.max(300, window.innerHeight - 360),
  interactive: true,
});
(window as any).runner = runner;

const share = document.getElementById("share") as HTMLButtonElement;
const link = document.getElementById("link") as HTMLAnchorElement;
share.addEventListener("click", async () => {
  const q = new URLSearchParams({ compiler: runner.compilerId(), code: runner.code(), stdin: runner.stdin(), save: "true" });
  const r = await fetch(`/v1/run?${q}`, { headers: { Authorization: `Bearer ${keyField.value.trim()}` } });
  const body = await r.json();
  if (body.success) {
    link.href = body.data.permlink_url;
    link.textContent = body.data.permlink_url;
  } else {
    link.removeAttribute("href");
    link.textContent = body.message;
  }
});
