// Drives widget.js in real headless Chromium (Debian's, through playwright-core), embedded in pages served from
// another origin (this script's own server on a free port), as a customer site would embed it.
// usage: node browser-widget.mjs SERVER_URL API_KEY ADMIN_TOKEN [SCREENSHOT_DIR]
// A widget key for that origin is made through the admin API once the port is known. Each page is shown at 1280
// and 390 px. Prints one JSON line per check; exits non-zero on a failure. Screenshots go to SCREENSHOT_DIR.
import http from "node:http";
import { check, createKey, horizontalOverflow, launch, WIDTHS, PLOT, BROKEN_C, decodedImage, csvLink, lintChecks }
  from "./browser-common.mjs";

const [server, apiKey, adminToken, shots = "."] = process.argv.slice(2);

let pages = {};
const host = http.createServer((req, res) => {
  res.setHeader("Content-Type", "text/html");
  res.end(pages[req.url] ?? pages["/"]);
});
await new Promise((r) => host.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${host.address().port}`;
const widgetKey = await createKey(server, adminToken, { type: "widget", plan: "unlimited", origins: [origin] });

pages = {
  "/": `<!doctype html><html><head><title>host</title><meta name="viewport" content="width=device-width, initial-scale=1">
<style>div { color: red !important; }</style></head><body>
<h1>A customer page</h1>
<div class="runcode" id="w1" data-key="${widgetKey}" data-lang="python-3.14" data-theme="dark" data-height="200"></div>
<div class="runcode" id="w2" data-key="${widgetKey}" data-lang="c" data-theme="light" data-height="200"></div>
<div class="runcode" id="w3" data-key="${widgetKey}" data-lang="GCC-13" data-height="100"></div>
<script src="${server}/widget.js"></script></body></html>`,
  // The onlinecompiler seed's "Quick Start", as written there, with only the script's host and the key changed.
  "/quickstart": `<!-- 1. Add the widget script (before </body>) -->
<script src="${server}/widget.js"></script>
<!-- 2. Add a div with your API key -->
<div class="runcode"
data-key="${widgetKey}"
data-lang="python-3.14">
</div>`,
  // What a run leaves: a plot and a CSV from Python, a compile error from C.
  "/results": `<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
<div class="runcode" id="plot" data-key="${widgetKey}" data-lang="python" data-height="160" data-output-files="*.csv"></div>
<div class="runcode" id="broken" data-key="${widgetKey}" data-lang="c" data-height="160"></div>
<script src="${server}/widget.js"></script></body></html>`,
  // The seed's "YOUR_API_KEY" filled in with a server key of type api, not a widget key.
  "/apikey": `<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
<div class="runcode" data-key="${apiKey}" data-lang="python"></div>
<script src="${server}/widget.js"></script></body></html>`,
};

function loaded(page, selector) {
  return page.waitForFunction((s) => document.querySelector(s)?.shadowRoot?.querySelectorAll("option").length > 5,
    selector);
}

async function runAndWait(page, widget, text, timeout) {
  await widget.locator("button.run").click();
  await widget.locator(".status").filter({ hasText: text }).waitFor({ timeout }).catch(async () => {
    check(`run ended with '${text}'`, false, { status: await widget.locator(".status").innerText(),
      output: await widget.locator(".output").innerText() });
  });
}

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (e) => console.log(JSON.stringify({ pageerror: String(e) })));
  await page.goto(`${origin}/`);

  const w1 = page.locator("#w1");
  const w2 = page.locator("#w2");
  await w1.locator(".cm-content").waitFor();
  await loaded(page, "#w1");
  const shadow = await page.evaluate(() => document.querySelector("#w1").shadowRoot?.mode);
  check("widget renders inside an open shadow root", shadow === "open", shadow);
  const lang1 = await w1.locator("select.lang").inputValue();
  check("data-lang python-3.14 falls back to the installed python", lang1.startsWith("python-"), lang1);
  const lang2 = await w2.locator("select.lang").inputValue();
  check("second widget picks its own language", lang2.startsWith("gcc-"), lang2);
  // The server says what an id stands for (the rule the onlinecompiler dialect applies), case and all.
  await loaded(page, "#w3");
  const lang3 = await page.locator("#w3").locator("select.lang").inputValue();
  check("data-lang GCC-13 falls back to the installed gcc", lang3.startsWith("gcc-"), lang3);
  const highlighted = await w1.locator(".cm-content span").count();
  check("the editor highlights syntax", highlighted > 0, highlighted);

  const boxes = await Promise.all([w1.boundingBox(), w2.boundingBox()]);
  const gap = boxes[1].y - (boxes[0].y + boxes[0].height);
  check("stacked widgets have a gap between them", gap >= 8, `${gap} px`);

  // Item 5: the default sample, run as it stands with nothing in the stdin box, ends cleanly.
  await runAndWait(page, w1, "exit", 20000);
  const first = { status: await w1.locator(".status").innerText(), output: await w1.locator(".output").innerText(),
    stderr: await w1.locator(".output .stderr").count() };
  check("the default Python sample runs cleanly without input", first.status.startsWith("OK · exit 0")
    && first.output.includes("Hello, World!") && first.stderr === 0, first);

  await w1.locator(".stdin").fill("Ada");
  await runAndWait(page, w1, "exit 0", 20000);
  const out1 = await w1.locator(".output").innerText();
  check("python widget runs with stdin and streams the output", out1.includes("Hello, Ada!"), out1);
  const status1 = await w1.locator(".status").innerText();
  check("status line shows exit code, time and memory", /OK · exit 0 · \d+ ms · [\d.]+ (KB|MB)/.test(status1), status1);

  // Item 2: the stdin box is the whole input, ended: one line without a newline does not leave input() waiting.
  await page.evaluate(() => document.querySelector("#w1").runbox.setCode("print(input()[::-1])\n"));
  await w1.locator(".stdin").fill("only-one-line");
  await runAndWait(page, w1, "exit", 20000);
  const oneLine = { status: await w1.locator(".status").innerText(), output: await w1.locator(".output").innerText() };
  check("stdin without a trailing newline is the whole input", oneLine.status.startsWith("OK · exit 0")
    && oneLine.output.includes("enil-eno-ylno"), oneLine);

  await w2.locator(".cm-content").click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type('#include <stdio.h>\nint main(void) { printf("from widget two\\n"); return 3; }\n');
  await runAndWait(page, w2, "exit 3", 30000);
  const out2 = await w2.locator(".output").innerText();
  check("c widget compiles and runs independently", out2.includes("from widget two"), out2);
  const out1Again = await w1.locator(".output").innerText();
  check("the first widget's output is untouched", out1Again === oneLine.output, out1Again);

  // Item 4: usable at phone width: nothing overflows sideways, the status line stays short.
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await horizontalOverflow(page);
    check(`two widgets at ${width} px: no horizontal overflow`, overflow <= 0, `${overflow} px`);
    const lines = await page.evaluate(() => {
      const s = document.querySelector("#w1").shadowRoot.querySelector(".status");
      return Math.round(s.getBoundingClientRect().height / parseFloat(getComputedStyle(s).lineHeight));
    });
    check(`widget status at ${width} px takes at most two lines`, lines <= 2, `${lines} lines`);
    await page.screenshot({ path: `${shots}/widgets-${width}.png`, fullPage: true });
  }

  const qs = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await qs.goto(`${origin}/quickstart`);
  const q = qs.locator(".runcode");
  await loaded(qs, ".runcode");
  await runAndWait(qs, q, "exit", 20000);
  const qFirst = await q.locator(".output").innerText();
  check("the seed's Quick Start HTML works as written, first run included", qFirst.includes("Hello, World!")
    && (await q.locator(".status").innerText()).startsWith("OK · exit 0"), qFirst);
  await q.locator(".stdin").fill("Seed");
  await runAndWait(qs, q, "exit 0", 20000);
  const qOut = await q.locator(".output").innerText();
  check("the Quick Start widget reads the stdin box", qOut.includes("Hello, Seed!"), qOut);
  for (const width of WIDTHS) {
    await qs.setViewportSize({ width, height: 900 });
    check(`Quick Start at ${width} px: no horizontal overflow`, await horizontalOverflow(qs) <= 0, width);
    await qs.screenshot({ path: `${shots}/quick-start-${width}.png`, fullPage: true });
  }

  // Issue 17: a plot shows inline, a CSV is a download with its size, a compile error is a lint mark on its line.
  const rs = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  rs.on("pageerror", (e) => console.log(JSON.stringify({ pageerror: String(e) })));
  await rs.goto(`${origin}/results`);
  const plot = rs.locator("#plot");
  await loaded(rs, "#plot");
  await rs.evaluate((c) => document.querySelector("#plot").runbox.setCode(c), PLOT);
  await runAndWait(rs, plot, "exit", 90000);
  await plot.locator(".results img").first().waitFor({ timeout: 10000 }).catch(() => {});
  const image = await decodedImage(plot);
  check("widget: plt.show() shows the plot inline as a decoded image", image.count === 1 && image.naturalWidth > 0
    && image.alt.endsWith(".png") && image.src.startsWith("data:image/png;base64,"), image);
  const csv = await csvLink(plot);
  check("widget: a CSV the run wrote is a download link with its size", csv.text === "data.csv — 16 B"
    && csv.download === "data.csv" && csv.href.startsWith("blob:"), csv);
  for (const width of WIDTHS) {
    await rs.setViewportSize({ width, height: 900 });
    check(`plot widget at ${width} px: no horizontal overflow`, await horizontalOverflow(rs) <= 0, width);
    await rs.screenshot({ path: `${shots}/widget-plot-${width}.png`, fullPage: true });
  }
  await rs.setViewportSize({ width: 1280, height: 900 });
  await rs.evaluate(() => document.querySelector("#plot").runbox.setCode("print('no plot')\n"));
  await runAndWait(rs, plot, "exit 0", 30000);
  const cleared = await plot.locator(".results img, .results .file").count();
  check("widget: the next run clears the images and files", cleared === 0, cleared);

  const broken = rs.locator("#broken");
  await loaded(rs, "#broken");
  await rs.evaluate((c) => document.querySelector("#broken").runbox.setCode(c), BROKEN_C);
  await runAndWait(rs, broken, "exit", 30000);
  await lintChecks("widget", rs, broken);
  await rs.screenshot({ path: `${shots}/widget-lint-1280.png`, fullPage: true });
  await broken.locator(".cm-content").press("End");
  await rs.keyboard.type(" ");
  const afterEdit = { marks: await broken.locator(".cm-lintRange-error").count(),
    listed: await broken.locator(".diagnostics li").count() };
  check("widget: an edit clears the lint marks and the list", afterEdit.marks === 0 && afterEdit.listed === 0, afterEdit);

  // Item 6: an api key in data-key runs nothing from a page of another site, and the widget says why.
  const ak = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await ak.goto(`${origin}/apikey`);
  const a = ak.locator(".runcode");
  await loaded(ak, ".runcode");
  await a.locator("button.run").click();
  await a.locator(".status.bad").filter({ hasText: "widget key" }).waitFor({ timeout: 20000 }).catch(() => {});
  const refused = { status: await a.locator(".status").innerText(), output: await a.locator(".output").innerText() };
  check("an api key in data-key is refused from another site's page and the widget says why",
    refused.status.includes("cannot be used from a web page") && refused.status.includes("widget key")
    && !refused.output.includes("Hello"), refused);
  for (const width of WIDTHS) {
    await ak.setViewportSize({ width, height: 900 });
    check(`api-key refusal at ${width} px: no horizontal overflow`, await horizontalOverflow(ak) <= 0, width);
    await ak.screenshot({ path: `${shots}/widget-api-key-refused-${width}.png`, fullPage: true });
  }
} finally {
  await browser.close();
  host.close();
}
