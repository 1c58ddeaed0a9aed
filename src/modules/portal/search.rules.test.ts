import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  alternativesOf,
  gramsOf,
  isShort,
  normaliseText,
  parseQuery,
  searchDocument,
  searchSynonyms,
  synonymChanges,
  synonymListProblems,
  type SynonymEntry,
} from './search.rules.ts';
import { DEFAULT_SYNONYMS } from './synonyms.data.ts';

const SYN: SynonymEntry[] = [
  { term: '环评', expansions: ['环境影响评价'], note: null },
  { term: '低保', expansions: ['最低生活保障'], note: null },
  { term: '一书两证', expansions: ['选址意见书', '建设用地规划许可证', '建设工程规划许可证'], note: null },
  { term: '特困', expansions: ['特困人员'], note: null },
];

test('text is searched as NFKC, lower case, without punctuation, whitespace collapsed', () => {
  assert.equal(normaliseText('《中华人民共和国行政许可法》第二十九条'), '中华人民共和国行政许可法第二十九条');
  assert.equal(normaliseText('ＡＢＣ１２３　建设（报告书、报告表）'), 'abc123 建设报告书报告表');
  assert.equal(normaliseText(' 《 》，。 '), '');
});

test('an item is indexed by its name and its basis, and by their unigrams and bigrams', () => {
  const doc = searchDocument('最低生活保障审核确认', ['《社会救助暂行办法》第十一条', '——']);
  assert.deepEqual(doc, { searchName: '最低生活保障审核确认', searchText: '最低生活保障审核确认 社会救助暂行办法第十一条' });
  const grams = gramsOf(doc.searchText);
  for (const g of ['低', '保障', '救助', '第十']) assert.ok(grams.has(g), g);
  assert.ok(!grams.has('低保'), '低保 is not a bigram of 最低生活保障');
  assert.ok(!grams.has('认社'), 'bigrams never span the separator');
  assert.deepEqual([...gramsOf('ab c')].sort(), ['a', 'ab', 'b', 'c']);
});

test('a query is cut into words at spaces and punctuation; codes stay whole and are tried as code prefixes', () => {
  assert.deepEqual(
    parseQuery('  影响评价　审批 ', []).map((w) => w.text),
    ['影响评价', '审批'],
  );
  assert.deepEqual(
    parseQuery('低保，危改', []).map((w) => w.text),
    ['低保', '危改'],
  );
  const [code] = parseQuery('hb-xk-001', []);
  assert.deepEqual(code, { text: 'hbxk001', code: 'HB-XK-001', alternatives: ['hbxk001'] });
  assert.equal(parseQuery('林', [])[0]!.code, null);
  assert.deepEqual(parseQuery('《》、', []), [], 'nothing to search for');
  assert.deepEqual(
    parseQuery('水 水 水', []).map((w) => w.text),
    ['水'],
    'repeated words once',
  );
  assert.equal(parseQuery('一 二 三 四 五 六 七 八', []).length, 6, 'at most six words');
});

test('synonyms widen a word both ways; forms containing another form are dropped', () => {
  assert.deepEqual(alternativesOf('环评', SYN), ['环评', '环境影响评价']);
  assert.deepEqual(alternativesOf('环评文件', SYN), ['环评文件', '环境影响评价文件']);
  assert.deepEqual(alternativesOf('最低生活保障', SYN), ['最低生活保障', '低保'], 'the full form also finds items using the abbreviation');
  assert.deepEqual(alternativesOf('一书两证', SYN), ['一书两证', '选址意见书', '建设用地规划许可证', '建设工程规划许可证']);
  assert.deepEqual(alternativesOf('特困', SYN), ['特困'], '特困人员 contains 特困: it adds nothing');
  assert.deepEqual(alternativesOf('林木', SYN), ['林木']);
  assert.deepEqual(searchSynonyms([{ term: ' 环评 ', expansions: ['环境影响评价', '《》'], note: null }]), [{ term: '环评', expansions: ['环境影响评价'] }]);
  assert.equal(isShort('低保'), true);
  assert.equal(isShort('影响评价'), false);
});

test('the shipped synonym list is valid and every entry says where it comes from', () => {
  assert.deepEqual(synonymListProblems(DEFAULT_SYNONYMS), {});
  for (const s of DEFAULT_SYNONYMS) assert.ok(s.note && s.note.length > 2, s.term);
  const terms = DEFAULT_SYNONYMS.map((s) => s.term);
  for (const t of ['环评', '低保', '危改']) assert.ok(terms.includes(t), t);
});

test('a synonym list is refused with each problem located', () => {
  const problems = synonymListProblems([
    { term: '环评', expansions: ['环境影响评价'], note: null },
    { term: ' 环评 ', expansions: ['环境评价'], note: null },
    { term: '《》', expansions: ['x'], note: null },
    { term: '低保', expansions: [], note: null },
    { term: '危改', expansions: ['危房改造', '危房改造', '危改', '——'], note: null },
    { term: '这是一个超过二十个字的非常非常非常长的简称啊啊啊', expansions: ['全称'], note: null },
  ]);
  assert.deepEqual(Object.keys(problems).sort(), [
    'items.1.term',
    'items.2.term',
    'items.3.expansions',
    'items.4.expansions.1',
    'items.4.expansions.2',
    'items.4.expansions.3',
    'items.5.term',
  ]);
  assert.match(problems['items.1.term']!, /第 1 条/);
});

test('changes between two lists name the terms added, removed and changed', () => {
  const before: SynonymEntry[] = [
    { term: 'a', expansions: ['x'], note: null },
    { term: 'b', expansions: ['y'], note: null },
  ];
  const after: SynonymEntry[] = [
    { term: 'b', expansions: ['y', 'z'], note: null },
    { term: 'c', expansions: ['w'], note: null },
  ];
  assert.deepEqual(synonymChanges(before, after), { added: ['c'], removed: ['a'], changed: ['b'] });
});
