/**
 * Small edits of machine-written XML as text (browser-safe): elements found by their tags,
 * attributes set in a start tag, children of a collection listed. The rest of the text is left
 * byte for byte, which a parse and re-serialisation would not do.
 */
import { PREFIX } from "./xmlMarkup";
import { PackageDamagedError } from "./packageDamaged";

/** An element found in a text: where its start tag, content and whole element are. */
export interface ElementSpan {
  /** The namespace prefix with its colon ("" or "x:"). */
  prefix: string;
  start: number;
  /** End of the start tag (after ">"). */
  startTagEnd: number;
  /** The start tag's text, "<x:name ... >" or "<name .../>". */
  startTag: string;
  selfClosing: boolean;
  /** Start of the end tag (= startTagEnd for a self-closing element). */
  contentEnd: number;
  /** After the end tag (= startTagEnd for a self-closing element). */
  end: number;
}

const ATTRS = `(?:[^>"']|"[^"]*"|'[^']*')*`;
const patterns = new Map<string, RegExp>();

function startPattern(localName: string): RegExp {
  let re = patterns.get(localName);
  if (!re) patterns.set(localName, (re = new RegExp(`<(${PREFIX})${localName}(?=[\\s/>])${ATTRS}>`, "g")));
  return re;
}

/** The first element `localName` (any prefix) starting at or after `from` and before `to`; null when there is none. */
export function findElement(xml: string, localName: string, from = 0, to = xml.length): ElementSpan | null {
  const re = startPattern(localName);
  re.lastIndex = from;
  const m = re.exec(xml);
  if (!m || m.index >= to) return null;
  return spanAt(xml, m.index, m[0], m[1]);
}

function spanAt(xml: string, start: number, startTag: string, prefix: string): ElementSpan {
  const startTagEnd = start + startTag.length;
  const selfClosing = startTag.endsWith("/>");
  if (selfClosing) return { prefix, start, startTagEnd, startTag, selfClosing, contentEnd: startTagEnd, end: startTagEnd };
  const name = /^<([\w.:-]+)/.exec(startTag)![1];
  const close = `</${name}>`;
  const contentEnd = xml.indexOf(close, startTagEnd);
  if (contentEnd < 0) throw new PackageDamagedError(`<${name}> is not closed`);
  return { prefix, start, startTagEnd, startTag, selfClosing, contentEnd, end: contentEnd + close.length };
}

/** Every element `localName` between `from` and `to`, in order (elements of that name do not nest in the parts edited here). */
export function elements(xml: string, localName: string, from = 0, to = xml.length): ElementSpan[] {
  const out: ElementSpan[] = [];
  const re = startPattern(localName);
  re.lastIndex = from;
  for (;;) {
    const m = re.exec(xml);
    if (!m || m.index >= to) break;
    const span = spanAt(xml, m.index, m[0], m[1]);
    out.push(span);
    re.lastIndex = span.end;
  }
  return out;
}

const attrPatterns = new Map<string, RegExp>();
function attrPattern(name: string): RegExp {
  let re = attrPatterns.get(name);
  if (!re) attrPatterns.set(name, (re = new RegExp(`(\\s)${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*(?:"[^"]*"|'[^']*')`)));
  return re;
}

/** The start tag with the attribute (exactly that qualified name) set to `value`, or removed when `value` is null. */
export function setAttribute(startTag: string, name: string, value: string | null): string {
  const re = attrPattern(name);
  if (re.test(startTag)) return startTag.replace(re, value === null ? "" : `$1${name}="${escapeAttr(value)}"`);
  if (value === null) return startTag;
  const at = startTag.endsWith("/>") ? startTag.length - 2 : startTag.length - 1;
  return `${startTag.slice(0, at)} ${name}="${escapeAttr(value)}"${startTag.slice(at)}`;
}

/** The value of the attribute with exactly this qualified name, entities left as written; null when absent. */
export function getAttribute(startTag: string, name: string): string | null {
  const m = new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(startTag);
  return m ? (m[1] ?? m[2]) : null;
}

export function escapeAttr(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
}

export function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Replacements of [start, end) ranges by text, applied together (ranges must not overlap). */
export function splice(xml: string, edits: { start: number; end: number; text: string }[]): string {
  if (edits.length === 0) return xml;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error("overlapping edits");
    parts.push(xml.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(xml.slice(at));
  return parts.join("");
}

/** The namespace prefix (without colon) bound to `uri` in the text's first start tag that declares it; null when none is. */
export function prefixFor(xml: string, uri: string): string | null {
  const m = new RegExp(`xmlns:([\\w.-]+)\\s*=\\s*["']${uri.replace(/[.]/g, "\\.")}["']`).exec(xml);
  return m ? m[1] : null;
}

/** A short hash (FNV-1a, 32 bits, hex) of a text: enough to tell whether appended entries are still exactly ours. */
export function textHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}
