/**
 * Reading a few things out of a package's XML without a parser (browser-safe). The parts are
 * machine-written, but by many tools: a namespace prefix on any element or attribute, either
 * quote around a value and ">" inside a quoted value are all allowed.
 */

/** Any namespace prefix ("x:", "r:") before a local name. */
export const PREFIX = "(?:[\\w.-]+:)?";

/** An element's attribute text up to the end of its start tag, quoted values (">" included) kept whole. */
const ATTRIBUTES = `((?:[^>"']|"[^"]*"|'[^']*')*)`;

const startTagPatterns = new Map<string, RegExp>();

/**
 * The attribute text of every start tag of the element `localName` (any prefix), in order; the
 * text ends with "/" for an empty element.
 */
export function* startTags(xml: string, localName: string): Generator<string> {
  let re = startTagPatterns.get(localName);
  if (!re) startTagPatterns.set(localName, (re = new RegExp(`<${PREFIX}${localName}(?=[\\s/>])${ATTRIBUTES}>`, "g")));
  for (const m of xml.matchAll(re)) yield m[1];
}

const attributePatterns = new Map<string, RegExp>();

/**
 * The value of the attribute `localName` (any prefix, so "id" finds "r:id") in a start tag's
 * attribute text, as written (entities not replaced); null when it is not there.
 */
export function attribute(attributes: string, localName: string): string | null {
  let re = attributePatterns.get(localName);
  if (!re) attributePatterns.set(localName, (re = new RegExp(`(?:^|\\s)${PREFIX}${localName}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(attributes);
  return m ? (m[1] ?? m[2]) : null;
}

/** Text with XML's character and entity references replaced. */
export function unescapeXml(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g, (all, hex: string, dec: string, named: string) => {
    if (named) return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[named] ?? all;
    const code = hex ? Number.parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}
