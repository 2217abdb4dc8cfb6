// What the browser scripts share: Debian's Chromium through playwright-core, one JSON line per check, the two
// widths every page is shown at, the horizontal-overflow measure, and the checks of what a run leaves (a plot, a
// CSV, a compile error) in a runner, the widget's or the playground's.
import { chromium } from "playwright-core";

/** Prints the check as one JSON line; a failed check sets a failing exit code and stops the script. */
export function check(name, ok, detail) {
  console.log(JSON.stringify({ check: name, ok, detail }));
  if (!ok) {
    process.exitCode = 1;
    throw new Error(`check failed: ${name}`);
  }
}

/** A figure worth reporting, not a check. */
export function measure(name, value) {
  console.log(JSON.stringify({ measure: name, value }));
}

export const WIDTHS = [1280, 390];

export function launch() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** How far the page is wider than its viewport (0 when nothing overflows sideways). */
export function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Creates a key through the admin API; answers its secret. */
export async function createKey(server, adminToken, body) {
  const r = await fetch(`${server}/admin/keys`, { method: "POST", body: JSON.stringify(body),
    headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" } });
  if (r.status !== 201) {
    throw new Error(`cannot create a key: ${r.status} ${await r.text()}`);
  }
  return (await r.json()).key;
}

/** A plot through plt.show() and a 16-byte CSV. */
export const PLOT = "import matplotlib.pyplot as plt\nplt.plot([1, 4, 9])\nplt.show()\n"
  + "with open('data.csv', 'w') as f:\n    f.write('x,y\\n1,1\\n2,4\\n3,9\\n')\n";

/** C with an error on line 3, column 13 (gcc: 'undefined_name' undeclared). */
export const BROKEN_C = "#include <stdio.h>\nint main(void) {\n    int x = undefined_name;\n    return x;\n}\n";

/** The images under a runner's output: how many, and the first one's decoded width, alt and source prefix. */
export function decodedImage(runner) {
  return runner.locator(".results img").evaluateAll(async (imgs) => {
    if (imgs.length === 0) return { count: 0 };
    await imgs[0].decode().catch(() => {});
    return { count: imgs.length, naturalWidth: imgs[0].naturalWidth, naturalHeight: imgs[0].naturalHeight,
      alt: imgs[0].alt, src: imgs[0].getAttribute("src").slice(0, 40) };
  });
}

/** The download line of data.csv under a runner's output. */
export async function csvLink(runner) {
  const line = runner.locator(".results .file").filter({ hasText: "data.csv" });
  if (await line.count() !== 1) return { count: await line.count() };
  const a = line.locator("a");
  return { text: await line.innerText(), download: await a.getAttribute("download"), href: await a.getAttribute("href") };
}

/**
 * Checks, after BROKEN_C ran in `runner` (a locator of its host): a lint mark on line 3 and a gutter marker, the
 * message on hover, and the listed diagnostic moving the cursor to line 3 when clicked.
 */
export async function lintChecks(name, page, runner) {
  await runner.locator(".cm-lintRange-error").first().waitFor({ timeout: 10000 }).catch(() => {});
  const marked = await runner.locator(".cm-line").evaluateAll((lines) => lines.map((l, i) =>
    ({ line: i + 1, marks: l.querySelectorAll(".cm-lintRange-error").length,
      text: Array.from(l.querySelectorAll(".cm-lintRange-error")).map((m) => m.textContent).join("") }))
    .filter((l) => l.marks > 0));
  const gutter = await runner.locator(".cm-lint-marker-error").count();
  check(`${name}: a C compile error is a lint mark on line 3`, marked.length === 1 && marked[0].line === 3
    && marked[0].text === "undefined_name" && gutter === 1, { marked, gutter });
  await runner.locator(".cm-lintRange-error").first().hover();
  const tooltip = await runner.locator(".cm-tooltip-lint").first().innerText({ timeout: 10000 }).catch(() => "");
  check(`${name}: hovering the mark shows the compiler's message`, tooltip.includes("undefined_name")
    && tooltip.includes("undeclared"), tooltip);
  await page.mouse.move(0, 0);
  await runner.locator(".cm-content").click();
  await page.keyboard.press("Control+Home");
  const item = runner.locator(".diagnostics li").first();
  const listed = await item.innerText();
  await item.click();
  const active = await runner.locator(".cm-activeLine").innerText().catch(() => "");
  check(`${name}: clicking the listed diagnostic moves the cursor to line 3`, listed.includes(":3:13: error:")
    && active.includes("undefined_name"), { listed, active });
}
