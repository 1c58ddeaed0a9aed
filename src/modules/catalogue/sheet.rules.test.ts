import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NON_LICENSING_APPROVAL, POWER_CATEGORIES, powerCategories } from './categories.data.ts';
import { columnOf, findHeader, parsePowerRows, parseWorkingDays, splitCitations, splitResponsibilities, splitSituations } from './sheet.rules.ts';

const categories = POWER_CATEGORIES;
const HEADER = ['序号', '职权编码', '职权名称', '职权类别', '设定依据', '承办机构', '法定办结时限', '承诺办结时限', '收费依据和标准', '责任事项', '追责情形'];
const LAW = '《中华人民共和国行政许可法》第二十九条';
const UNIT = '示范县住房和城乡建设局';

/** A data row in the HEADER layout. */
function row(code: string, name: string, over: Partial<Record<'category' | 'basis' | 'statutory' | 'promised' | 'fees' | 'duty' | 'blame', string>> = {}) {
  return [
    '',
    code,
    name,
    over.category ?? '行政许可',
    over.basis ?? LAW,
    UNIT,
    over.statutory ?? '20',
    over.promised ?? '10',
    over.fees ?? '不收费',
    over.duty ?? '',
    over.blame ?? '',
  ];
}

const parse = (rows: string[][]) => parsePowerRows(rows, { categories });

test('the twelve categories: the ten of the 2015 guideline, public services and village micro-powers, with sources', () => {
  assert.deepEqual(
    POWER_CATEGORIES.map((c) => `${c.code}:${c.zh}`),
    [
      'licensing:行政许可',
      'penalty:行政处罚',
      'coercion:行政强制',
      'levy:行政征收',
      'benefit:行政给付',
      'inspection:行政检查',
      'confirmation:行政确认',
      'reward:行政奖励',
      'adjudication:行政裁决',
      'other:其他行政权力',
      'public_service:公共服务',
      'village_micro:村级小微权力',
    ],
  );
  assert.ok(POWER_CATEGORIES.slice(0, 10).every((c) => c.source.includes('中办发〔2015〕21号')));
  assert.ok(POWER_CATEGORIES.every((c) => c.en !== '' && c.source !== ''));
});

test('a province extends the categories; a code or name used twice is refused', () => {
  const extended = powerCategories([NON_LICENSING_APPROVAL]);
  assert.equal(extended.length, 13);
  assert.equal(extended[12]!.zh, '非行政许可审批');
  assert.throws(() => powerCategories([{ ...NON_LICENSING_APPROVAL, zh: '行政许可' }]), /重复/);
  assert.throws(() => powerCategories([{ ...NON_LICENSING_APPROVAL, code: 'penalty' }]), /重复/);

  const rows = [HEADER, row('X-1', '某项审批', { category: '非行政许可审批' })];
  assert.match(parse(rows).problems[0]!.reason, /^未知类别/);
  const { items, problems } = parsePowerRows(rows, { categories: extended });
  assert.deepEqual(problems, []);
  assert.equal(items[0]!.category, 'non_licensing_approval');
});

