// Runs python and c through the real piston-client package against a Runbox server.
// usage: node piston-client.mjs http://127.0.0.1:PORT
// Prints one JSON line per check and exits non-zero on the first failure.
import piston from "piston-client";

const server = process.argv[2];
if (!server) {
  console.error("usage: node piston-client.mjs SERVER_URL");
  process.exit(2);
}
const client = piston({ server });

function check(name, ok, detail) {
  console.log(JSON.stringify({ check: name, ok, detail }));
  if (!ok) {
    process.exit(1);
  }
}

const runtimes = await client.runtimes();
check("runtimes", Array.isArray(runtimes) && runtimes.some((r) => r.language === "python")
  && runtimes.some((r) => r.language === "c"), runtimes.length);

const py = await client.execute("python", "import sys\nprint('piston says', sum(range(10)), sys.argv[1:])");
check("python", py.run && py.run.stdout === "piston says 45 ['1', '2', '3']\n" && py.run.code === 0,
  py.run ?? py);

const c = await client.execute("c", '#include <stdio.h>\nint main(void) { puts("hello from c"); return 0; }');
check("c", c.run && c.run.stdout === "hello from c\n" && c.compile && c.compile.code === 0, c.run ?? c);

const withStdin = await client.execute({
  language: "python",
  files: [{ name: "main.py", content: "print(input()[::-1])" }],
  stdin: "runbox",
  args: [],
});
check("stdin", withStdin.run && withStdin.run.stdout === "xobnur\n", withStdin.run ?? withStdin);

const bad = await client.execute("klingon", "x");
check("unknown language", typeof bad.message === "string" && bad.message.includes("klingon"), bad);
