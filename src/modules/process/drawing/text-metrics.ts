// Text measurement and line breaking with the font the PNG is rendered with (Noto Sans Hans, OFL), so that boxes
// sized here hold their text when resvg draws it. The parsed fonts are the drawing engine's only cached state.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What the drawing uses of opentype.js (the package ships no types): measuring, and subsetting for the PNG. */
export interface OtGlyph {
  index: number;
  advanceWidth?: number;
  path: unknown;
}
export interface OtFont {
  unitsPerEm: number;
  ascender: number;
  descender: number;
  charToGlyph(ch: string): OtGlyph;
  glyphs: { get(index: number): OtGlyph };
  toArrayBuffer(): ArrayBuffer;
}
export interface Opentype {
  parse(buffer: ArrayBuffer, options?: { lowMemory?: boolean }): OtFont;
  Font: new (options: {
    familyName: string;
    styleName: string;
    unitsPerEm: number;
    ascender: number;
    descender: number;
    weightClass: number;
    glyphs: OtGlyph[];
    createdTimestamp: number;
  }) => OtFont;
  Glyph: new (options: { name: string; unicode: number; advanceWidth: number; path: unknown }) => OtGlyph;
}

const require = createRequire(import.meta.url);

/** The family name resvg reads from the font files, first in every font-family list of the drawings. */
export const FONT_FAMILY = 'Noto Sans Hans';
export const FONT_STACK = `'Noto Sans Hans','Noto Sans SC','Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif`;

/**
 * Characters XML does not allow (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF). Names
 * pasted from elsewhere can hold them; the drawings leave them out, measured and written alike.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** `s` without the characters XML does not allow. */
export const withoutControls = (s: string): string => s.replace(NOT_XML, '');

/** Whether `ch` (one character) is one XML does not allow. */
export const isControl = (ch: string): boolean => ch !== withoutControls(ch);

let files: { regular: string; bold: string } | null = null;

/** Paths of the regular and bold font files of @embedpdf/fonts-sc (its exports hide package.json, so go via main). */
export function fontFiles(): { regular: string; bold: string } {
  if (!files) {
    const dir = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
    files = { regular: join(dir, 'NotoSansHans-Regular.otf'), bold: join(dir, 'NotoSansHans-Bold.otf') };
  }
  return files;
}

interface LoadedFont {
  font: OtFont;
  /** Advance of each code point in em, filled as text is measured (opentype's own getAdvanceWidth shapes each call). */
  advances: Map<string, number>;
}
const fonts: { regular?: LoadedFont; bold?: LoadedFont } = {};

/** The opentype.js module. */
export const opentype = (): Opentype => require('opentype.js') as Opentype;

/** The parsed regular or bold font, parsed on first use. */
export const parsedFont = (bold: boolean): OtFont => loaded(bold).font;

function loaded(bold: boolean): LoadedFont {
  const key = bold ? 'bold' : 'regular';
  let f = fonts[key];
  if (!f) {
    const buf = readFileSync(fontFiles()[key]);
    const font = opentype().parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer, { lowMemory: true });
    f = fonts[key] = { font, advances: new Map() };
  }
  return f;
}

/** Parses both fonts now (about 90 ms each) rather than on the first measurement. */
export function loadFonts(): void {
  loaded(false);
  loaded(true);
}

function advance(f: LoadedFont, ch: string): number {
  let a = f.advances.get(ch);
  if (a === undefined) {
    a = isControl(ch) ? 0 : (f.font.charToGlyph(ch).advanceWidth ?? f.font.unitsPerEm) / f.font.unitsPerEm;
    f.advances.set(ch, a);
  }
  return a;
}

/**
 * Width of `text` at `size`: the sum of the glyph advances. Kerning is left out, which only ever narrows Latin text,
 * so a line measured here never overflows when drawn.
 */
export function textWidth(text: string, size: number, bold = false): number {
  const f = loaded(bold);
  let em = 0;
  for (const ch of text) em += advance(f, ch);
  return em * size;
}

export interface FontSpec {
  size: number;
  bold?: boolean;
}

