// widget.js: one script tag, then <div class="runcode" data-key=... data-lang=... data-theme=dark|light
// data-height=... data-output-files="*.csv out/*"> (or id="runcode") becomes an editor that runs code on this Runbox
// server; data-output-files names the files a run leaves to offer as downloads (images always show).
import { Runner } from "./runner";

const script = document.currentScript as HTMLScriptElement | null;
const server = script ? new URL(script.src).origin : location.origin;

function mountAll(): void {
  const hosts = new Set<HTMLElement>([
    ...Array.from(document.querySelectorAll<HTMLElement>(".runcode")),
    ...(document.getElementById("runcode") ? [document.getElementById("runcode") as HTMLElement] : []),
  ]);
  for (const host of hosts) {
    if ((host as any).runbox) continue;
    const d = host.dataset;
    (host as any).runbox = new Runner(host, {
      server,
      key: () => d.key ?? "",
      lang: d.lang,
      theme: d.theme === "light" ? "light" : "dark",
      height: d.height ? Number(d.height) : 400,
      outputFiles: (d.outputFiles ?? "").split(/\s+/).filter((g) => g.length > 0),
    });
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountAll);
} else {
  mountAll();
}
