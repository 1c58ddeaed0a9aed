import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PROCESS_TEMPLATES } from '../process-templates.data.ts';
import { drawProcess, renderPng } from './drawing.ts';
import { PNG_LONG_SIDE, rasterize, textCharacters } from './png.ts';
import { sampleInput } from './testdata/fixtures.ts';

const svgOf = (text: string, attrs = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="60" viewBox="0 0 160 60"><rect width="160" height="60" fill="#fff"/>` +
  `<rect x="4" y="4" width="152" height="52" fill="none" stroke="#000"/><text x="80" y="38" font-size="24" text-anchor="middle" font-family="'Noto Sans Hans'" ${attrs}>${text}</text></svg>`;

/** Dark pixels of a rendered image (RGBA). */
function ink(svg: string): { count: number; pixels: Buffer } {
  const pixels = rasterize(svg).pixels; // a getter that copies the image: read it once
  let count = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128) count++;
  return { count, pixels };
}

test('Chinese text renders as glyphs with no system fonts: ink appears, and 审 and 查 differ (no tofu)', () => {
  const empty = ink(svgOf('')).count;
  const words = ink(svgOf('审查决定')).count;
  const bold = ink(svgOf('审查决定', 'font-weight="bold"')).count;
  assert.ok(words > empty * 1.5, `审查决定 draws ink (${words} dark pixels against ${empty} for the frame alone)`);
  assert.ok(bold > words, 'the bold face is used for bold text');
  const shen = ink(svgOf('审'));
  const cha = ink(svgOf('查'));
  let differ = 0;
  for (let i = 0; i < shen.pixels.length; i += 4) if (Math.abs(shen.pixels[i]! - cha.pixels[i]!) > 64) differ++;
  assert.ok(differ > 200, `审 and 查 are different shapes (${differ} pixels differ)`);
});

test('a drawing renders to a PNG whose long side is at least 1600 pixels', async () => {
  const svg = await drawProcess(sampleInput(PROCESS_TEMPLATES[0]!.process), { risk: true });
  const png = renderPng(svg);
  assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  assert.ok(Math.max(width, height) >= 1600 && Math.max(width, height) === PNG_LONG_SIDE, `${width}×${height}`);
  assert.ok(Math.abs(Math.min(width, height) / Math.max(width, height) - 210 / 297) < 0.002, 'A4 proportions');
});

test('the font subset holds every character of the text, entities decoded', () => {
  assert.deepEqual(textCharacters('<svg><text>审&amp;查&#x51b3;&#23450;</text><title>A</title></svg>'), [' ', '&', 'A', '决', '定', '审', '查']);
});
