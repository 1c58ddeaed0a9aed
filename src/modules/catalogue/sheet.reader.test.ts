import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { POWER_CATEGORIES } from './categories.data.ts';
import { parseCsv, readSheetBuffer, readSheetFile, SheetReadError, sheetKindOf } from './sheet.reader.ts';
import { parsePowerRows, type ParsedPowerItem } from './sheet.rules.ts';

const testdata = (name: string): string => fileURLToPath(new URL(`./testdata/${name}`, import.meta.url));
const parseFile = async (name: string) => parsePowerRows(await readSheetFile(testdata(name)), { categories: POWER_CATEGORIES });
const withoutRow = (items: ParsedPowerItem[]) => items.map(({ row: _row, ...rest }) => rest);

test('the two zhujian samples (merged cells in .xlsx, repeated codes in .csv) parse into the same eleven items', async () => {
  const xlsx = await parseFile('zhujian-powers.xlsx');
  const csv = await parseFile('zhujian-powers.csv');
  assert.deepEqual(xlsx.problems, []);
  assert.deepEqual(csv.problems, []);
  assert.equal(xlsx.items.length, 11);
  assert.deepEqual(withoutRow(xlsx.items), withoutRow(csv.items));

  // The .xlsx has a merged title row above the header; the .csv starts with the header.
  assert.deepEqual(
    xlsx.items.map((i) => i.row),
    [3, 7, 10, 13, 18, 20, 22, 23, 25, 29, 31],
  );
  assert.deepEqual(
    csv.items.map((i) => i.row),
    [2, 6, 9, 12, 17, 19, 21, 22, 24, 28, 30],
  );

  const permit = xlsx.items[0]!;
  assert.equal(permit.code, 'ZJ-XK-001');
  assert.equal(permit.category, 'licensing');
  assert.deepEqual(permit.basis, ['《中华人民共和国建筑法》第七条', '《建筑工程施工许可管理办法》第二条']);
  assert.deepEqual([permit.statutoryLimit, permit.promisedLimit, permit.fees], [15, 7, '不收费']);
  assert.equal(permit.supervisionPhone, '0354-7654321');
  assert.deepEqual(
    permit.responsibilities.map((r) => r.stage),
    ['受理', '审查', '决定', '送达'],
  );
  assert.deepEqual(permit.accountability, ['对不符合条件的申请人准予许可的', '擅自增设条件的。']);

  const penalty = xlsx.items.find((i) => i.code === 'ZJ-CF-001')!;
  assert.deepEqual([penalty.category, penalty.statutoryLimit, penalty.promisedLimit, penalty.fees], ['penalty', null, null, '无']);
  assert.deepEqual(
    penalty.responsibilities.map((r) => r.stage),
    ['立案', '调查', '告知', '决定', '执行'],
  );
  // Stages written otherwise by the county are kept as written.
  assert.deepEqual(
    xlsx.items.find((i) => i.code === 'ZJ-GF-001')!.responsibilities.map((r) => r.stage),
    ['受理', '审核', '公示', '发放'],
  );
  assert.deepEqual(
    xlsx.items.map((i) => i.category),
    ['licensing', 'licensing', 'licensing', 'penalty', 'penalty', 'coercion', 'inspection', 'confirmation', 'benefit', 'reward', 'other'],
  );
});

test('xlsx: merged cells repeat their master value, the header row is the second row', async () => {
  const rows = await readSheetFile(testdata('zhujian-powers.xlsx'));
  assert.equal(rows.length, 32);
  assert.equal(rows[0]![11], '示范县住房和城乡建设局权力清单和责任清单', 'the title merged across A1:L1');
  assert.equal(rows[1]![1], '职权编码');
  assert.deepEqual(rows[5]!.slice(0, 3), ['1', 'ZJ-XK-001', '建筑工程施工许可证核发'], 'row 6 inside the merge A3:A6 … C3:C6');
  assert.equal(rows[5]![9], '送达责任：送达许可证并公开。');
  assert.equal(rows[2]![4], '《中华人民共和国建筑法》第七条\n《建筑工程施工许可管理办法》第二条');
});