test('column names and their variants map to power columns; others are ignored', () => {
  const cases: [string, string | null][] = [
    ['职权名称', 'name'],
    ['权力名称', 'name'],
    ['事项名称', 'name'],
    ['权力事项名称', 'name'],
    ['* 职权 名称', 'name'],
    ['职权编码', 'code'],
    ['权力编码', 'code'],
    ['事项编码', 'code'],
    ['编码', 'code'],
    ['代码', 'code'],
    ['事项编号', 'code'],
    ['职权类别', 'category'],
    ['权力类别', 'category'],
    ['权力类型', 'category'],
    ['事项类型', 'category'],
    ['实施依据', 'basis'],
    ['设定依据', 'basis'],
    ['法律依据', 'basis'],
    ['依据', 'basis'],
    ['设定依据\n（法律、法规、规章）', 'basis'],
    ['承办机构', 'unit'],
    ['实施主体', 'unit'],
    ['责任主体', 'unit'],
    ['承办单位', 'unit'],
    ['法定办结时限', 'statutoryLimit'],
    ['法定期限', 'statutoryLimit'],
    ['法定办结时限（工作日）', 'statutoryLimit'],
    ['法定时限(天)', 'statutoryLimit'],
    ['承诺办结时限', 'promisedLimit'],
    ['承诺期限 （工作日）', 'promisedLimit'],
    ['收费依据及标准', 'fees'],
    ['收费项目', 'fees'],
    ['责任事项', 'responsibilities'],
    ['追责情形', 'accountability'],
    ['问责情形', 'accountability'],
    ['责任追究', 'accountability'],
    ['监督电话', 'supervisionPhone'],
    ['投诉电话', 'supervisionPhone'],
    ['申请条件', 'conditions'],
    ['受理条件', 'conditions'],
    ['申请材料', 'materials'],
    ['服务对象', 'serviceObject'],
    ['序号', null],
    ['编号', null],
    ['备注', null],
    ['备 注', null],
    ['', null],
    ['示范县住房和城乡建设局权力清单和责任清单', null],
  ];
  for (const [header, column] of cases) assert.equal(columnOf(header), column, header);
});

test('收费依据 is the fee column, never the legal basis', () => {
  for (const h of ['收费依据', '收费依据和标准', '收费标准', '收费依据（标准）']) assert.equal(columnOf(h), 'fees', h);
  const rows = [
    ['职权编码', '职权名称', '职权类别', '收费依据', '实施依据'],
    ['X-1', '某项许可', '行政许可', '《行政事业性收费标准管理办法》第五条', LAW],
  ];
  const { items, problems } = parse(rows);
  assert.deepEqual(problems, []);
  assert.deepEqual(items[0]!.basis, [LAW]);
  assert.equal(items[0]!.fees, '《行政事业性收费标准管理办法》第五条');
});

test('the header is found below title rows; it needs the name and one more known column', () => {
  const title = ['示范县住房和城乡建设局权力清单和责任清单', '示范县住房和城乡建设局权力清单和责任清单', '示范县住房和城乡建设局权力清单和责任清单'];
  const rows = [title, ['（2024年版）', '', ''], ['', '', ''], ['序号', '职权编码', '职权名称', '职权类别'], ['1', 'X-1', '某项许可', '行政许可']];
  const header = findHeader(rows);
  assert.equal(header?.rowIndex, 3);
  assert.deepEqual(header?.columns, { code: [1], name: [2], category: [3] });
  assert.deepEqual(header?.labels, ['序号', '职权编码', '职权名称', '职权类别']);

  assert.equal(findHeader([['职权名称', '备注']]), null, 'the name alone is not a header');
  assert.equal(findHeader([['职权编码', '职权类别', '设定依据']]), null, 'no name column');
  const late = [...Array.from({ length: 15 }, () => ['']), ['职权编码', '职权名称']];
  assert.equal(findHeader(late), null, 'only the first 15 rows are scanned');

  const { problems } = parsePowerRows([['说明'], ['x']], { categories });
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.row, 0);
  assert.match(problems[0]!.reason, /^找不到表头/);
});

test('the header row is the one with the most known columns', () => {
  const rows = [
    ['事项名称', '事项类型', '', ''],
    ['职权编码', '职权名称', '职权类别', '设定依据'],
  ];
  assert.equal(findHeader(rows)?.rowIndex, 1);
});

test('a header without code, category or basis column is reported once at the header row', () => {
  const rows = [['标题'], ['职权名称', '承办机构'], ['某项许可', UNIT]];
  const { problems } = parse(rows);
  assert.deepEqual(
    problems.map((p) => `${p.row}|${p.column}|${p.reason}`),
    ['2||表头缺少“职权编码”列', '2||表头缺少“职权类别”列', '2||表头缺少“依据”列'],
  );
});

