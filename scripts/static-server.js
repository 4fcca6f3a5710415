/**
 * A minimal static file server over node's http module, for the browser preview
 * (scripts/preview.js) and the browser tests (test/browser). Files only: no directory listings,
 * no path traversal, nothing outside `root` (symbolic links that lead out of it included).
 *
 *   const { startStaticServer } = require("./static-server");
 *   const server = await startStaticServer({ root: "dist-addin", port: 0 });
 *   console.log(server.url); // http://127.0.0.1:PORT/
 *   await server.close();
 *
 * Responses carry `Cache-Control: no-store` (a rebuilt pane is never served stale) and
 * `X-Content-Type-Options: nosniff`. GET and HEAD only.
 */
"use strict";
const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The MIME type for a file name (application/octet-stream when unknown). */
function mimeType(file) {
  return MIME[path.extname(file).toLowerCase()] || "application/octet-stream";
}

function send(res, status, text, headOnly) {
  const body = Buffer.from(`${text}\n`, "utf8");
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": body.length,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(headOnly ? undefined : body);
}

/**
 * The file under `root` a URL path names, or null when the path is malformed or leads outside
 * root. `root` must be an absolute, real path.
 */
function resolveUnder(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // NUL bytes, backslashes (Windows separators) and any ".." segment are refused outright,
  // before normalisation could hide them.
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  if (decoded.split("/").some((seg) => seg === "..")) return null;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

/**
 * Starts serving `root`. Resolves once listening.
 * @param {{ root: string, port?: number, host?: string }} options port 0 (default) picks a free port
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
function startStaticServer({ root, port = 0, host = "127.0.0.1" } = {}) {
  if (!root) return Promise.reject(new Error("startStaticServer: root is required"));
  let realRoot;
  try {
    realRoot = fs.realpathSync(path.resolve(root));
    if (!fs.statSync(realRoot).isDirectory()) throw new Error("not a directory");
  } catch (e) {
    return Promise.reject(new Error(`startStaticServer: ${root} is not a directory (${e.message})`));
  }

  const server = http.createServer((req, res) => {
    const headOnly = req.method === "HEAD";
    if (req.method !== "GET" && !headOnly) {
      res.setHeader("Allow", "GET, HEAD");
      return send(res, 405, "Method Not Allowed", false);
    }
    let pathname;
    try {
      pathname = new URL(req.url || "/", "http://localhost").pathname;
    } catch {
      return send(res, 400, "Bad Request", headOnly);
    }
    // The raw request path too: URL() already folds "/a/../b", which must be refused, not served.
    const rawPath = (req.url || "/").split("?")[0].split("#")[0];
    if (resolveUnder(realRoot, rawPath) === null) return send(res, 403, "Forbidden", headOnly);
    const file = resolveUnder(realRoot, pathname);
    if (file === null) return send(res, 403, "Forbidden", headOnly);

    fs.realpath(file, (err, real) => {
      if (err) return send(res, 404, "Not Found", headOnly);
      // A symbolic link inside root that points outside it is refused too.
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return send(res, 403, "Forbidden", headOnly);
      fs.stat(real, (err2, st) => {
        // No directory listings, no index files: a directory is simply not found.
        if (err2 || !st.isFile()) return send(res, 404, "Not Found", headOnly);
        res.writeHead(200, {
          "Content-Type": mimeType(real),
          "Content-Length": st.size,
          "Cache-Control": "no-store",
          "X-Content-Type-Options": "nosniff",
        });
        if (headOnly) return res.end();
        const stream = fs.createReadStream(real);
        stream.on("error", () => res.destroy());
        stream.pipe(res);
      });
    });
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const actual = server.address().port;
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${actual}/`,
        port: actual,
        close: () =>
          new Promise((done, fail) => {
            server.close((e) => (e ? fail(e) : done()));
            // Keep-alive connections (a browser's) would hold close() open.
            if (typeof server.closeAllConnections === "function") server.closeAllConnections();
          }),
      });
    });
  });
}

module.exports = { startStaticServer, mimeType, resolveUnder };