test('a deliberately broken file is rejected with every bad row reported', async () => {
  const { items, problems } = await parseFile('broken-powers.csv');
  const allowed = POWER_CATEGORIES.map((c) => c.zh).join('、');
  assert.deepEqual(problems, [
    { row: 5, column: '职权类别', value: '行政审批', reason: `未知类别，允许：${allowed}` },
    { row: 6, column: '承诺期限（工作日）', value: '20', reason: '承诺时限大于法定时限' },
    { row: 7, column: '职权名称', value: '', reason: '缺少职权名称' },
    { row: 9, column: '实施依据', value: '', reason: '缺少依据' },
    { row: 10, column: '法定期限（工作日）', value: '约20天', reason: '时限不是整数工作日' },
    { row: 10, column: '承诺期限（工作日）', value: '-3', reason: '时限不是整数工作日' },
    { row: 11, column: '职权编码', value: 'T-001', reason: '编码重复（首次出现在第 3 行）' },
    { row: 14, column: '职权编码', value: 'T-007', reason: '编码重复（首次出现在第 13 行）：实施依据不一致' },
    { row: 15, column: '职权编码', value: '', reason: '缺少职权编码' },
  ]);
  assert.deepEqual(
    items.map((i) => i.code),
    ['T-001', 'T-007', 'T-008'],
    'the good rows still parse, but a caller imports nothing while problems remain',
  );
});

test('column variants, titles above the header, continuation rows, non-standard stages and multi-line cells', async () => {
  const { items, problems } = await parseFile('variants-powers.csv');
  assert.deepEqual(problems, []);
  assert.deepEqual(
    items.map((i) => [i.row, i.code, i.category]),
    [
      [5, 'RS-XK-001', 'licensing'],
      [8, 'RS-QT-001', 'other'],
      [10, 'RS-CF-001', 'penalty'],
      [11, 'RS-GG-001', 'public_service'],
    ],
  );
  const [school, benefit, penalty, service] = items as [ParsedPowerItem, ParsedPowerItem, ParsedPowerItem, ParsedPowerItem];
  assert.deepEqual(school, {
    row: 5,
    code: 'RS-XK-001',
    name: '民办职业培训学校设立、分立、合并、变更及终止审批',
    category: 'licensing',
    unitText: '示范县人力资源和社会保障局',
    basis: ['《中华人民共和国民办教育促进法》第十二条', '《中华人民共和国民办教育促进法实施条例》第十条'],
    statutoryLimit: 20,
    promisedLimit: 20,
    fees: '不收费',
    conditions: '有符合规定的办学场所；\n有合格的教师。',
    materials: '1.申请书\n2.场所证明',
    serviceObject: '法人和其他组织',
    supervisionPhone: '0354-12345',
    responsibilities: [
      { stage: '受理', text: '公示条件，一次性告知。\n材料齐全的当场受理。' },
      { stage: '审查', text: '审查材料。' },
      { stage: '审批', text: '作出是否准予的决定。' },
    ],
    accountability: ['对符合条件的不予受理的', '违规审批的', '滥用职权的'],
  });
  assert.deepEqual([benefit.statutoryLimit, benefit.promisedLimit, benefit.fees, benefit.unitText], [0, 0, '无', '示范县社会保险中心']);
  assert.deepEqual(benefit.responsibilities, [
    { stage: '兑现', text: '按月足额发放。' },
    { stage: '解除', text: '停止发放时书面告知。' },
  ]);
  assert.deepEqual(penalty.basis, ['《劳动保障监察条例》第二十五条'], 'basis from the 实施依据 column, 收费依据 left to fees');
  assert.equal(penalty.fees, null);
  assert.deepEqual(penalty.responsibilities, [
    { stage: '备案', text: '存档备查。' },
    { stage: '其他', text: '法律法规规定的其他责任。' },
  ]);
  assert.deepEqual(service.responsibilities, [{ stage: '其他', text: '依法办理就业登记。' }]);
});

