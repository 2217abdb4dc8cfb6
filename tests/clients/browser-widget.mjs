// Drives the widget and the playground in real headless Chromium (Debian's, through playwright-core).
// usage: node browser-widget.mjs SERVER_URL API_KEY WIDGET_KEY HOST_PORT [SCREENSHOT_DIR]
// The widget is embedded in a page served from another origin (http://127.0.0.1:HOST_PORT), as a customer
// site would embed it; WIDGET_KEY allows that origin. Prints one JSON line per check; exits non-zero on a failure.
import http from "node:http";
import { chromium } from "playwright-core";

const [server, apiKey, widgetKey, hostPort, shots = "."] = process.argv.slice(2);
function check(name, ok, detail) {
  console.log(JSON.stringify({ check: name, ok, detail }));
  if (!ok) {
    process.exitCode = 1;
    throw new Error(`check failed: ${name}`);
  }
}

const page1 = `<!doctype html><html><head><title>host</title><style>div { color: red !important; }</style></head><body>
<h1>A customer page</h1>
<div class="runcode" id="w1" data-key="${widgetKey}" data-lang="python-3.14" data-theme="dark" data-height="200"></div>
<div class="runcode" id="w2" data-key="${widgetKey}" data-lang="c" data-theme="light" data-height="200"></div>
<div class="runcode" id="w3" data-key="${widgetKey}" data-lang="GCC-13" data-height="100"></div>
<script src="${server}/widget.js"></script></body></html>`;
// The onlinecompiler seed's "Quick Start", as written there, with only the script's host and the key changed.
const quickStart = `<!-- 1. Add the widget script (before </body>) -->
<script src="${server}/widget.js"></script>
<!-- 2. Add a div with your API key -->
<div class="runcode"
data-key="${widgetKey}"
data-lang="python-3.14">
</div>`;
const host = http.createServer((req, res) => {
  res.setHeader("Content-Type", "text/html");
  res.end(req.url === "/quickstart" ? quickStart : page1);
});
await new Promise((r) => host.listen(Number(hostPort), "127.0.0.1", r));

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => console.log(JSON.stringify({ pageerror: String(e) })));
  await page.goto(`http://127.0.0.1:${hostPort}/`);

  const w1 = page.locator("#w1");
  const w2 = page.locator("#w2");
  await w1.locator(".cm-content").waitFor();
  await page.waitForFunction(() => document.querySelector("#w1").shadowRoot.querySelectorAll("option").length > 5);
  const shadow = await page.evaluate(() => document.querySelector("#w1").shadowRoot?.mode);
  check("widget renders inside an open shadow root", shadow === "open", shadow);
  const lang1 = await w1.locator("select.lang").inputValue();
  check("data-lang python-3.14 falls back to the installed python", lang1.startsWith("python-"), lang1);
  const lang2 = await w2.locator("select.lang").inputValue();
  check("second widget picks its own language", lang2.startsWith("gcc-"), lang2);
  // The server says what an id stands for (the rule the onlinecompiler dialect applies), case and all.
  await page.waitForFunction(() => document.querySelector("#w3").shadowRoot.querySelectorAll("option").length > 5);
  const lang3 = await page.locator("#w3").locator("select.lang").inputValue();
  check("data-lang GCC-13 falls back to the installed gcc", lang3.startsWith("gcc-"), lang3);
  const highlighted = await w1.locator(".cm-content span").count();
  check("the editor highlights syntax", highlighted > 0, highlighted);

  await w1.locator(".stdin").fill("Ada");
  await w1.locator("button.run").click();
  await w1.locator(".status").filter({ hasText: "exit 0" }).waitFor({ timeout: 20000 }).catch(async (e) => {
    check("python widget run finished", false, { status: await w1.locator(".status").innerText(),
      output: await w1.locator(".output").innerText() });
  });
  const out1 = await w1.locator(".output").innerText();
  check("python widget runs with stdin and streams the output", out1.includes("Hello, Ada!"), out1);
  const status1 = await w1.locator(".status").innerText();
  check("status line shows exit code, time and memory", /OK · exit 0 · \d+ ms · [\d.]+ (KB|MB)/.test(status1), status1);

  await w2.locator(".cm-content").click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type('#include <stdio.h>\nint main(void) { printf("from widget two\\n"); return 3; }\n');
  await w2.locator("button.run").click();
  await w2.locator(".status").filter({ hasText: "exit 3" }).waitFor({ timeout: 30000 });
  const out2 = await w2.locator(".output").innerText();
  check("c widget compiles and runs independently", out2.includes("from widget two"), out2);
  const out1Again = await w1.locator(".output").innerText();
  check("the first widget's output is untouched", out1Again === out1, out1Again);
  await page.screenshot({ path: `${shots}/two-widgets.png`, fullPage: true });

  const qs = await browser.newPage();
  await qs.goto(`http://127.0.0.1:${hostPort}/quickstart`);
  const q = qs.locator(".runcode");
  await qs.waitForFunction(() => document.querySelector(".runcode").shadowRoot?.querySelectorAll("option").length > 5);
  await q.locator(".stdin").fill("World");
  await q.locator("button.run").click();
  await q.locator(".status").filter({ hasText: "exit 0" }).waitFor({ timeout: 20000 });
  const qOut = await q.locator(".output").innerText();
  check("the seed's Quick Start HTML works as written", qOut.includes("Hello, World!"), qOut);
  await qs.screenshot({ path: `${shots}/quick-start.png`, fullPage: true });

  // The playground on the server's own origin, with interactive input and a permlink.
  const pg = await browser.newPage();
  await pg.goto(`${server}/`);
  await pg.locator("#key").fill(apiKey);
  await pg.locator("#key").dispatchEvent("change");
  const runner = pg.locator("#runner");
  await pg.waitForFunction(() => document.querySelector("#runner").shadowRoot.querySelectorAll("option").length > 5);
  // Auto-indent makes typing Python unreliable; the editor's content is set through the page's runner.
  await pg.evaluate(() => window.runner.setCode(
    "while True:\n    line = input()\n    if line == 'quit':\n        break\n    print(line[::-1], flush=True)\n"));
  await runner.locator("button.run").click();
  await runner.locator(".live").waitFor({ state: "visible", timeout: 20000 }).catch(async () => {
    check("playground run started", false, { status: await runner.locator(".status").innerText() });
  });
  await runner.locator(".live").fill("hello");
  await runner.locator(".live").press("Enter");
  await runner.locator(".output .stdout").filter({ hasText: "olleh" }).waitFor({ timeout: 10000 });
  check("playground: typed input reaches the running program", true, await runner.locator(".output").innerText());
  await runner.locator(".live").fill("quit");
  await runner.locator(".live").press("Enter");
  await runner.locator(".status").filter({ hasText: "exit 0" }).waitFor({ timeout: 10000 });
  await pg.locator("#share").click();
  await pg.locator("#link").filter({ hasText: "/p/" }).waitFor({ timeout: 10000 });
  const permlink = await pg.locator("#link").getAttribute("href");
  await pg.screenshot({ path: `${shots}/playground.png`, fullPage: true });
  const saved = await (await fetch(permlink)).json();
  check("playground: share saves a permlink", saved.data.code.includes("line[::-1]"), permlink);
} finally {
  await browser.close();
  host.close();
}
