// Bundles the widget and the playground with esbuild into the directory given as the first argument
// (Maven passes target/classes/public, so the server serves them from its classpath).
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";

const out = process.argv[2] ?? "dist";
mkdirSync(out, { recursive: true });
for (const [entry, file] of [["src/widget.ts", "widget.js"], ["src/playground.ts", "playground.js"]]) {
  await build({ entryPoints: [entry], bundle: true, minify: true, format: "iife", target: "es2020",
    outfile: `${out}/${file}`, logLevel: "warning" });
}
copyFileSync("src/index.html", `${out}/index.html`);
console.log(`bundled widget.js, playground.js and index.html into ${out}`);
