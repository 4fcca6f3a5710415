#!/usr/bin/env node
/**
 * The browser preview: serves the production build in dist-addin/ on this machine only
 * (127.0.0.1) and prints the preview page's address.
 *
 *   npm run preview                 (builds the add-in first)
 *   node scripts/preview.js [--port 3001]
 *
 * The preview page reads the .xlsx you choose in the browser itself: nothing is uploaded, this
 * server only hands out the pane's files.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { startStaticServer } = require("./static-server");

const ROOT = path.resolve(__dirname, "..", "dist-addin");
const DEFAULT_PORT = 3001;

function usage(message) {
  if (message) console.error(`preview: ${message}`);
  console.error("usage: node scripts/preview.js [--port PORT]   (PORT 0 picks a free one; default 3001)");
  process.exit(2);
}

function parsePort(argv) {
  let port = DEFAULT_PORT;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    let value;
    if (arg === "--port" || arg === "-p") value = argv[++i];
    else if (arg.startsWith("--port=")) value = arg.slice("--port=".length);
    else if (arg === "--help" || arg === "-h") {
      console.log("usage: node scripts/preview.js [--port PORT]   (PORT 0 picks a free one; default 3001)");
      process.exit(0);
    } else usage(`unknown argument: ${arg}`);
    if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65535) usage(`--port needs a number from 0 to 65535, got ${value ?? "nothing"}`);
    port = Number(value);
  }
  return port;
}

async function main() {
  const port = parsePort(process.argv.slice(2));
  if (!fs.existsSync(path.join(ROOT, "preview.html"))) {
    console.error(
      `preview: ${path.relative(process.cwd(), path.join(ROOT, "preview.html")) || "dist-addin/preview.html"} is missing: run npm run build:addin first`,
    );
    process.exit(1);
  }
  let server;
  try {
    server = await startStaticServer({ root: ROOT, port, host: "127.0.0.1" });
  } catch (e) {
    const hint = e && e.code === "EADDRINUSE" ? ` (port ${port} is in use: try --port ${port + 1}, or --port 0 for any free port)` : "";
    console.error(`preview: cannot start the server: ${e && e.message ? e.message : e}${hint}`);
    process.exit(1);
  }
  console.log(`Preview: http://localhost:${server.port}/preview.html`);
  console.log("Serving dist-addin/ on this machine only; press Ctrl+C to stop.");
  const stop = () => {
    server.close().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
