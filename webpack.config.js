/**
 * Builds the Excel add-in (task pane + function file) into dist-addin/. The CLI is built by tsc
 * into dist/ (`npm run build`) and is not touched here.
 *
 *   npm run build:addin                                           production, dev URLs in the manifest
 *   ADDIN_BASE_URL=https://example.org/shindan/ npm run build:addin   production, manifest for that host
 *   npm run dev-server                                            dev server, https://localhost:3000/ (npm start runs it and sideloads)
 */
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const webpack = require("webpack");

/**
 * Writes chunks.json beside the bundles: per entry (taskpane, preview, commands) the files its page
 * loads at once ("initial") and those it may load later ("async"), for the bundle budget
 * (test/build.test.ts) and `npm run bench`.
 */
class ChunkListPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("ChunkListPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "ChunkListPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const list = {};
        for (const [name, entry] of compilation.entrypoints) {
          const initial = entry.getFiles().filter((f) => f.endsWith(".js"));
          const later = new Set();
          for (const chunk of entry.chunks) for (const c of chunk.getAllAsyncChunks()) for (const f of c.files) if (f.endsWith(".js")) later.add(f);
          list[name] = { initial, async: [...later].sort() };
        }
        compilation.emitAsset("chunks.json", new webpack.sources.RawSource(JSON.stringify(list, null, 2) + "\n"));
      });
    });
  }
}

/** The base URL manifest.xml is written with (the dev server's). */
const DEV_BASE_URL = "https://localhost:3000/";
const DEV_PORT = 3000;

/** ADDIN_BASE_URL as an absolute https URL ending in "/", or the dev URL when it is not given. */
function baseUrl() {
  const given = (process.env.ADDIN_BASE_URL || "").trim();
  if (!given) return DEV_BASE_URL;
  let url;
  try {
    url = new URL(given);
  } catch {
    throw new Error(`ADDIN_BASE_URL is not a URL: ${given}`);
  }
  if (url.protocol !== "https:") throw new Error(`ADDIN_BASE_URL must be https (Office loads add-ins over https only): ${given}`);
  if (url.search || url.hash) throw new Error(`ADDIN_BASE_URL must not have a query or fragment: ${given}`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** manifest.xml with every dev URL replaced by the base URL. */
function manifestFor(base) {
  return (content) => {
    const text = content.toString("utf8");
    if (!text.includes(DEV_BASE_URL)) throw new Error(`manifest.xml holds no ${DEV_BASE_URL} URL to replace`);
    const out = text.split(DEV_BASE_URL).join(base);
    if (base !== DEV_BASE_URL && /localhost/i.test(out)) throw new Error("manifest.xml still mentions localhost after the base URL was applied");
    return Buffer.from(out, "utf8");
  };
}

/**
 * The dev server's certificate. Only `webpack serve` needs one; production builds never load
 * office-addin-dev-certs. It creates a local CA and a localhost certificate in
 * ~/.office-addin-dev-certs and installs the CA as trusted (Windows and Mac ask for consent; Linux
 * runs sudo). When installing fails (no sudo, a container) the certificate it created is still
 * served: the browser then warns until the CA is trusted (`npx office-addin-dev-certs install`).
 */
async function devHttpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (err) {
    const fs = require("node:fs");
    const dir = path.join(require("node:os").homedir(), ".office-addin-dev-certs");
    const files = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
    if (!Object.values(files).every((f) => fs.existsSync(path.join(dir, f)))) throw err;
    console.warn(
      `[shindan] The dev certificate's CA could not be installed as trusted (${String(err.message || err)
        .split("\n")[0]
        .trim()}).\n` + `[shindan] Serving with ${dir} anyway; trust ${path.join(dir, files.ca)} or run \`npx office-addin-dev-certs install\`.`,
    );
    return Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))]));
  }
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  const base = baseUrl();

  /** @type {import("webpack").Configuration} */
  const config = {
    mode: dev ? "development" : "production",
    // Office's webviews are all modern (Edge WebView2, WKWebView, current browsers): no IE 11.
    target: ["web", "es2020"],
    devtool: dev ? "source-map" : false, // never eval-based: the pages' CSP forbids eval
    // The pane's size is budgeted on what is downloaded, gzip, first load against later chunks
    // (test/build.test.ts, 150 KiB): webpack's hints measure raw bytes against a generic 244 KiB
    // and would only print three warnings on every build.
    performance: { hints: false },
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      // The browser preview (npm run preview): the same pane over a local .xlsx.
      preview: "./src/preview/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist-addin"),
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      chunkFilename: dev ? "[name].chunk.js" : "[name].[contenthash:8].chunk.js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // src/xlsx runs in the preview with ExcelJS's browser build; Node's Buffer comes from the
      // "buffer" package there. Nothing else of Node's is bundled.
      fallback: { buffer: require.resolve("buffer/") },
    },
    module: {
      // ExcelJS's browser build is already a bundle: parsing it again only costs build time.
      noParse: /exceljs[\\/]dist[\\/]exceljs(\.min)?\.js$/,
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Types are checked by `tsc -p tsconfig.addin.json` (npm test); the bundle only transpiles.
          use: { loader: "ts-loader", options: { configFile: path.resolve(__dirname, "tsconfig.addin.json"), transpileOnly: true } },
        },
      ],
    },
    plugins: [
      new webpack.ProvidePlugin({ Buffer: ["buffer", "Buffer"] }),
      // The pane's first download carries Japanese only; English is a chunk of its own (src/i18n/resources.web.ts).
      new webpack.NormalModuleReplacementPlugin(/[\\/]i18n[\\/]resources$/, path.resolve(__dirname, "src/i18n/resources.web.ts")),
      new ChunkListPlugin(),
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new HtmlWebpackPlugin({ filename: "preview.html", template: "./src/preview/preview.html", chunks: ["preview"] }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "src/taskpane/support.html", to: "support.html" },
          { from: "manifest.xml", to: "manifest.xml", transform: manifestFor(base) },
        ],
      }),
    ],
  };

  if (serving) {
    config.devServer = {
      port: DEV_PORT,
      server: { type: "https", options: await devHttpsOptions() },
      headers: { "Access-Control-Allow-Origin": "*" },
      static: false,
      hot: false,
      liveReload: true,
    };
  }
  return config;
};

// For test/build.test.ts.
module.exports.baseUrl = baseUrl;
module.exports.DEV_BASE_URL = DEV_BASE_URL;
