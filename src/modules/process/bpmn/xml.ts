// Just enough XML for BPMN: bytes decoded by their declared encoding, a namespace-aware tree with line numbers (for
// the import report), and a writer whose output is the same text for the same input.
import { SaxesParser } from 'saxes';

/** An element: its namespace and local name, its attributes (no-namespace ones by local name, others as {uri}local). */
export interface XmlElement {
  uri: string;
  local: string;
  attrs: Map<string, string>;
  children: XmlElement[];
  /** Its own character data (text and CDATA), children's left out. */
  text: string;
  line: number;
}

/** Why bytes are not an XML document: the message names the line where the parser stopped. */
export class NotXml extends Error {
  constructor(
    readonly reason: 'syntax' | 'encoding' | 'doctype',
    message: string,
    readonly line: number | null = null,
  ) {
    super(message);
  }
}

/**
 * The text of an XML file: a byte-order mark or the declaration's encoding decides (UTF-8 when neither says);
 * bytes that are not valid in that encoding are refused rather than turned into replacement characters.
 */
export function decodeXml(bytes: Uint8Array): string {
  let encoding = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else {
    const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
    const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
    if (declared) encoding = declared.toLowerCase();
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  } catch {
    throw new NotXml('encoding', `unknown encoding ${encoding}`);
  }
  try {
    return decoder.decode(bytes.subarray(start)).replace(/^\uFEFF/, '');
  } catch {
    throw new NotXml('encoding', `the bytes are not valid ${encoding}`);
  }
}

/** Deeper nesting is refused: BPMN files nest a dozen levels, and the tree is walked recursively. */
const MAX_DEPTH = 200;
/** More elements are refused: a big real file has a few thousand, and each costs memory as a tree node. */
const MAX_ELEMENTS = 50_000;

/** Parses a whole document. A DOCTYPE is refused: BPMN has none, and entity declarations are how XML bombs work. */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let elements = 0;
  parser.on('error', (e) => {
    throw new NotXml('syntax', e.message.replace(/^undefined:/, ''), parser.line);
  });
  parser.on('doctype', () => {
    throw new NotXml('doctype', 'a DOCTYPE is not allowed in a BPMN file', parser.line);
  });
  parser.on('opentag', (tag) => {
    const attrs = new Map<string, string>();
    for (const a of Object.values(tag.attributes)) {
      if (a.uri === 'http://www.w3.org/2000/xmlns/' || a.name === 'xmlns') continue;
      attrs.set(a.uri ? `{${a.uri}}${a.local}` : a.local, a.value);
    }
    const el: XmlElement = { uri: tag.uri ?? '', local: tag.local ?? tag.name, attrs, children: [], text: '', line: parser.line };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
    else root = el;
    stack.push(el);
    if (stack.length > MAX_DEPTH) throw new NotXml('syntax', `elements nested deeper than ${MAX_DEPTH} levels`, parser.line);
    if (++elements > MAX_ELEMENTS) throw new NotXml('syntax', `more than ${MAX_ELEMENTS} elements`, parser.line);
  });
  parser.on('text', (t) => {
    if (stack.length > 0) stack[stack.length - 1]!.text += t;
  });
  parser.on('cdata', (t) => {
    if (stack.length > 0) stack[stack.length - 1]!.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(text).close();
  if (!root) throw new NotXml('syntax', 'the document has no root element');
  return root;
}

export const childrenOf = (el: XmlElement, uri: string, ...locals: string[]): XmlElement[] =>
  el.children.filter((c) => c.uri === uri && (locals.length === 0 || locals.includes(c.local)));

/** An attribute in no namespace, or in `uri`. */
export const attrOf = (el: XmlElement, local: string, uri?: string): string | undefined => el.attrs.get(uri ? `{${uri}}${local}` : local);

/** An element to write: attributes in order (null and undefined ones left out), children or text. */
export interface XmlOut {
  name: string;
  attrs?: [string, string | number | null | undefined][];
  children?: XmlOut[];
  text?: string;
}

/** Attribute values keep tabs and line breaks (as character references, which attribute normalisation keeps). */
const escapeAttr = (s: string) =>
  s.replace(/[&<>"\t\n\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c]!);
/** Text keeps a carriage return as a reference: a parser would turn a literal one into a line feed. */
const escapeText = (s: string) => s.replace(/[&<>\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' })[c]!);

/** The document as text, two spaces per level; an element with text keeps it exactly, on its own line. */
export function writeXml(root: XmlOut): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const write = (el: XmlOut, depth: number) => {
    const pad = '  '.repeat(depth);
    const attrs = (el.attrs ?? [])
      .filter((a): a is [string, string | number] => a[1] !== null && a[1] !== undefined)
      .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
      .join('');
    const children = el.children ?? [];
    if (el.text !== undefined) lines.push(`${pad}<${el.name}${attrs}>${escapeText(el.text)}</${el.name}>`);
    else if (children.length === 0) lines.push(`${pad}<${el.name}${attrs} />`);
    else {
      lines.push(`${pad}<${el.name}${attrs}>`);
      for (const c of children) write(c, depth + 1);
      lines.push(`${pad}</${el.name}>`);
    }
  };
  write(root, 0);
  return `${lines.join('\n')}\n`;
}
