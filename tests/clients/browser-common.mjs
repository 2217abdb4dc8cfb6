// What the browser scripts share: Debian's Chromium through playwright-core, one JSON line per check, the two
// widths every page is shown at, and the horizontal-overflow measure.
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
