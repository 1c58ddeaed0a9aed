import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accountabilityFromText, accountabilityText, diffContents, materialFromText, materialText, type Material } from './power-item.rules.ts';
import { buildContent } from '../../test/factories.ts';

test('materials and accountability survive their sheet text form', () => {
  const materials: Material[] = [
    { name: '环境影响报告书（表）', form: 'original', copies: 2, required: true },
    { name: '营业执照', form: 'copy', copies: null, required: true },
    { name: '授权委托书', form: null, copies: 1, required: false },
    { name: '其他材料', form: null, copies: null, required: true },
    { name: '身份证明', form: 'either', copies: 1, required: false },
  ];
  for (const m of materials) assert.deepEqual(materialFromText(materialText(m)), m, materialText(m));
  assert.equal(materialText(materials[0]!), '环境影响报告书（表）（原件，2份）');
  assert.deepEqual(materialFromText('申请书'), { name: '申请书', form: null, copies: null, required: true });
  for (const a of [
    { situation: '违法准予许可的', basis: '《中华人民共和国行政许可法》第七十四条' },
    { situation: '擅自增设条件的', basis: null },
  ]) {
    assert.deepEqual(accountabilityFromText(accountabilityText(a)), a);
  }
});

test('a diff lists only changed fields, in reading order, with lines added and removed', () => {
  const a = buildContent();
  const b = buildContent({ name: '新名称', responsibilities: [...a.responsibilities, { stage: '备案', text: '报上级备案' }] });
  assert.deepEqual(
    diffContents(a, b).map((c) => [c.field, c.removed, c.added]),
    [
      ['name', ['建设项目环境影响评价文件审批'], ['新名称']],
      ['responsibilities', [], ['备案：报上级备案']],
    ],
  );
  assert.deepEqual(diffContents(a, buildContent()), []);
});
