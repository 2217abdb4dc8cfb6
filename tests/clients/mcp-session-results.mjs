// session_run's results through the official MCP TypeScript SDK client: a figure of plt.show() as image content,
// a file named by output_files as an embedded resource, a DataFrame left last as a table.
// usage: node mcp-session-results.mjs SERVER_URL API_KEY
// Prints one JSON line per check and exits non-zero on the first failure.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [server, key] = process.argv.slice(2);
function check(name, ok, detail) {
  console.log(JSON.stringify({ check: name, ok, detail }));
  if (!ok) {
    process.exit(1);
  }
}

const client = new Client({ name: "runbox-test", version: "1.0.0" });
await client.connect(new StreamableHTTPClientTransport(new URL(`${server}/mcp`), {
  requestInit: { headers: { Authorization: `Bearer ${key}` } },
}));
const created = await client.callTool({ name: "session_create", arguments: { language: "python" } });
const sid = created.structuredContent.session_id;
const plotted = await client.callTool({ name: "session_run", arguments: { session_id: sid,
  code: "import matplotlib.pyplot as plt\nplt.plot([1, 3, 2])\nplt.show()\nopen('data.csv', 'w').write('x\\n1\\n')",
  output_files: ["*.csv"] } });
const image = plotted.content.find((c) => c.type === "image");
check("session_run returns a shown figure as image content", !plotted.isError && image !== undefined
  && image.mimeType === "image/png" && Buffer.from(image.data, "base64").subarray(1, 4).toString() === "PNG",
  plotted.content.map((c) => c.type));
const resource = plotted.content.find((c) => c.type === "resource");
check("session_run returns a named file as an embedded resource", resource !== undefined
  && resource.resource.uri.endsWith("/data.csv") && resource.resource.text === "x\n1\n"
  && resource.resource.mimeType.startsWith("text/"), resource);
const again = await client.callTool({ name: "session_run", arguments: { session_id: sid, code: "x = 1" } });
check("the next call does not return the figure again", !again.isError
  && !again.content.some((c) => c.type === "image"), again.content.map((c) => c.type));
const table = await client.callTool({ name: "session_run", arguments: { session_id: sid,
  code: "import pandas as pd\npd.DataFrame({'a': [1, 2], 'b': ['x', 'y']})" } });
check("a DataFrame left last comes back as a table", !table.isError
  && JSON.stringify(table.structuredContent.table.records) === '[{"a":1,"b":"x"},{"a":2,"b":"y"}]'
  && table.content.some((c) => c.type === "text" && c.text.startsWith("table (2 rows)")), table.structuredContent);
const bad = await client.callTool({ name: "session_run", arguments: { session_id: sid, code: "1",
  output_files: ["/etc/*"] } });
check("a bad pattern is a tool error the model can read", bad.isError === true
  && bad.content[0].text.includes("output_files"), bad.content);
await client.callTool({ name: "session_close", arguments: { session_id: sid } });
await client.close();
process.exit(0);
