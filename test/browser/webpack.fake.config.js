/**
 * Test only: bundles test/browser/fakeOffice.ts (the strict Excel fake dressed as Office.js) into
 * one classic script for the browser tests, which serve it in place of Office.js's CDN URL.
 *
 *   npx webpack -c test/browser/webpack.fake.config.js          → test/browser/.build/fakeOffice.js
 *   fakeOfficeConfig({ outDir })                                 (the tests build into a temp dir)
 *
 * In the browser `exceljs` resolves to its prebuilt browser bundle (its package.json "browser"
 * field); the fake's own uses of Node's Buffer get the `buffer` package. No eval-based source
 * maps: the task pane's Content-Security-Policy forbids eval.
 */
const path = require("node:path");
const webpack = require("webpack");

const ROOT = path.resolve(__dirname, "..", "..");

/** @returns {import("webpack").Configuration} */
function fakeOfficeConfig({ outDir = path.join(__dirname, ".build") } = {}) {
  return {
    mode: "development",
    devtool: false,
    target: ["web", "es2020"],
    context: ROOT,
    entry: { fakeOffice: path.join(__dirname, "fakeOffice.ts") },
    output: { path: outDir, filename: "[name].js", clean: false, iife: true },
    resolve: {
      extensions: [".ts", ".js"],
      // Webpack 5 has no Node polyfills: Buffer comes from the `buffer` package.
      fallback: { buffer: require.resolve("buffer/") },
    },
    module: {
      // ExcelJS's browser bundle is prebuilt (browserify, UMD): parse nothing in it.
      noParse: /[\\/]exceljs[\\/]dist[\\/]exceljs(\.min)?\.js$/,
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: path.join(ROOT, "tsconfig.json"),
              transpileOnly: true, // npm test type-checks it (tsconfig.json includes test/)
              compilerOptions: { module: "es2020", target: "es2020", sourceMap: false },
            },
          },
        },
      ],
    },
    plugins: [new webpack.ProvidePlugin({ Buffer: ["buffer", "Buffer"] })],
    performance: { hints: false },
    infrastructureLogging: { level: "error" },
    stats: "errors-warnings",
  };
}

/** Builds the bundle; resolves with its path. */
function buildFakeOffice(options = {}) {
  const config = fakeOfficeConfig(options);
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(`fakeOffice bundle failed:\n${stats.toString("errors-only")}`));
      resolve(path.join(config.output.path, "fakeOffice.js"));
    });
  });
}

module.exports = () => fakeOfficeConfig();
module.exports.fakeOfficeConfig = fakeOfficeConfig;
module.exports.buildFakeOffice = buildFakeOffice;
