/**
 * Offline check of an add-in manifest against Microsoft's XML manifest schemas:
 * `npm run validate [-- FILE]` (default manifest.xml). It needs nothing outside the project: the
 * schemas are kept in schemas/office-manifest/ (see the README there) and libxml2's xmllint runs
 * as WebAssembly (xmllint-wasm), so it works the same on Windows, Mac and Linux, without the
 * internet and without a system xmllint. Microsoft's online validator is `npm run validate:online`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { validateXML } from "xmllint-wasm";

export const SCHEMA_DIR = resolve(__dirname, "..", "schemas", "office-manifest");
/** The root schema; it imports the others by file name, so they are loaded beside it. */
const ROOT_SCHEMA = "OfficeAppManifestV1_1.xsd";

export interface ManifestCheck {
  valid: boolean;
  /** xmllint's messages, each "file:line: message". Empty when valid. */
  errors: string[];
}

export async function validateManifest(file: string): Promise<ManifestCheck> {
  const schemaFile = (name: string) => ({ fileName: name, contents: readFileSync(join(SCHEMA_DIR, name), "utf8") });
  const others = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".xsd") && f !== ROOT_SCHEMA);
  const result = await validateXML({
    xml: [{ fileName: basename(file), contents: readFileSync(file, "utf8") }],
    schema: [schemaFile(ROOT_SCHEMA)],
    preload: others.map(schemaFile),
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage.trim()) };
}

async function main(): Promise<number> {
  const file = process.argv[2] ?? "manifest.xml";
  const check = await validateManifest(file);
  if (check.valid) {
    console.log(`${file} validates (XML manifest schema, offline)`);
    return 0;
  }
  console.error(`${file} does not validate against the XML manifest schema:`);
  for (const e of check.errors) console.error(`  ${e}`);
  return 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
