// Drives Runbox's /mcp with the official MCP TypeScript SDK client over Streamable HTTP.
// usage: node mcp-client.mjs SERVER_URL API_KEY C_COMPILER_ID
// Prints one JSON line per check and exits non-zero on the first failure.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [server, key, cCompiler] = process.argv.slice(2);
function check(name, ok, detail) {
  console.log(JSON.stringify({ check: name, ok, detail }));
  if (!ok) {
    process.exit(1);
  }
}

async function connect(token) {
  const client = new Client({ name: "runbox-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(`${server}/mcp`), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return client;
}

const client = await connect(key);
const tools = await client.listTools();
const names = tools.tools.map((t) => t.name).sort();
check("lists both tools with schemas", names.includes("list_compilers") && names.includes("run_code")
  && tools.tools.every((t) => t.inputSchema && t.inputSchema.type === "object" && t.description), names);

const list = await client.callTool({ name: "list_compilers", arguments: { language: "python" } });
check("list_compilers", !list.isError && list.structuredContent.compilers.some((c) => c.id.startsWith("python-")),
  list.structuredContent);

const py = await client.callTool({ name: "run_code", arguments: { language: "python", code: "print(sum(range(1, 101)))" } });
check("run_code python", !py.isError && py.structuredContent.stdout === "5050\n" && py.structuredContent.exit_code === 0
  && py.content[0].text.includes("5050"), py.structuredContent);

const c = await client.callTool({ name: "run_code", arguments: { compiler: cCompiler,
  code: "#include <stdio.h>\nint main(void) { printf(\"hi from c\\n\"); return 0; }" } });
check("run_code c", !c.isError && c.structuredContent.stdout === "hi from c\n" && c.structuredContent.status === "OK",
  c.structuredContent);

const plot = await client.callTool({ name: "run_code", arguments: { language: "python", output_images: true,
  code: "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
    + "plt.plot([1, 4, 9, 16])\nplt.title('squares')\nplt.savefig('plot.png')\nprint('saved')" } });
const image = (plot.content || []).find((item) => item.type === "image");
const png = image ? Buffer.from(image.data, "base64") : Buffer.alloc(0);
check("run_code of a plotting program returns its plot as image content", !plot.isError && image !== undefined
  && image.mimeType === "image/png" && png.subarray(1, 4).toString() === "PNG" && png.length > 1024,
  { content: (plot.content || []).map((item) => item.type), bytes: png.length, stdout: plot.structuredContent?.stdout,
    stderr: plot.structuredContent?.stderr });

const bad = await client.callTool({ name: "run_code", arguments: { language: "klingon", code: "x" } });
check("unknown language is a tool error the model can read", bad.isError === true && bad.content[0].text.includes("klingon"),
  bad.content);
const typed = await client.callTool({ name: "run_code", arguments: { language: "python", code: 123 } });
check("a number as code is a tool error naming the argument", typed.isError === true
  && /\bcode\b/.test(typed.content[0].text) && /string/.test(typed.content[0].text), typed.content);
const misspelt = await client.callTool({ name: "run_code", arguments: { language: "python", code: "print(input())",
  stdn: "x" } });
check("a misspelt argument is named with the one it was meant to be", misspelt.isError === true
  && misspelt.content[0].text === "unknown argument 'stdn'; did you mean 'stdin'?", misspelt.content);
const created = await client.callTool({ name: "session_create", arguments: { language: "python" } });
const sid = created.structuredContent.session_id;
await client.callTool({ name: "session_run", arguments: { session_id: sid, code: "total = 40" } });
await client.callTool({ name: "session_upload_file", arguments: { session_id: sid, filename: "two.txt", content: "2" } });
const ran = await client.callTool({ name: "session_run",
  arguments: { session_id: sid, code: "print(total + int(open('two.txt').read()))" } });
check("session tools keep state and files between calls", !ran.isError && ran.structuredContent.stdout === "42\n",
  ran.structuredContent);
const closed = await client.callTool({ name: "session_close", arguments: { session_id: sid } });
check("session_close", !closed.isError, closed.content);
await client.close();

try {
  await connect("rbx_api_not_a_key");
  check("a bad key is refused", false, "connected");
} catch (e) {
  check("a bad key is refused", String(e).includes("401") || String(e).toLowerCase().includes("unauthorized")
    || String(e).includes("invalid"), String(e));
}
process.exit(0);
