// Every runcode ends with exactly one codeoutput or error event, even when its body is malformed.
// usage: node socket-io-errors.mjs http://127.0.0.1:PORT API_KEY COMPILER
// A runcode whose api_key is a number is refused as an invalid request naming the field (it was once an internal
// error: the door threw where it read the key), and a body of the wrong shape is refused like the REST body's; prints
// one JSON line per check and exits non-zero on the first failure.
import { check, connect, sleep } from "./socket-io-connect.mjs";

const [server, key, compiler] = process.argv.slice(2);
if (!server || !key || !compiler) {
  console.error("usage: node socket-io-errors.mjs SERVER_URL API_KEY COMPILER");
  process.exit(2);
}

const socket = await connect(server, key);
const events = [];
socket.on("codeoutput", (r) => events.push({ event: "codeoutput", body: r }));
socket.on("error", (e) => events.push({ event: "error", body: e }));
const firstEvent = async () => {
  for (let waited = 0; waited < 20000 && events.length === 0; waited += 100) {
    await sleep(100);
  }
};

socket.emit("runcode", { compiler, code: "print('never')", input: "", api_key: 12345 });
await firstEvent();
await sleep(2000);
check("a runcode with a malformed api_key ends with exactly one event", events.length === 1, events);
check("and it is an error without a stack trace", events[0].event === "error" && typeof events[0].body.code === "string"
  && !/Exception|\tat /.test(JSON.stringify(events[0].body)), events[0]);
check("which says the api_key is not a string", events[0].body.code === "invalid_request"
  && events[0].body.field === "api_key" && events[0].body.status === 400, events[0]);

events.length = 0;
socket.emit("runcode", { compiler, code: "print('after')", input: "" });
await firstEvent();
await sleep(1000);
check("the connection runs the next code", events.length === 1 && events[0].event === "codeoutput"
  && events[0].body.output === "after\n", events);

// The runcode body is read as strictly as the REST body: a number is not code, a misspelt field is named.
events.length = 0;
socket.emit("runcode", { compiler, code: 123, input: "", api_key: key });
await firstEvent();
await sleep(1100);
check("a number as code is an invalid request naming the field", events.length === 1 && events[0].event === "error"
  && events[0].body.code === "invalid_request" && events[0].body.field === "code", events);
events.length = 0;
socket.emit("runcode", { compiler, code: "print(input())", inptu: "x" });
await firstEvent();
await sleep(1100);
check("a misspelt field is named with the one it was meant to be", events.length === 1 && events[0].event === "error"
  && events[0].body.code === "unknown_field" && / did you mean 'input'\?$/.test(events[0].body.message), events);
socket.close();
process.exit(0);