test('time limits: integers of working days, full-width digits, 即办; anything else refused', () => {
  const ok: [string, number | null][] = [
    ['20', 20],
    [' 20 ', 20],
    ['20个工作日', 20],
    ['20日', 20],
    ['20天', 20],
    ['２０', 20],
    ['２０个工作日', 20],
    ['0', 0],
    ['即办', 0],
    ['', null],
    ['无', null],
    ['/', null],
  ];
  for (const [text, days] of ok) assert.deepEqual(parseWorkingDays(text), { ok: true, days }, text);
  for (const text of ['-3', '20.5', '约20天', '二十日', '20-30', 'abc', '3个月']) assert.deepEqual(parseWorkingDays(text), { ok: false }, text);
});

test('responsibility stages come from the leading label; non-standard stages are kept as written', () => {
  assert.deepEqual(splitResponsibilities('受理责任：一次性告知需补正材料。'), [{ stage: '受理', text: '一次性告知需补正材料。' }]);
  assert.deepEqual(splitResponsibilities('受理：依法受理。'), [{ stage: '受理', text: '依法受理。' }]);
  assert.deepEqual(splitResponsibilities('1.受理责任：依法受理。'), [{ stage: '受理', text: '依法受理。' }]);
  assert.deepEqual(splitResponsibilities('（2）审查责任:审查材料。'), [{ stage: '审查', text: '审查材料。' }]);
  assert.deepEqual(splitResponsibilities('事后监管责任：加强监管。'), [{ stage: '事后监管', text: '加强监管。' }]);
  assert.deepEqual(splitResponsibilities('受理环节责任：受理。'), [{ stage: '受理', text: '受理。' }]);
  for (const stage of ['立案', '调查', '审理', '告知', '决定', '送达', '执行', '审批', '解除', '备案', '兑现']) {
    assert.deepEqual(splitResponsibilities(`${stage}责任：内容。`), [{ stage, text: '内容。' }], stage);
    assert.deepEqual(splitResponsibilities(`${stage}：内容。`), [{ stage, text: '内容。' }], stage);
  }
  assert.deepEqual(splitResponsibilities('依法办理就业登记。'), [{ stage: '其他', text: '依法办理就业登记。' }]);
  assert.deepEqual(splitResponsibilities('对申请人提交的全部材料进行审查：材料齐全的受理。'), [
    { stage: '其他', text: '对申请人提交的全部材料进行审查：材料齐全的受理。' },
  ]);
  assert.deepEqual(splitResponsibilities(''), []);
});

test('a cell with several labelled stages splits into them; unlabelled lines continue the stage above', () => {
  const cell = '1.受理责任：公示条件。\n材料齐全的当场受理。2.审查责任：审查材料。\n3.决定责任：作出决定。';
  assert.deepEqual(splitResponsibilities(cell), [
    { stage: '受理', text: '公示条件。\n材料齐全的当场受理。' },
    { stage: '审查', text: '审查材料。' },
    { stage: '决定', text: '作出决定。' },
  ]);
  assert.deepEqual(splitResponsibilities('依法受理。\n当场出具回执。'), [{ stage: '其他', text: '依法受理。\n当场出具回执。' }]);
});

test('citations and accountability situations split on newlines and ；', () => {
  assert.deepEqual(splitCitations('《中华人民共和国建筑法》第七条\n《建筑工程施工许可管理办法》第二条'), [
    '《中华人民共和国建筑法》第七条',
    '《建筑工程施工许可管理办法》第二条',
  ]);
  assert.deepEqual(splitCitations('1.《A法》第一条；2.《B条例》第二条、第三条'), ['《A法》第一条', '《B条例》第二条、第三条']);
  assert.deepEqual(splitSituations('对不符合条件的准予许可的；擅自增设条件的。'), ['对不符合条件的准予许可的', '擅自增设条件的。']);
  assert.deepEqual(splitSituations('（1）不依法立案的;\n（2）违法处罚的\n\n'), ['不依法立案的', '违法处罚的']);
  assert.deepEqual(splitSituations('违法许可的（依据：《A法》第一条；《B条例》第二条）；擅自收费的'), [
    '违法许可的（依据：《A法》第一条；《B条例》第二条）',
    '擅自收费的',
  ]);
});

