/**
 * manifest.xml: valid against Microsoft's XSDs (offline, xmllint), and what the schema cannot
 * say: least permission, the requirement set, English overrides for every Japanese string,
 * icons that exist at the size the manifest claims, the button on the Home tab.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { inflateSync } from "node:zlib";
import { ICON_SIZES, renderIcon } from "../scripts/make-icons";

const ROOT = resolve(__dirname, "..");
const MANIFEST = join(ROOT, "manifest.xml");
const SCHEMA = resolve(ROOT, "../shared/schemas/office-manifest/OfficeAppManifestV1_1.xsd");
const DEV_BASE_URL = "https://localhost:3000/";

// ---- a tiny XML reader (elements, attributes, text; comments and declarations skipped) -------

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

function decode(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    if (e[0] !== "#") return named[e.toLowerCase()];
    return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

function parseXml(xml: string): XmlElement {
  const body = xml.replace(/<\?[\s\S]*?\?>/g, "").replace(/<!--[\s\S]*?-->/g, "");
  const root: XmlElement = { name: "#document", attrs: {}, children: [], text: "" };
  const stack: XmlElement[] = [root];
  const tag = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(body)) !== null) {
    const [, closing, name, attrText, selfClosing, text] = m;
    const top = stack[stack.length - 1];
    if (text !== undefined) {
      top.text += decode(text);
    } else if (closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
    } else {
      const attrs: Record<string, string> = {};
      for (const a of attrText.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]] = decode(a[2] ?? a[3]);
      const el: XmlElement = { name, attrs, children: [], text: "" };
      top.children.push(el);
      if (!selfClosing) stack.push(el);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (root.children.length !== 1) throw new Error("expected one root element");
  return root.children[0];
}

const local = (name: string) => name.replace(/^.*:/, "");
const kids = (el: XmlElement, name: string) => el.children.filter((c) => local(c.name) === name);
function kid(el: XmlElement, name: string): XmlElement {
  const found = kids(el, name);
  if (found.length !== 1) throw new Error(`<${el.name}> has ${found.length} <${name}>`);
  return found[0];
}
function all(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (local(c.name) === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

// ---- PNG header -------------------------------------------------------------------------------

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!b.subarray(0, 8).equals(signature) || b.toString("ascii", 12, 16) !== "IHDR") throw new Error(`${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** RGBA pixels of a PNG written by scripts/make-icons.ts (8-bit RGBA, filter 0 on every row). */
function pngPixels(file: string): Buffer {
  const b = readFileSync(file);
  const { width, height } = pngSize(file);
  const idat: Buffer[] = [];
  for (let o = 8; o < b.length;) {
    const len = b.readUInt32BE(o);
    if (b.toString("ascii", o + 4, o + 8) === "IDAT") idat.push(b.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4 + 1;
  const out = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    if (raw[y * stride] !== 0) throw new Error(`${file}: row ${y} uses filter ${raw[y * stride]}`);
    raw.copy(out, y * width * 4, y * stride + 1, (y + 1) * stride);
  }
  return out;
}

/** The file in the repository a dev URL of the manifest is served from. */
function fileOf(url: string): string {
  expect(url.startsWith(DEV_BASE_URL)).toBe(true);
  return join(ROOT, url.slice(DEV_BASE_URL.length));
}

// ---- tests ------------------------------------------------------------------------------------

const xml = readFileSync(MANIFEST, "utf8");
const app = parseXml(xml);
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe("manifest.xml against the XML manifest schema (xmllint)", () => {
  const haveXmllint = spawnSync("xmllint", ["--version"]).status === 0;
  const haveSchema = existsSync(SCHEMA);
  const run = (haveXmllint && haveSchema) || process.env.CI ? test : test.skip;
  if (!(haveXmllint && haveSchema) && !process.env.CI) {
    console.warn(`skipped: ${haveXmllint ? "" : "xmllint (apt-get install libxml2-utils) "}${haveSchema ? "" : `schema ${SCHEMA} `}missing`);
  }
  run("validates offline", () => {
    expect(haveXmllint).toBe(true);
    expect(haveSchema).toBe(true);
    const r = spawnSync("xmllint", ["--noout", "--nonet", "--schema", SCHEMA, MANIFEST], { encoding: "utf8" });
    expect(r.stderr.trim()).toBe(`${MANIFEST} validates`);
    expect(r.status).toBe(0);
  });
});

describe("manifest.xml content", () => {
  const overrides = all(app, "VersionOverrides")[0];
  const resources = kid(overrides, "Resources");
  const resourceUrl = (group: string, id: string): string => {
    const found = kids(kid(resources, group), group === "Images" ? "Image" : "Url").filter((e) => e.attrs.id === id);
    if (found.length !== 1) throw new Error(`resource ${group}/${id} is defined ${found.length} times`);
    return found[0].attrs.DefaultValue;
  };

  test("is a task pane add-in for Excel workbooks with a fixed id and version", () => {
    expect(local(app.name)).toBe("OfficeApp");
    expect(app.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(kid(app, "Id").text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(kid(app, "Version").text).toBe("0.1.0.0");
    expect(kid(app, "ProviderName").text.trim()).not.toBe("");
    expect(kids(kid(app, "Hosts"), "Host").map((h) => h.attrs.Name)).toEqual(["Workbook"]);
    expect(kids(kid(overrides, "Hosts"), "Host").map((h) => h.attrs["xsi:type"])).toEqual(["Workbook"]);
  });

  test("asks for ReadWriteDocument and nothing more", () => {
    expect(kid(app, "Permissions").text.trim()).toBe("ReadWriteDocument");
  });

  test("declares ExcelApi 1.8 as its requirement set, and says why", () => {
    const sets = kid(kid(app, "Requirements"), "Sets");
    expect(sets.attrs.DefaultMinVersion).toBe("1.1");
    expect(kids(sets, "Set").map((s) => [s.attrs.Name, s.attrs.MinVersion])).toEqual([["ExcelApi", "1.8"]]);
    expect(xml).toMatch(/<!--[^>]*1\.8[^>]*dataValidation[\s\S]*?-->/);
  });

  test("is Japanese by default with an en-US override for every display string", () => {
    expect(kid(app, "DefaultLocale").text).toBe("ja-JP");
    const strings = [
      kid(app, "DisplayName"),
      kid(app, "Description"),
      ...kids(kid(resources, "ShortStrings"), "String"),
      ...kids(kid(resources, "LongStrings"), "String"),
    ];
    expect(strings.length).toBeGreaterThanOrEqual(6);
    for (const s of strings) {
      const label = `${s.name} ${s.attrs.id ?? ""}`;
      expect([label, JAPANESE.test(s.attrs.DefaultValue)]).toEqual([label, true]);
      const en = kids(s, "Override").filter((o) => o.attrs.Locale === "en-US");
      expect([label, en.length]).toEqual([label, 1]);
      expect([label, en[0].attrs.Value.trim() !== "" && !JAPANESE.test(en[0].attrs.Value)]).toEqual([label, true]);
    }
    for (const s of kids(kid(resources, "ShortStrings"), "String")) expect(s.attrs.DefaultValue.length).toBeLessThanOrEqual(125);
    for (const s of kids(kid(resources, "LongStrings"), "String")) expect(s.attrs.DefaultValue.length).toBeLessThanOrEqual(250);
  });

  test("every URL is on the dev base URL, so a production build replaces them all", () => {
    const urls = [...xml.replace(/<!--[\s\S]*?-->/g, "").matchAll(/https?:\/\/[^"'<\s]+/g)].map((m) => m[0]);
    const namespaces = urls.filter((u) => u.startsWith("http://schemas.microsoft.com/") || u === "http://www.w3.org/2001/XMLSchema-instance");
    const rest = urls.filter((u) => !namespaces.includes(u));
    expect(rest.length).toBeGreaterThan(5);
    for (const u of rest) expect(u.startsWith(DEV_BASE_URL)).toBe(true);
    expect(kid(kid(app, "DefaultSettings"), "SourceLocation").attrs.DefaultValue).toBe(`${DEV_BASE_URL}taskpane.html`);
  });

  test("every icon URL points to a PNG in assets/ of the size it is used at", () => {
    const checks: { url: string; size: number }[] = [
      { url: kid(app, "IconUrl").attrs.DefaultValue, size: 32 },
      { url: kid(app, "HighResolutionIconUrl").attrs.DefaultValue, size: 64 },
    ];
    const iconLists = all(overrides, "Icon");
    expect(iconLists.length).toBeGreaterThanOrEqual(2);
    for (const list of iconLists) {
      const images = kids(list, "Image");
      expect(images.map((i) => i.attrs.size).sort()).toEqual(["16", "32", "80"]);
      for (const i of images) checks.push({ url: resourceUrl("Images", i.attrs.resid), size: Number(i.attrs.size) });
    }
    for (const { url, size } of checks) {
      const file = fileOf(url);
      expect(file.startsWith(join(ROOT, "assets") + "/")).toBe(true);
      expect([url, existsSync(file)]).toEqual([url, true]);
      expect([url, pngSize(file)]).toEqual([url, { width: size, height: size }]);
    }
  });

  test("the Home tab has our group with a button that shows the task pane", () => {
    const form = kid(kid(kid(overrides, "Hosts"), "Host"), "DesktopFormFactor");
    const tabs = all(form, "OfficeTab");
    expect(tabs.map((t) => t.attrs.id)).toEqual(["TabHome"]);
    const groups = kids(tabs[0], "Group");
    expect(groups).toHaveLength(1);
    const buttons = kids(groups[0], "Control").filter((c) => c.attrs["xsi:type"] === "Button");
    expect(buttons).toHaveLength(1);
    const action = kid(buttons[0], "Action");
    expect(action.attrs["xsi:type"]).toBe("ShowTaskpane");
    expect(resourceUrl("Urls", kid(action, "SourceLocation").attrs.resid)).toBe(`${DEV_BASE_URL}taskpane.html`);
    expect(resourceUrl("Urls", kid(form, "FunctionFile").attrs.resid)).toBe(`${DEV_BASE_URL}commands.html`);
  });

  test("every resid names a resource", () => {
    const ids = new Set(["Images", "Urls", "ShortStrings", "LongStrings"].flatMap((g) => kid(resources, g).children.map((c) => c.attrs.id)));
    const missing: string[] = [];
    const walk = (e: XmlElement) => {
      if (e.attrs.resid !== undefined && !ids.has(e.attrs.resid)) missing.push(`${e.name} ${e.attrs.resid}`);
      e.children.forEach(walk);
    };
    walk(overrides);
    expect(missing).toEqual([]);
  });

  test("the pages and files the manifest names exist in the source tree", () => {
    expect(existsSync(join(ROOT, "src/taskpane/taskpane.html"))).toBe(true);
    expect(existsSync(join(ROOT, "src/commands/commands.html"))).toBe(true);
    expect(existsSync(join(ROOT, "src/taskpane/support.html"))).toBe(true);
    expect(kid(app, "SupportUrl").attrs.DefaultValue).toBe(`${DEV_BASE_URL}support.html`);
  });
});

describe("icons", () => {
  test.each(ICON_SIZES.map((s) => [s]))("assets/icon-%i.png is what scripts/make-icons.ts draws", (size) => {
    const file = join(ROOT, "assets", `icon-${size}.png`);
    expect(pngSize(file)).toEqual({ width: size, height: size });
    expect(pngPixels(file).equals(renderIcon(size))).toBe(true);
  });
});
