// Runbox's warm compiler for TypeScript: one node process that keeps the TypeScript compiler loaded, serving many
// compiles, one at a time.
//
// Started by Runbox in a box of its own, with its workspace at /box as the working directory, as
// `node .compile-driver.js TSC WARM_UP_ARG...`: TSC is the tsc command's script (the compiler is loaded from its
// package), WARM_UP_ARG... the compile command's options, which the warm-up compiles with so that the first request
// finds the library files parsed. It speaks the session driver protocol over stdin and stdout: the first line is the
// channel's secret nonce; then one request per line, "OP B64_ARG..." ("-" for an empty argument), and for the n-th
// request (from 1) the reply "\x1eRUNBOX NONCE n EXIT B64_STDOUT B64_STDERR CPU_MS", at the start of a line. Nothing
// else is written to stdout.
//   ping                          answers 0 once the compiler is loaded and has compiled (the driver warms up first)
//   compile ARGS [NAME DATA]...   empties /box (never following a link), writes each file NAME (a relative path
//                                 Runbox checked) with DATA, then runs tsc with ARGS (NUL-separated: the compile
//                                 command after its program, starting with TSC) in /box, as the tsc command would:
//                                 its exit code, what it printed (tsc prints diagnostics to stdout), the files it
//                                 wrote, and the CPU time this process spent on it.
// An unknown request is exit 2 with a message; a failure of the driver itself is exit 3 (Runbox then compiles in a
// box of its own). Runbox checks the options and files it sends (no project, build, watch, locale, plugin, argument
// file or output-location options, no tsconfig.json), so a compile here reads and writes what the tsc command reads
// and writes in a box of its own.
//
// What makes a compile fast besides a loaded, compiled compiler: the parsed and bound library files (the lib .d.ts
// files and @types under the tool's node_modules, which the operator installed and no request can change) are kept
// between compiles, keyed as the TypeScript language service keys its shared documents (path, the options that
// affect a source file, language version, module format) and checked against the file's text on every compile. A
// request's own files are never kept.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const readline = require("readline");

const WORKSPACE = "/box";
const TSC = process.argv[2];
const WARM_UP_ARGS = process.argv.slice(3);
const ts = require(path.resolve(path.dirname(TSC), "..")); // the package of the tsc command: its lib/typescript.js
const NODE_MODULES = path.resolve(path.dirname(TSC), "..", "..") + "/"; // the tool's prefix: files kept between compiles
// How many sets of source-file options the kept library files are held for, the last used kept longest: each holds
// some 75 MB (lib.es*.d.ts, lib.dom.d.ts, @types/node), in a box with the compile stage's memory limit.
const KEPT_OPTION_SETS = 2;
const WARM_UP_SOURCE = `
interface Point { x: number; y: number }
const points: Point[] = [];
for (let i = 0; i < 10; i++) points.push({ x: i, y: i * i });
const names = new Map<number, string>();
points.filter((p) => p.x % 2 === 0).forEach((p) => names.set(p.x, String(p.y)));
async function later(n: number): Promise<string> { return JSON.stringify([...names.entries()].slice(0, n)); }
later(3).then((s) => console.log(s, process.argv.length));
const wrong: string = 1;
`;

// tsc's compile path is rebuilt from these functions of the package (exported, not all documented); a TypeScript
// without one of them compiles every request through executeCommandLine itself, as the tsc command does, without
// kept files.
const CAN_KEEP_FILES = ["parseCommandLine", "convertToOptionsWithAbsolutePaths", "getNormalizedAbsolutePath",
  "createDiagnosticReporter", "createCompilerHostWorker", "createGetCanonicalFileName", "changeCompilerHostLikeToUseCache",
  "toPath", "createProgram", "getConfigFileParsingDiagnostics", "emitFilesAndReportErrorsAndGetExitStatus",
  "getErrorSummaryText", "getKeyForCompilerOptions", "isWatchSet", "isIncrementalCompilation"]
    .every((f) => typeof ts[f] === "function") && Array.isArray(ts.sourceFileAffectingCompilerOptions)
    && ts.JSDocParsingMode !== undefined;