test('rows of merged cells (the master value repeated) are one item; responsibilities collected, situations once', () => {
  const rows = [
    ['示范县住房和城乡建设局权力清单', '', '', '', '', '', '', '', '', '', ''],
    HEADER,
    row('ZJ-XK-001', '建筑工程施工许可证核发', { duty: '受理责任：依法受理。', blame: '违法许可的；擅自增设条件的' }),
    row('ZJ-XK-001', '建筑工程施工许可证核发', { duty: '审查责任：审查。', blame: '违法许可的；擅自增设条件的' }),
    row('ZJ-XK-001', '建筑工程施工许可证核发', { duty: '决定责任：决定。', blame: '违法许可的；索取财物的' }),
    row('ZJ-XK-002', '商品房预售许可', { duty: '受理：受理。' }),
  ];
  const { items, problems } = parse(rows);
  assert.deepEqual(problems, []);
  assert.equal(items.length, 2);
  assert.deepEqual(items[0], {
    row: 3,
    code: 'ZJ-XK-001',
    name: '建筑工程施工许可证核发',
    category: 'licensing',
    unitText: UNIT,
    basis: [LAW],
    statutoryLimit: 20,
    promisedLimit: 10,
    fees: '不收费',
    conditions: null,
    materials: null,
    serviceObject: null,
    supervisionPhone: null,
    responsibilities: [
      { stage: '受理', text: '依法受理。' },
      { stage: '审查', text: '审查。' },
      { stage: '决定', text: '决定。' },
    ],
    accountability: ['违法许可的', '擅自增设条件的', '索取财物的'],
  });
  assert.equal(items[1]!.row, 6);
});

test('a row with only responsibilities (no code, no name) continues the item above', () => {
  const only = (duty: string, blame = '') => ['', '', '', '', '', '', '', '', '', duty, blame];
  const rows = [HEADER, row('X-1', '某项许可', { duty: '受理责任：受理。' }), only('审查责任：审查。'), only('', '滥用职权的'), row('X-2', '另一项许可')];
  const { items, problems } = parse(rows);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    items[0]!.responsibilities.map((r) => r.stage),
    ['受理', '审查'],
  );
  assert.deepEqual(items[0]!.accountability, ['滥用职权的']);

  const orphan = parse([HEADER, only('审查责任：审查。'), row('X-1', '某项许可')]);
  assert.deepEqual(orphan.problems, [{ row: 2, column: '', value: '', reason: '只有责任事项或追责情形，上方没有所属职权' }]);
});

test('rows repeating only the code and name (other cells left blank) continue the item; a different value does not', () => {
  const next = (code: string, name: string, duty: string, category = '') => ['', code, name, category, '', '', '', '', '', duty, ''];
  const rows = [
    HEADER,
    row('X-1', '某项许可', { duty: '受理：受理。' }),
    next('X-1', '某项许可', '审查：审查。'),
    next('', '某项许可', '决定：决定。'),
    next('X-1', '某项许可', '送达：送达。', '行政确认'),
  ];
  const { items, problems } = parse(rows);
  assert.deepEqual(
    items[0]!.responsibilities.map((r) => r.stage),
    ['受理', '审查', '决定'],
  );
  assert.deepEqual(problems, [{ row: 5, column: '职权编码', value: 'X-1', reason: '编码重复（首次出现在第 2 行）：职权类别不一致' }]);
});

test('blank rows and merged banner rows are ignored, and do not break an item', () => {
  const blank = HEADER.map(() => '');
  const banner = HEADER.map(() => '一、行政许可（2项）');
  const rows = [
    HEADER,
    blank,
    banner,
    row('X-1', '某项许可', { duty: '受理：受理。' }),
    blank,
    row('X-1', '某项许可', { duty: '决定：决定。' }),
    ['  ', '\n'],
    row('X-2', '另一项许可'),
  ];
  const { items, problems } = parse(rows);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    items.map((i) => [i.row, i.code, i.responsibilities.length]),
    [
      [4, 'X-1', 2],
      [8, 'X-2', 0],
    ],
  );
});

