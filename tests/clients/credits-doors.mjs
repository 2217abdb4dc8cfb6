// A self-service key's credits are spent by runs on the doors that are not REST: MCP (run_code, session_run) and
// Socket.IO (runcode). Give it exactly 3 credits (one run costs 1): the first run on each door runs, then each
// door refuses the next with the 402 of used-up credits.
// usage: node credits-doors.mjs SERVER_URL KEY_WITH_3_CREDITS PYTHON_COMPILER_ID
// Prints one JSON line per check and exits non-zero on the first failure.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { check, connect, sleep } from "./socket-io-connect.mjs";

const [server, key, python] = process.argv.slice(2);
if (!server || !key || !python) {
  console.error("usage: node credits-doors.mjs SERVER_URL KEY_WITH_3_CREDITS PYTHON_COMPILER_ID");
  process.exit(2);
}

const mcp = new Client({ name: "runbox-credits-test", version: "1.0.0" });
await mcp.connect(new StreamableHTTPClientTransport(new URL(`${server}/mcp`), {
  requestInit: { headers: { Authorization: `Bearer ${key}` } },
}));
const socket = await connect(server, key);
const events = [];
socket.on("codeoutput", (r) => events.push({ event: "codeoutput", r }));
socket.on("error", (e) => events.push({ event: "error", e }));
async function runcode() {
  const before = events.length;
  socket.emit("runcode", { compiler: python, code: "print('io')", input: "" });
  for (let waited = 0; waited < 30000 && events.length === before; waited += 100) {
    await sleep(100);
  }
  return events[before];
}

const run = await mcp.callTool({ name: "run_code", arguments: { language: "python", code: "print('mcp')" } });
check("MCP run_code runs on a credit", !run.isError && run.structuredContent.stdout === "mcp\n", run.content);
const created = await mcp.callTool({ name: "session_create", arguments: { language: "python" } });
check("session_create is no run", !created.isError, created.content);
const sid = created.structuredContent.session_id;
const ran = await mcp.callTool({ name: "session_run", arguments: { session_id: sid, code: "print('session')" } });
check("MCP session_run runs on a credit", !ran.isError && ran.structuredContent.stdout === "session\n", ran.content);
const io = await runcode();
check("Socket.IO runcode runs on the last credit", io && io.event === "codeoutput" && io.r.output === "io\n", io);

const refusedRun = await mcp.callTool({ name: "run_code", arguments: { language: "python", code: "print('mcp')" } });
check("MCP run_code is refused: credits used up", refusedRun.isError === true
  && refusedRun.content[0].text.includes("used up its credits"), refusedRun.content);
const refusedSession = await mcp.callTool({ name: "session_run", arguments: { session_id: sid, code: "print(1)" } });
check("MCP session_run is refused: credits used up", refusedSession.isError === true
  && refusedSession.content[0].text.includes("used up its credits"), refusedSession.content);
await sleep(1100); // the door allows one run per second per connection
const refusedIo = await runcode();
check("Socket.IO runcode is refused with 402", refusedIo && refusedIo.event === "error"
  && refusedIo.e.code === "credits_exhausted" && refusedIo.e.status === 402, refusedIo);

await mcp.callTool({ name: "session_close", arguments: { session_id: sid } });
await mcp.close();
socket.close();
process.exit(0);