/** Parsed library files, by source-file options key (the last used last), then by path: { text, fileName, file }. */
const kept = new Map();

/** The tsc command's compile with `args` in `cwd`: { exit, stdout }. Writes what tsc writes. */
function tsc(args, cwd) {
  const out = [];
  let exit;
  const system = Object.assign({}, ts.sys, {
    args,
    write: (s) => out.push(s),
    writeOutputIsTTY: () => false, // as tsc's stdout in a box: a pipe
    getCurrentDirectory: () => cwd,
    exit: (code) => { exit = code === undefined ? 0 : code; },
  });
  delete system.enableCPUProfiler;
  const build = args.length > 0 && /^--?(build|b)$/i.test(args[0]);
  const commandLine = build || !CAN_KEEP_FILES ? null : ts.parseCommandLine(args, (p) => system.readFile(p));
  if (commandLine && isPlain(commandLine)) {
    performCompilation(system, commandLine);
  } else {
    ts.executeCommandLine(system, () => {}, args);
  }
  return { exit: exit === undefined ? 0 : exit, stdout: out.join("") };
}

/**
 * Whether tsc's executeCommandLineWorker would take its plain path for this command line: files given, no tsconfig
 * read, no watch or incremental build, no statistics or tracing (those need tsc's own `sys`), no locale (global).
 */
function isPlain(commandLine) {
  const o = commandLine.options;
  return commandLine.errors.length === 0 && commandLine.fileNames.length > 0 && !o.locale && !o.init && !o.version
      && !o.help && !o.all && !o.project && !o.showConfig && !o.listFilesOnly && !o.generateCpuProfile
      && !o.generateTrace && !o.diagnostics && !o.extendedDiagnostics && !ts.isWatchSet(o)
      && !ts.isIncrementalCompilation(o);
}

/** tsc's performCompilation (executeCommandLine's path for files on the command line), with library files kept. */
function performCompilation(system, commandLine) {
  const cwd = system.getCurrentDirectory();
  const options = ts.convertToOptionsWithAbsolutePaths(commandLine.options,
      (f) => ts.getNormalizedAbsolutePath(f, cwd));
  const pretty = options.pretty === undefined ? false : options.pretty; // not a TTY: pretty only if asked for
  const reportDiagnostic = ts.createDiagnosticReporter(system, pretty);
  const host = ts.createCompilerHostWorker(options, undefined, system);
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  host.getSourceFile = keptSourceFiles(host.getSourceFile, system, options);
  const getCanonicalFileName = ts.createGetCanonicalFileName(host.useCaseSensitiveFileNames());
  ts.changeCompilerHostLikeToUseCache(host, (f) => ts.toPath(f, cwd, getCanonicalFileName));
  const config = { ...commandLine, options };
  const program = ts.createProgram({
    rootNames: config.fileNames,
    options,
    projectReferences: config.projectReferences,
    host,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(config),
  });
  const exitStatus = ts.emitFilesAndReportErrorsAndGetExitStatus(program, reportDiagnostic,
      (s) => system.write(s + system.newLine),
      pretty ? (count, files) => system.write(ts.getErrorSummaryText(count, files, system.newLine, system)) : undefined);
  return system.exit(exitStatus);
}

