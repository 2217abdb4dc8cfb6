// Runbox session driver for Node.js: one vm context kept between calls (see python/session.py for the protocol).
// The nonce and the call count live in this module's scope, which the code run in the context cannot see.
const vm = require("vm");
const fs = require("fs");
const readline = require("readline");
const util = require("util");

const context = vm.createContext({ require, process, Buffer, setTimeout, clearTimeout, setInterval, clearInterval });
let out = [], err = [];
context.console = {
  log: (...a) => out.push(util.format(...a) + "\n"), info: (...a) => out.push(util.format(...a) + "\n"),
  error: (...a) => err.push(util.format(...a) + "\n"), warn: (...a) => err.push(util.format(...a) + "\n"),
};
const b64 = (s) => (s.length ? Buffer.from(s).toString("base64") : "-");
let nonce = null, calls = 0;
const reply = (code, o = "", e = "") =>
  process.stdout.write(`\n\x1eRUNBOX ${nonce} ${calls} ${code} ${b64(o)} ${b64(e)}\n`);

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (nonce === null) { nonce = line.trim(); return; }
  const parts = line.trim().split(/\s+/);
  if (!parts[0]) return;
  calls++;
  const args = parts.slice(1).map((a) => Buffer.from(a, "base64"));
  if (parts[0] === "exec") {
    out = []; err = [];
    let code = 0;
    try {
      vm.runInContext(args[0].toString(), context, { filename: "session.js" });
    } catch (e) {
      err.push((e && e.stack ? e.stack : String(e)) + "\n");
      code = 1;
    }
    reply(code, out.join(""), err.join(""));
  } else if (parts[0] === "write") {
    // Written beside its name, then renamed over it: a link left at the name is replaced, never followed.
    try {
      const name = args[0].toString();
      const dir = fs.realpathSync(require("path").dirname(require("path").join("/box", name)));
      if (dir !== "/box" && !dir.startsWith("/box/")) throw new Error(`a link on the way to ${name} leads out of the workspace`);
      const tmp = `${dir}/.runbox-upload-${process.pid}`;
      fs.rmSync(tmp, { force: true });
      fs.writeFileSync(tmp, args[1] || Buffer.alloc(0), { flag: "wx" });
      fs.renameSync(tmp, `${dir}/${require("path").basename(name)}`);
      reply(0);
    } catch (e) { reply(1, "", String(e)); }
  } else {
    reply(2, "", "unknown op");
  }
});
