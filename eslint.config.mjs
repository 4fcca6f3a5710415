// ESLint (flat config): `npm run lint` runs it with --max-warnings 0, then `prettier --check`.
// Formatting is Prettier's alone (.prettierrc.json); no rule here is about layout.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import officeAddins from "eslint-plugin-office-addins";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Code that runs in the task pane's webview or the browser preview. */
const BROWSER = ["src/taskpane/**", "src/commands/**", "src/pane/**", "src/preview/**", "src/excel/**"];

export default defineConfig(
  {
    ignores: ["dist/", "dist-addin/", "coverage/", "out/", "test/fixtures/generated/", "test/fuzz-failures/"],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_name` marks a parameter or binding that is there for its position (a callback's
      // signature, a tuple's slot), not for use.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Japanese text holds the ideographic space (U+3000) on purpose: in strings, patterns,
      // templates and comments it is content. Between tokens of code it is still an error.
      "no-irregular-whitespace": ["error", { skipStrings: true, skipComments: true, skipRegExps: true, skipTemplates: true }],
    },
  },
  {
    files: BROWSER,
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["src/pane/**/*.{ts,tsx}", "src/taskpane/**/*.{ts,tsx}", "src/preview/**/*.{ts,tsx}"],
    ...reactHooks.configs.flat["recommended-latest"],
  },
  {
    // Microsoft's rules for Office.js code (the levels of eslint-plugin-office-addins' own
    // recommended set; its preset is not used whole because it brings its own copy of
    // typescript-eslint and runs Prettier as a lint rule).
    // Only where Office.js is called: elsewhere `.load`, `.value` and `sync` are ExcelJS's or ours.
    files: ["src/excel/**/*.ts", "src/pane/**/*.{ts,tsx}", "src/taskpane/**/*.{ts,tsx}", "src/commands/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "warn",
      "office-addins/no-empty-load": "warn",
      "office-addins/no-navigational-load": "warn",
      "office-addins/no-office-initialize": "warn",
      "office-addins/test-for-null-using-isNullObject": "error",
    },
  },
  {
    // CommonJS: webpack's and jest's configs, the preview's server.
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["test/**"],
    languageOptions: { globals: { ...globals.jest } },
  },
);
