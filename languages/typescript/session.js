// Runbox session driver for TypeScript: each call's code is type-checked after the code of the calls that ran
// before it, transpiled with the installed typescript, and run in one node vm context kept between calls (see
// python/session.py for the protocol, javascript/session.js for the context). A call with type errors is exit 1
// with tsc's messages and does not run, as tsc's compile would fail; the options are the compile command's.
// Started as: node .session-driver.js TSC, where TSC is the typescript package's bin/tsc (its JavaScript API beside).
// The nonce and the call count live in this module's scope, which the code run in the context cannot see.
const vm = require("vm");
const fs = require("fs");
const path = require("path");
const readline = require("readline");
const util = require("util");

const tsDir = path.resolve(process.argv[2], "..", "..");
const ts = require(path.join(tsDir, "lib", "typescript.js"));
const options = {
  target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true,
  types: ["node"], typeRoots: [path.join(tsDir, "..", "@types")], noEmit: true,
};

// The type checker sees one file: the code of every call that ran, then the new call's code.
const FILE = "/box/session.ts";
let history = "";
let current = "";
let version = 0;
const host = {
  getScriptFileNames: () => [FILE],
  getScriptVersion: (f) => (f === FILE ? String(version) : "0"),
  getScriptSnapshot: (f) => f === FILE ? ts.ScriptSnapshot.fromString(history + current)
    : fs.existsSync(f) ? ts.ScriptSnapshot.fromString(fs.readFileSync(f, "utf8")) : undefined,
  getCurrentDirectory: () => "/box",
  getCompilationSettings: () => options,
  getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
  fileExists: (f) => f === FILE || ts.sys.fileExists(f),
  readFile: (f) => (f === FILE ? history + current : ts.sys.readFile(f)),
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
};
const service = ts.createLanguageService(host, ts.createDocumentRegistry());

/** tsc's messages for the new call's code, with its own line numbers; empty when it type-checks. */
function typeErrors(code) {
  current = code;
  version++;
  const diagnostics = [...service.getSyntacticDiagnostics(FILE), ...service.getSemanticDiagnostics(FILE)]
    .filter((d) => d.category === ts.DiagnosticCategory.Error && (d.file === undefined || d.start >= history.length));
  const prefixLines = history.split("\n").length - 1;
  return diagnostics.map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file) return `error TS${d.code}: ${text}\n`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `session.ts(${line - prefixLines + 1},${character + 1}): error TS${d.code}: ${text}\n`;
  }).join("");
}

const context = vm.createContext({ require, process, Buffer, setTimeout, clearTimeout, setInterval, clearInterval });
context.exports = {};
context.module = { exports: context.exports };
let out = [], err = [];
context.console = {
  log: (...a) => out.push(util.format(...a) + "\n"), info: (...a) => out.push(util.format(...a) + "\n"),
  error: (...a) => err.push(util.format(...a) + "\n"), warn: (...a) => err.push(util.format(...a) + "\n"),
};
const b64 = (s) => (s.length ? Buffer.from(s).toString("base64") : "-");
let nonce = null, calls = 0;
const reply = (code, o = "", e = "") =>
  process.stdout.write(`\n\x1eRUNBOX ${nonce} ${calls} ${code} ${b64(o)} ${b64(e)}\n`);

function run(code) {
  out = []; err = [];
  const errors = typeErrors(code + "\n");
  current = "";
  if (errors) return reply(1, "", errors);
  const js = ts.transpileModule(code, { compilerOptions: { ...options, noEmit: false } }).outputText;
  let status = 0;
  try {
    vm.runInContext(js, context, { filename: "session.ts" });
  } catch (e) {
    err.push((e && e.stack ? e.stack : String(e)) + "\n");
    status = 1;
  }
  // Code that ran stays part of the program later calls are checked against, as its declarations stay defined.
  if (status === 0) history += code + "\n";
  reply(status, out.join(""), err.join(""));
}

typeErrors("");   // loads the library files once, before the first call waits on them
current = "";

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (nonce === null) { nonce = line.trim(); return; }
  const parts = line.trim().split(/\s+/);
  if (!parts[0]) return;
  calls++;
  const args = parts.slice(1).map((a) => Buffer.from(a === "-" ? "" : a, "base64"));
  if (parts[0] === "exec") {
    run((args[0] || Buffer.alloc(0)).toString());
  } else if (parts[0] === "write") {
    // Written beside its name, then renamed over it: a link left at the name is replaced, never followed.
    try {
      const name = args[0].toString();
      const dir = fs.realpathSync(path.dirname(path.join("/box", name)));
      if (dir !== "/box" && !dir.startsWith("/box/")) throw new Error(`a link on the way to ${name} leads out of the workspace`);
      const tmp = `${dir}/.runbox-upload-${process.pid}`;
      fs.rmSync(tmp, { force: true });
      fs.writeFileSync(tmp, args[1] || Buffer.alloc(0), { flag: "wx" });
      fs.renameSync(tmp, `${dir}/${path.basename(name)}`);
      reply(0);
    } catch (e) { reply(1, "", String(e)); }
  } else {
    reply(2, "", "unknown op");
  }
});
