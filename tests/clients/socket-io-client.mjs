// Drives Runbox's Socket.IO door with the real socket.io-client, as the onlinecompiler seed shows it.
// usage: node socket-io-client.mjs http://127.0.0.1:PORT API_KEY PYTHON_COMPILER_ID UNINSTALLED_COMPILER_ID
// Prints one JSON line per check and exits non-zero on the first failure.
import { io } from "socket.io-client";

const [server, key, python, uninstalled] = process.argv.slice(2);
if (!server || !key || !python || !uninstalled) {
  console.error("usage: node socket-io-client.mjs SERVER_URL API_KEY PYTHON_COMPILER_ID UNINSTALLED_COMPILER_ID");
  process.exit(2);
}

function check(name, ok, detail) {
  console.log(JSON.stringify({ check: name, ok, detail }));
  if (!ok) {
    process.exit(1);
  }
}

function once(socket, event, ms = 20000) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    socket.once(event, (data) => { clearTimeout(t); resolve(data); });
  });
}

async function session(transports) {
  const socket = io(server, { auth: { token: key }, transports, reconnection: false });
  await once(socket, "connect");
  // Two runs sent back to back: the first runs, the second is refused by the seed's one run per second per
  // connection (counted when a run is sent, so how long the first takes does not matter).
  const output = once(socket, "codeoutput");
  const refused = once(socket, "error");
  socket.emit("runcode", {
    api_key: key,
    compiler: python,
    code: 'name = input()\nprint(f"Hello, {name}!")',
    input: "World",
  });
  socket.emit("runcode", { compiler: python, code: "print(1)", input: "" });
  const error = await refused;
  check(`second run within a second is refused over ${transports.join("+")}`, error.code === "too_many_requests", error);
  const result = await output;
  check(`codeoutput over ${transports.join("+")}`, result.output === "Hello, World!\n" && result.status === "success"
    && result.exit_code === 0 && result.signal === null && typeof result.time === "string"
    && typeof result.total === "string" && typeof result.memory === "string", result);
  socket.close();
}

await session(["websocket"]);
await session(["polling"]);
await session(["polling", "websocket"]);

const bad = io(server, { auth: { token: "rbx_api_not_a_key" }, transports: ["websocket"], reconnection: false });
const badError = await once(bad, "error");
check("a bad key is told why", badError.code === "invalid_key", badError);
const reason = await once(bad, "disconnect");
check("and disconnected", reason === "io server disconnect", reason);

const slow = io(server, { auth: { token: key }, transports: ["websocket"], reconnection: false });
await once(slow, "connect");
slow.emit("runcode", { compiler: uninstalled, code: "print(1)", input: "" });
const notInstalled = await once(slow, "error");
check("an uninstalled compiler is an error event listing what is installed",
  notInstalled.code === "compiler_not_installed" && notInstalled.message.includes(python), notInstalled);
slow.close();

// Files the run leaves: a files event with them, then codeoutput.
const withFiles = io(server, { auth: { token: key }, transports: ["websocket"], reconnection: false });
await once(withFiles, "connect");
const events = [];
withFiles.onAny((event) => events.push(event));
const filesEvent = once(withFiles, "files");
const afterFiles = once(withFiles, "codeoutput");
withFiles.emit("runcode", { compiler: python, input: "", output_files: ["*.csv"],
  code: "open('table.csv', 'w').write('a,b\\n1,2\\n')\nprint('written')" });
const files = await filesEvent;
const ran = await afterFiles;
check("a files event with the run's files comes before codeoutput", ran.output === "written\n"
  && events.indexOf("files") === 0 && events.indexOf("codeoutput") === 1 && files.files.length === 1
  && files.files[0].name === "table.csv" && files.files[0].content === "a,b\n1,2\n", { events, files });
withFiles.close();
process.exit(0);