test('csv with and without BOM, with CRLF or LF, reads the same', async () => {
  const withBom = await readFile(testdata('zhujian-powers.csv'));
  assert.deepEqual([...withBom.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const noBom = withBom.subarray(3);
  const lf = Buffer.from(noBom.toString('utf8').replace(/\r\n/g, '\n'));
  const a = await readSheetBuffer(withBom, 'csv');
  assert.equal(a[0]![0], '序号', 'the BOM is not part of the first header');
  assert.deepEqual(await readSheetBuffer(noBom, 'csv'), a);
  assert.deepEqual(await readSheetBuffer(lf, 'csv'), a);
  assert.equal(a.length, 31);
  assert.equal(a[1]![4], '《中华人民共和国建筑法》第七条\n《建筑工程施工许可管理办法》第二条');
});

test('csv parsing: quotes, doubled quotes, commas and newlines inside quotes, blank lines', () => {
  assert.deepEqual(parseCsv('a,b,c\r\n1,"x, y","say ""hi"""\r\n'), [
    ['a', 'b', 'c'],
    ['1', 'x, y', 'say "hi"'],
  ]);
  assert.deepEqual(parseCsv('a,"line 1\r\nline 2"\n\n,\nlast'), [['a', 'line 1\nline 2'], [''], ['', ''], ['last']]);
  assert.deepEqual(parseCsv(''), []);
  assert.deepEqual(parseCsv('"",x'), [['', 'x']]);
  assert.throws(
    () => parseCsv('a,b\n"open,\nnever closed'),
    (e: unknown) => e instanceof SheetReadError && e.message.includes('第 2 行') && e.message.includes('引号未闭合'),
  );
});

test('xlsx cells as display text: rich text, numbers, dates, formulas, vertical merges', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('清单');
  sheet.getCell('A1').value = { richText: [{ text: '职权' }, { text: '名称', font: { bold: true } }] };
  sheet.getCell('B1').value = '法定时限';
  sheet.getCell('A2').value = '某项许可';
  sheet.getCell('B2').value = 20;
  sheet.getCell('C2').value = new Date(Date.UTC(2024, 2, 5));
  sheet.getCell('D2').value = { formula: 'B2/2', result: 10 };
  sheet.getCell('E2').value = 0.1 + 0.2;
  sheet.getCell('F2').value = { text: '链接', hyperlink: 'https://example.org' };
  sheet.getCell('G2').value = '第一行\r\n第二行';
  sheet.mergeCells('A2:A3');
  sheet.getCell('B3').value = { formula: 'B2+1', result: { error: '#N/A' } };
  const buf = Buffer.from(await workbook.xlsx.writeBuffer());
  const rows = await readSheetBuffer(buf, 'xlsx');
  assert.deepEqual(rows, [
    ['职权名称', '法定时限', '', '', '', '', ''],
    ['某项许可', '20', '2024-03-05', '10', '0.3', '链接', '第一行\n第二行'],
    ['某项许可', '#N/A', '', '', '', '', ''],
  ]);
});

test('only .xlsx and .csv are read; unreadable files are refused with a clear message', async () => {
  assert.equal(sheetKindOf('清单.XLSX'), 'xlsx');
  assert.equal(sheetKindOf('/tmp/清单.csv'), 'csv');
  for (const name of ['清单.xls', '清单.txt', '清单']) {
    assert.throws(
      () => sheetKindOf(name),
      (e: unknown) => e instanceof SheetReadError && e.message.includes('只能导入 .xlsx 或 .csv'),
      name,
    );
  }
  await assert.rejects(readSheetFile(testdata('no-such-file.csv')), (e: unknown) => e instanceof SheetReadError && e.message.includes('无法读取文件'));
  await assert.rejects(readSheetFile(testdata('no-such-file.xls')), /只能导入 \.xlsx 或 \.csv/);

  const dir = await mkdtemp(join(tmpdir(), 'sunlit-sheet-'));
  try {
    const fake = join(dir, 'fake.xlsx');
    await writeFile(fake, '职权名称,职权编码\n');
    await assert.rejects(readSheetFile(fake), (e: unknown) => e instanceof SheetReadError && e.message.includes('不是有效的 .xlsx'));
    const oldXls = join(dir, 'old.xlsx');
    await writeFile(oldXls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    await assert.rejects(readSheetFile(oldXls), /旧版 \.xls/);
    const brokenZip = join(dir, 'broken.xlsx');
    await writeFile(brokenZip, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64)]));
    await assert.rejects(readSheetFile(brokenZip), (e: unknown) => e instanceof SheetReadError && e.message.startsWith('无法读取 Excel 文件'));
    const gbk = join(dir, 'gbk.csv');
    await writeFile(gbk, Buffer.from([0xd6, 0xb0, 0xc8, 0xa8, 0xc3, 0xfb, 0xb3, 0xc6])); // 职权名称 in GBK
    await assert.rejects(readSheetFile(gbk), /不是 UTF-8 编码/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