test('multi-line cells are kept with their newlines', () => {
  const rows = [
    ['职权编码', '职权名称', '职权类别', '设定依据', '申请条件', '申请材料'],
    ['X-1', '某项\n许可', '行政许可', LAW, '有场所；\n有人员。', '1.申请书\r\n2.证明'],
  ];
  const item = parse(rows).items[0]!;
  assert.equal(item.name, '某项\n许可');
  assert.equal(item.conditions, '有场所；\n有人员。');
  assert.equal(item.materials, '1.申请书\n2.证明');
});

test('the same code further down, or repeated with different fields, is a duplicate', () => {
  const rows = [
    HEADER,
    row('X-1', '某项许可'),
    row('X-2', '另一项许可'),
    row('X-1', '某项许可'),
    row('X-1', '某项许可', { duty: '审查：同一重复块只报一次。' }),
    row('X-3', '第三项许可', { basis: '《A法》第一条' }),
    row('X-3', '第三项许可', { basis: '《A法》第二条' }),
  ];
  const { items, problems } = parse(rows);
  assert.deepEqual(problems, [
    { row: 4, column: '职权编码', value: 'X-1', reason: '编码重复（首次出现在第 2 行）' },
    { row: 7, column: '职权编码', value: 'X-3', reason: '编码重复（首次出现在第 6 行）：设定依据不一致' },
  ]);
  assert.deepEqual(
    items.map((i) => i.code),
    ['X-1', 'X-2', 'X-3'],
  );
});

test('each kind of problem is reported with the row the spreadsheet shows, all of them at once', () => {
  const rows = [
    ['标题'],
    HEADER,
    row('', '没有编码'),
    row('X-2', ''),
    row('X-3', '类别不对', { category: '行政审批' }),
    row('X-4', '类别为空', { category: '' }),
    row('X-5', '没有依据', { basis: '' }),
    row('X-6', '承诺超期', { statutory: '15', promised: '20' }),
    row('X-7', '时限写错', { statutory: '20.5', promised: '约10天' }),
  ];
  const { items, problems } = parse(rows);
  const allowed = '允许：行政许可、行政处罚、行政强制、行政征收、行政给付、行政检查、行政确认、行政奖励、行政裁决、其他行政权力、公共服务、村级小微权力';
  assert.deepEqual(problems, [
    { row: 3, column: '职权编码', value: '', reason: '缺少职权编码' },
    { row: 4, column: '职权名称', value: '', reason: '缺少职权名称' },
    { row: 5, column: '职权类别', value: '行政审批', reason: `未知类别，${allowed}` },
    { row: 6, column: '职权类别', value: '', reason: `缺少职权类别，${allowed}` },
    { row: 7, column: '设定依据', value: '', reason: '缺少依据' },
    { row: 8, column: '承诺办结时限', value: '20', reason: '承诺时限大于法定时限' },
    { row: 9, column: '法定办结时限', value: '20.5', reason: '时限不是整数工作日' },
    { row: 9, column: '承诺办结时限', value: '约10天', reason: '时限不是整数工作日' },
  ]);
  assert.deepEqual(items, []);
});

test('fees: empty is null, 不收费 is kept as text; limits may be absent for any category', () => {
  const rows = [
    HEADER,
    row('X-1', '某项处罚', { category: '行政处罚', statutory: '', promised: '', fees: '' }),
    row('X-2', '某项许可', { statutory: '', promised: '5' }),
  ];
  const { items, problems } = parse(rows);
  assert.deepEqual(problems, []);
  assert.equal(items[0]!.fees, null);
  assert.equal(items[0]!.statutoryLimit, null);
  assert.equal(items[0]!.category, 'penalty');
  assert.equal(items[1]!.fees, '不收费');
  assert.deepEqual([items[1]!.statutoryLimit, items[1]!.promisedLimit], [null, 5]);
});