// Punctuation that may not start a line (closing marks) or end one (opening marks), after GB/T 15834 usage.
const NO_START = new Set([...'，。、；：！？）》」』】〕〉”’…—·%,.;:!?)]}']);
const NO_END = new Set([...'（《「『【〔〈“‘([{']);
// Runs kept whole: Latin words, numbers, codes like 0571-8888 or GB/T.
const WORD = /[A-Za-z0-9\u00C0-\u024F.\-_/%+#@&:'’]/;

/** Splits text into unbreakable pieces: one CJK character, or a Latin word, each with the spacing before it. */
function pieces(text: string): { text: string; space: boolean }[] {
  const raw: { text: string; space: boolean }[] = [];
  let space = false;
  let word = '';
  const flush = () => {
    if (word) {
      raw.push({ text: word, space });
      space = false;
    }
    word = '';
  };
  for (const ch of text.replace(/\s+/g, ' ').trim()) {
    if (ch === ' ') {
      flush();
      space = true;
    } else if (WORD.test(ch) && !(word === '' && NO_START.has(ch) && raw.length > 0 && !space)) {
      word += ch;
    } else {
      flush();
      raw.push({ text: ch, space });
      space = false;
    }
  }
  flush();
  // Glue closing marks to what precedes them and opening marks to what follows.
  const out: { text: string; space: boolean }[] = [];
  for (let i = 0; i < raw.length; i++) {
    const p = { ...raw[i]! };
    while (i + 1 < raw.length && NO_END.has(p.text.at(-1)!) && !raw[i + 1]!.space) p.text += raw[++i]!.text;
    const prev = out.at(-1);
    if (prev && !p.space && NO_START.has([...p.text][0]!)) prev.text += p.text;
    else out.push(p);
  }
  return out;
}

/**
 * Breaks `text` into lines no wider than `maxWidth`: between any two CJK characters, never inside a Latin word or
 * number (unless the word alone is too wide), and never before a closing mark such as ，。）》. Spaces mark phrases
 * ("示范县经济和信息化局 经办人员"): a phrase that fits on a line of its own is not split. With `maxLines`, the last
 * kept line ends in … when text was cut.
 */
export function wrapText(text: string, maxWidth: number, font: FontSpec, maxLines = Infinity): string[] {
  const { size, bold = false } = font;
  const fits = (s: string) => textWidth(s, size, bold) <= maxWidth + 1e-6;
  const lines: string[] = [];
  let line = '';
  for (const phrase of withoutControls(text).split(/\s+/).filter(Boolean)) {
    const joined = line === '' ? phrase : `${line} ${phrase}`;
    if (fits(joined)) {
      line = joined;
      continue;
    }
    if (fits(phrase)) {
      lines.push(line);
      line = phrase;
      continue;
    }
    // Too long for any line: fill from where the line stands, piece by piece.
    let first = true;
    for (const p of pieces(phrase)) {
      const next = line === '' ? p.text : line + (first || p.space ? ' ' : '') + p.text;
      first = false;
      if (fits(next)) {
        line = next;
        continue;
      }
      if (line !== '') lines.push(line);
      line = '';
      // A piece wider than the line on its own is cut where it must be, but not before a closing mark: the
      // character before the mark goes down with it.
      for (const ch of p.text) {
        if (line !== '' && !fits(line + ch)) {
          const chars = [...line];
          const carry = NO_START.has(ch) && chars.length > 1 ? chars.pop()! : '';
          lines.push(chars.join(''));
          line = carry;
        }
        line += ch;
      }
    }
  }
  if (line !== '') lines.push(line);
  avoidOrphan(lines, fits);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, Math.max(1, maxLines));
  kept[kept.length - 1] = ellipsize(kept[kept.length - 1]!, maxWidth, font);
  return kept;
}

/** A last line of a single character (面, 痕) takes the character before it along, when the line above can spare it. */
function avoidOrphan(lines: string[], fits: (s: string) => boolean): void {
  if (lines.length < 2) return;
  const last = [...lines[lines.length - 1]!];
  const prev = [...lines[lines.length - 2]!];
  if (last.length !== 1 || !/\p{Script=Han}/u.test(last[0]!) || prev.length < 4) return;
  const moved = [prev.pop()!];
  if (NO_START.has(moved[0]!)) moved.unshift(prev.pop()!);
  if (!/\p{Script=Han}/u.test(moved[0]!) || !fits(moved.join('') + last[0])) return;
  lines[lines.length - 2] = prev.join('');
  lines[lines.length - 1] = moved.join('') + last[0];
}

/** Cuts `text` so that it and a trailing … fit in `maxWidth`. */
export function ellipsize(text: string, maxWidth: number, font: FontSpec): string {
  const chars = [...text];
  while (chars.length > 0 && textWidth(chars.join('') + '…', font.size, font.bold) > maxWidth) chars.pop();
  return chars.join('').trimEnd() + '…';
}