/** `getSourceFile` that keeps the parsed files under the tool's node_modules, and only those. */
function keptSourceFiles(getSourceFile, system, options) {
  const optionsKey = ts.getKeyForCompilerOptions(options, ts.sourceFileAffectingCompilerOptions);
  return (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
    const absolute = path.resolve(fileName);
    if (shouldCreateNewSourceFile || !absolute.startsWith(NODE_MODULES) || typeof languageVersionOrOptions !== "object") {
      return getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    }
    const o = languageVersionOrOptions;
    const key = `${optionsKey}|${o.languageVersion}|${o.impliedNodeFormat}|${o.jsDocParsingMode}`;
    const text = system.readFile(fileName);
    let files = kept.get(key);
    if (files) {
      kept.delete(key); // now the last used
      kept.set(key, files);
    }
    const hit = files && files.get(absolute);
    if (hit && text !== undefined && hit.text === text && hit.fileName === fileName) {
      return hit.file;
    }
    const file = getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    if (file && text !== undefined && file.text === text) {
      if (!files) {
        if (kept.size >= KEPT_OPTION_SETS) {
          kept.delete(kept.keys().next().value); // the set used longest ago
        }
        files = new Map();
        kept.set(key, files);
      }
      files.set(absolute, { text, fileName, file });
    }
    return file;
  };
}

/** Deletes everything under `dir`, never following a link (a link is deleted, not what it names). */
function empty(dir) {
  const stack = [[dir, false]];
  while (stack.length > 0) {
    const [d, visited] = stack.pop();
    if (visited) {
      if (d !== dir) fs.rmdirSync(d);
      continue;
    }
    stack.push([d, true]);
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) stack.push([p, false]);
      else fs.unlinkSync(p);
    }
  }
}

/** Writes a request's file, relative to /box, into a workspace emptied before. */
function writeFile(name, data) {
  const file = path.resolve(WORKSPACE, name);
  if (!file.startsWith(WORKSPACE + "/")) throw new Error("a file name outside the workspace");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data, { flag: "wx" });
}

function compile(args) {
  if (args.length < 1 || args.length % 2 !== 1) {
    return { exit: 2, stdout: "", stderr: "compile takes ARGS and NAME DATA pairs\n" };
  }
  const argv = args[0].length === 0 ? [] : args[0].toString("utf8").split("\0");
  if (argv[0] !== TSC) {
    return { exit: 2, stdout: "", stderr: `compile's ARGS must start with ${TSC}\n` };
  }
  empty(WORKSPACE);
  for (let i = 1; i < args.length; i += 2) writeFile(args[i].toString("utf8"), args[i + 1]);
  const { exit, stdout } = tsc(argv.slice(1), WORKSPACE);
  return { exit, stdout, stderr: "" };
}

/** Compiles a small program a few times in a folder of /tmp, so that the first request finds tsc compiled. */
function warmUp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warm"));
  fs.writeFileSync(path.join(dir, "warm.ts"), WARM_UP_SOURCE);
  for (let i = 0; i < 4; i++) tsc([...WARM_UP_ARGS, "--outDir", dir, path.join(dir, "warm.ts")], dir);
  empty(dir);
  fs.rmdirSync(dir);
}

function main() {
  warmUp();
  const b64 = (s) => (s.length ? Buffer.from(s).toString("base64") : "-");
  let nonce = null, calls = 0;
  readline.createInterface({ input: process.stdin, crlfDelay: Infinity }).on("line", (line) => {
    if (nonce === null) { nonce = line.trim(); return; }
    const parts = line.trim().split(" ");
    if (!parts[0]) return;
    calls++;
    const args = parts.slice(1).map((a) => (a === "-" ? Buffer.alloc(0) : Buffer.from(a, "base64")));
    let a;
    const cpu0 = process.cpuUsage();
    try {
      if (parts[0] === "ping") a = { exit: 0, stdout: "", stderr: "" };
      else if (parts[0] === "compile") a = compile(args);
      else a = { exit: 2, stdout: "", stderr: `unknown request ${parts[0]}\n` };
    } catch (e) {
      a = { exit: 3, stdout: "", stderr: `runbox warm compiler: ${e && e.stack ? e.stack : e}\n` };
    }
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
    process.stdout.write(`\n\x1eRUNBOX ${nonce} ${calls} ${a.exit} ${b64(a.stdout)} ${b64(a.stderr)} ${cpuMs}\n`);
  });
}

main();
