// Drives /docs (Swagger UI over /openapi.json) in real headless Chromium (Debian's, through playwright-core):
// the page renders every operation without a resolver error, and "Try it out" then "Execute" with the defaults
// answers the operation's first documented success status, for the first operation of each tag and each one whose
// defaults fill parameters (query or path examples, the ways Swagger UI fills a request besides the body).
// About 3 s an operation in Chromium on a loaded 2-core host: OpenApiTryItOutTest runs every operation the same
// way over plain HTTP, this checks that Swagger UI builds the requests as that test does.
// usage: node swagger-ui-try-it-out.mjs SERVER_URL API_KEY ADMIN_TOKEN [SCREENSHOT_DIR]
// Operations whose path parameter names something another call makes (no example; the document links it) and the
// WebSocket door cannot run from the page as it stands and are left out here (OpenApiTryItOutTest runs them).
// Prints one JSON line per check; exits non-zero on a failure.
import { chromium } from "playwright-core";

const [server, apiKey, adminToken, shots = "."] = process.argv.slice(2);
function check(name, ok, detail) {
  console.log(JSON.stringify({ check: name, ok, detail }));
  if (!ok) {
    process.exitCode = 1;
  }
}

const begun = Date.now();
const doc = await (await fetch(`${server}/openapi.json`)).json();
const resolve = (node) => {
  while (node && node.$ref) {
    node = node.$ref.slice(2).split("/").map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((n, p) => n[p], doc);
  }
  return node;
};
const operations = [];
const tagsTried = new Set();
for (const [path, item] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(item)) {
    const params = (op.parameters || []).map(resolve);
    const runnable = !op["x-runbox-websocket"] && params.every((p) => p.in !== "path" || p.example !== undefined);
    const filled = params.some((p) => p.example !== undefined);
    const tried = runnable && (filled || !tagsTried.has(op.tags[0]));
    if (tried) {
      tagsTried.add(op.tags[0]);
    }
    const success = Object.keys(op.responses).find((s) => /^[12]/.test(s));
    operations.push({ path, method, op, tried, success });
  }
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (e) => console.log(JSON.stringify({ pageerror: String(e) })));
  await page.goto(`${server}/docs`);
  await page.locator(".opblock").first().waitFor({ timeout: 60000 });
  const rendered = await page.locator(".opblock").count();
  check("every operation is rendered", rendered === operations.length,
    `${rendered} of ${operations.length} in ${Date.now() - begun} ms`);
  const errors = await page.locator(".errors-wrapper").allInnerTexts();
  check("Swagger UI reports no error in the document", errors.length === 0, errors.join(" | "));
  // As a reader would through "Authorize": the api key for the key schemes, the admin token for the admin one.
  await page.evaluate(([key, admin]) => {
    for (const scheme of ["bearer", "runboxKey", "oanorKey"]) {
      window.ui.preauthorizeApiKey(scheme, key);
    }
    window.ui.preauthorizeApiKey("adminToken", admin);
  }, [apiKey, adminToken]);

  for (const { path, method, op, tried, success } of operations) {
    if (!tried) {
      continue;
    }
    const started = Date.now();
    const block = page.locator(`#operations-${op.tags[0].replaceAll(" ", "_")}-${op.operationId}`);
    await block.locator(".opblock-summary").first().click();
    await block.locator(".try-out__btn").click();
    await block.locator("button.execute").click();
    const status = block.locator(".live-responses-table tbody .response-col_status").first();
    await status.waitFor({ timeout: 60000 });
    const got = (await status.innerText()).trim();
    check(`Try it out: ${method.toUpperCase()} ${path}`, got.startsWith(success),
      `${got} (documented ${success}) in ${Date.now() - started} ms`);
    await block.locator(".opblock-summary").first().click();
  }
  // The page as a reader sees it on a desktop and on a phone.
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${shots}/docs-${width}.png`, fullPage: false });
  }
} finally {
  await browser.close();
}
