/**
 * Optional online check of manifest.xml with Microsoft's `office-addin-manifest validate`, which
 * posts the manifest to Microsoft's validation service: `npm run validate:online [-- FILE]`.
 * Skipped (exit 0, with a note) when that service cannot be reached; `npm run validate` is the
 * offline schema check that always runs. npx uses the office-addin-manifest that
 * office-addin-debugging (npm start) brings when its version matches, else fetches it.
 */
import { spawnSync } from "node:child_process";
import { connect } from "node:net";

const SERVICE_HOST = "validationgateway.omex.office.net";
const TOOL = "office-addin-manifest@3.0.0";

function reachable(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

async function main(): Promise<number> {
  const manifest = process.argv[2] ?? "manifest.xml";
  if (!(await reachable(SERVICE_HOST, 443, 5000))) {
    console.log(`validate:online skipped: ${SERVICE_HOST} cannot be reached (offline). The offline schema check is \`npm run validate\`.`);
    return 0;
  }
  const result = spawnSync("npx", ["--yes", TOOL, "validate", manifest], { stdio: "inherit" });
  return result.status ?? 1;
}

main().then((code) => process.exit(code));
