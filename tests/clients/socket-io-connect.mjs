// Shared by the Socket.IO test scripts: one JSON line per check (exit 1 on the first failure), and a
// websocket-only connection with the key, awaited for at most 20 s.
import { io } from "socket.io-client";

export function check(name, ok, detail) {
  console.log(JSON.stringify({ check: name, ok, detail }));
  if (!ok) {
    process.exit(1);
  }
}

export async function connect(server, key) {
  const socket = io(server, { auth: { token: key }, transports: ["websocket"], reconnection: false });
  await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("no connect within 20 s")), 20000);
    socket.once("connect", () => { clearTimeout(t); resolve(); });
  });
  return socket;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
