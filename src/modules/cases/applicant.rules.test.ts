// Masking a person's name for lists and the public: the first character and a star for each other one; a Latin name
// its first letter of each word.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskPersonName } from './applicant.rules.ts';

const ROWS: [string, string, string][] = [
  ['张三', '张*', 'a two-character name'],
  ['欧阳明华', '欧***', 'a compound surname: only the first character shows'],
  ['司马光', '司**', 'three characters'],
  ['王', '*', 'a single character shows nothing'],
  ['  李四 ', '李*', 'surrounding white space is trimmed, not starred'],
  ['阿卜杜拉·买买提', '阿*******', 'a name with a middle dot: every character after the first, the dot included'],
  ['John Smith', 'J*** S****', 'a Latin name: the first letter of each word'],
  ['jean-luc picard', 'j***-l** p*****', 'hyphens and spaces kept, case kept'],
  ["O'Brien", "O'B****", 'an apostrophe separates words'],
  ['Zoë Müller', 'Z** M*****', 'Latin letters with diacritics'],
  ['张John', '张****', 'mixed scripts: the Chinese rule'],
  ['', '*', 'empty'],
];

for (const [name, masked, why] of ROWS) test(`“${name}” → “${masked}” (${why})`, () => assert.equal(maskPersonName(name), masked));

test('a masked name never contains any character of the name but the first (first letters of words for Latin)', () => {
  for (const name of ['诸葛孔明', '上官婉儿', '爱新觉罗·溥仪']) {
    const m = maskPersonName(name);
    assert.equal([...m].length, [...name].length);
    assert.equal(m.replace(/\*/g, ''), [...name][0]);
  }
});
