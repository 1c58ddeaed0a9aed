// PNG of a drawing through resvg, with the bundled Noto Sans Hans as the only font (servers have no Chinese system
// fonts, and the system's would make the output differ from machine to machine).
//
// resvg re-reads a font face for every glyph it draws, which for these 8 MB CID-keyed fonts costs about a
// millisecond a glyph (seconds for a large chart). So each render gets a subset of the two fonts holding only the
// characters of its SVG, written to a private temporary directory: a few hundred glyphs that resvg reads quickly.
//
// resvg 2.6 also aborts the whole process (a Rust panic, not an exception) when an arrowhead marker lies wholly off the
// canvas. The drawings keep every shape on the page (drawing.test.ts asserts it); SVG from elsewhere should too.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg, type RenderedImage } from '@resvg/resvg-js';
import { FONT_FAMILY, isControl, opentype, parsedFont, type OtGlyph } from './text-metrics.ts';

/** Pixels of the PNG's long side: A4 at 150 dpi. */
export const PNG_LONG_SIDE = 1754;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Every character of the SVG's text content (what lies between tags), entities decoded. */
export function textCharacters(svg: string): string[] {
  const chars = new Set<string>();
  for (const m of svg.matchAll(/>([^<]+)</g)) {
    const text = m[1]!.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(parseInt(e[1] === 'x' || e[1] === 'X' ? e.slice(2) : e.slice(1), e[1] === 'x' || e[1] === 'X' ? 16 : 10))
        : (ENTITIES[e] ?? all),
    );
    for (const ch of text) if (ch.trim() && !isControl(ch)) chars.add(ch); // a control character has no glyph (and opentype.js fails on NUL)
  }
  chars.add(' ');
  return [...chars].sort();
}

/** An OTF holding only `chars` of the regular or bold font, under the same family name and weight. */
function subset(chars: string[], bold: boolean): Buffer {
  const ot = opentype();
  const font = parsedFont(bold);
  const glyphs: OtGlyph[] = [font.glyphs.get(0)];
  for (const ch of chars) {
    const g = font.charToGlyph(ch);
    if (g.index === 0) continue; // not in the font: resvg draws nothing, as it would with the whole font
    glyphs.push(
      new ot.Glyph({ name: `g${g.index}u${ch.codePointAt(0)}`, unicode: ch.codePointAt(0)!, advanceWidth: g.advanceWidth ?? font.unitsPerEm, path: g.path }),
    );
  }
  const out = new ot.Font({
    familyName: FONT_FAMILY,
    styleName: bold ? 'Bold' : 'Regular',
    unitsPerEm: font.unitsPerEm,
    ascender: font.ascender,
    descender: font.descender,
    weightClass: bold ? 700 : 400,
    glyphs,
    createdTimestamp: 0,
  });
  return Buffer.from(out.toArrayBuffer());
}

/** The SVG's own width and height (from its viewBox), to choose which side to fit. */
function aspect(svg: string): { w: number; h: number } {
  const m = /viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svg.slice(0, 4000));
  return m ? { w: Number(m[1]), h: Number(m[2]) } : { w: 1, h: 1 };
}

/** The rendered image before PNG encoding (its `pixels` are RGBA), long side `PNG_LONG_SIDE` pixels. */
export function rasterize(svg: string): RenderedImage {
  const chars = textCharacters(svg);
  const dir = mkdtempSync(join(tmpdir(), 'sunlit-drawing-'));
  try {
    const files = [false, true].map((bold) => {
      const file = join(dir, `${bold ? 'bold' : 'regular'}.otf`);
      writeFileSync(file, subset(chars, bold));
      return file;
    });
    const { w, h } = aspect(svg);
    const resvg = new Resvg(svg, {
      font: { fontFiles: files, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
      fitTo: w >= h ? { mode: 'width', value: PNG_LONG_SIDE } : { mode: 'height', value: PNG_LONG_SIDE },
      background: '#ffffff',
    });
    return resvg.render();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Renders an SVG to PNG with its long side `PNG_LONG_SIDE` pixels (A4 at 150 dpi). */
export function renderPng(svg: string): Buffer {
  return rasterize(svg).asPng();
}
