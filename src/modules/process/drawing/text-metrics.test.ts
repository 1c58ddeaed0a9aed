import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsedFont, textWidth, wrapText } from './text-metrics.ts';

/** The font's own measurement (opentype.js shapes the string, kerning included): what the drawing is checked against. */
const fontWidth = (s: string, size: number, bold = false) =>
  (parsedFont(bold) as unknown as { getAdvanceWidth(t: string, s: number): number }).getAdvanceWidth(s, size);
const CLOSING = [...'，。、；：！？）》」』】〕〉”’…'];

test('textWidth agrees with the font: exactly for Chinese, never narrower than the kerned width for Latin', () => {
  for (const s of ['审查决定', '《中华人民共和国行政许可法》第三十二条', '酒类商品零售许可证']) {
    assert.ok(Math.abs(textWidth(s, 14) - fontWidth(s, 14)) < 1e-6, s);
    assert.ok(Math.abs(textWidth(s, 15, true) - fontWidth(s, 15, true)) < 1e-6, s);
  }
  for (const s of ['GB/T 15834-2011', 'Sunlit AVA Tw', '0571-88886666']) {
    assert.ok(textWidth(s, 12) >= fontWidth(s, 12) - 1e-6, s);
    assert.ok(textWidth(s, 12) < fontWidth(s, 12) * 1.05, s);
  }
});

test('wrapText breaks Chinese between any two characters and keeps every line within the width', () => {
  const text = '对符合条件的申请不予受理、故意拖延或刁难申请人，审查标准公开，两人以上现场核查并签署意见，核查照片存档。';
  for (const max of [60, 97, 150, 233]) {
    const lines = wrapText(text, max, { size: 12 });
    assert.equal(lines.join(''), text, `nothing lost or added at ${max}`);
    for (const l of lines) assert.ok(fontWidth(l, 12) <= max + 1e-6, `“${l}” fits ${max}`);
    // Greedy: each line but the last two (which may share out an orphan) is full.
    lines.slice(0, -2).forEach((l, i) => assert.ok(fontWidth(l + [...lines[i + 1]!].slice(0, 2).join(''), 12) > max, `line ${i} is full at ${max}`));
  }
});

test('wrapText keeps Latin words and numbers whole and starts no line with a closing mark', () => {
  const text = '依据 GB/T 15834-2011《标点符号用法》，咨询电话0571-88886666，网址 www.example.gov.cn，办理时限20个工作日。';
  // From the widest word up (narrower lines must cut words, tested below).
  for (let max = textWidth('www.example.gov.cn，', 12); max <= 300; max += 7) {
    const lines = wrapText(text, max, { size: 12 });
    const flat = lines.join('\n');
    for (const word of ['GB/T', '15834-2011', '0571-88886666', 'www.example.gov.cn', '20']) assert.ok(flat.includes(word), `${word} whole at ${max}: ${flat}`);
    for (const l of lines) {
      assert.ok(!CLOSING.includes([...l][0]!), `“${l}” starts with a closing mark at ${max}`);
      assert.ok(fontWidth(l, 12) <= max + 1e-6, `“${l}” fits ${max}`);
    }
    assert.ok(!lines.some((l) => l.endsWith('《')), 'no line ends with an opening mark');
  }
});

test('wrapText leaves no single Chinese character alone on the last line', () => {
  const text = '选择性执法，调查取证不全面';
  const width = textWidth('选择性执法，调查取证不全', 12);
  assert.deepEqual(wrapText(text, width, { size: 12 }), ['选择性执法，调查取证不', '全面']);
});

test('wrapText keeps a space-separated phrase together when it fits a line of its own, and cuts a word too wide for any line', () => {
  assert.deepEqual(wrapText('受理 · 示范县经济和信息化局 经办人员', 180, { size: 11.5 }), ['受理 · 示范县经济和信息化局', '经办人员']);
  const lines = wrapText('supercalifragilisticexpialidocious', 60, { size: 12 });
  assert.ok(lines.length > 1);
  assert.equal(lines.join(''), 'supercalifragilisticexpialidocious');
  for (const l of lines) assert.ok(textWidth(l, 12) <= 60);
  // Even then a closing mark takes the character before it to the next line rather than start one.
  for (const l of wrapText('电话0571-88886666，网址', textWidth('0571-88886666', 12), { size: 12 })) assert.ok(!l.startsWith('，'), l);
});

test('wrapText with maxLines ends the last kept line with … within the width', () => {
  const lines = wrapText('《中华人民共和国行政许可法》第三十二条、第三十四条、第三十七条、第三十八条、第四十四条', 120, { size: 12 }, 2);
  assert.equal(lines.length, 2);
  assert.ok(lines[1]!.endsWith('…'));
  for (const l of lines) assert.ok(textWidth(l, 12) <= 120);
  assert.deepEqual(wrapText('审查', 120, { size: 12 }, 2), ['审查']);
  assert.deepEqual(wrapText('   ', 120, { size: 12 }), []);
});
