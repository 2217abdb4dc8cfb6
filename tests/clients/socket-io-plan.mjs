// One Socket.IO connection cannot hold more runs than its key's concurrent-run cap.
// usage: node socket-io-plan.mjs http://127.0.0.1:PORT API_KEY CAP PYTHON_COMPILER_ID
// Starts CAP + 1 sleeping runs, one every 1.2 s (the door allows one start per second per connection);
// prints one JSON line per check and exits non-zero on the first failure.
import { check, connect, sleep } from "./socket-io-connect.mjs";

const [server, key, capText, python] = process.argv.slice(2);
const cap = Number(capText);
if (!server || !key || !cap || !python) {
  console.error("usage: node socket-io-plan.mjs SERVER_URL API_KEY CAP PYTHON_COMPILER_ID");
  process.exit(2);
}

const socket = await connect(server, key);
const outputs = [];
const errors = [];
socket.on("codeoutput", (r) => outputs.push(r));
socket.on("error", (e) => errors.push(e));
for (let i = 0; i <= cap; i++) {
  socket.emit("runcode", { compiler: python, code: "import time\ntime.sleep(8)\nprint('slept')", input: "" });
  await sleep(1200);
}
for (let waited = 0; waited < 60000 && (outputs.length < cap || errors.length < 1); waited += 200) {
  await sleep(200);
}
check("the run past the cap is refused", errors.length === 1 && errors[0].code === "too_many_requests"
  && errors[0].message.includes(`${cap} executions at once`) && errors[0].retry_after > 0, errors);
check("the runs within the cap finish", outputs.length === cap
  && outputs.every((o) => o.output === "slept\n" && o.status === "success"), outputs);
check("the connection stays open", socket.connected, socket.connected);
socket.close();
process.exit(0);
