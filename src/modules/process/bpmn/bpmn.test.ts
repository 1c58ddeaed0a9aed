// BPMN in and out. Exports validate against the OMG schema (testdata/xsd) and come back exactly; files from
// other modelers (testdata/fixtures) import with the report kept as a golden file per fixture and process
// (regenerate after a deliberate change with UPDATE_GOLDEN=1 node scripts/run-tests.js bpmn/bpmn.test and read the
// diff); broken files are refused with a clear message.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { validateXML } from 'xmllint-wasm';
import { choice, end, flow, risk, step } from '../process-builders.ts';
import { PROCESS_TEMPLATES } from '../process-templates.data.ts';
import { validateProcess, type ProcessDefinition } from '../process.rules.ts';
import { PERFORMER_ROLES, type PerformerRole } from '../process-vocabulary.data.ts';
import { closeLayoutThread } from '../drawing/drawing.ts';
import { LIQUOR_RETAIL_LICENCE, performerLabel } from '../drawing/testdata/fixtures.ts';
import { THIRTY_STEPS } from '../drawing/testdata/thirty-steps.ts';
import { exportBpmn } from './bpmn-export.ts';
import { importBpmn, type BpmnImport, type BpmnImportOptions } from './bpmn-import.ts';
import { reportLines } from './bpmn-report.ts';

after(() => closeLayoutThread());

const GOLDEN = new URL('./testdata/', import.meta.url);
const FIXTURES = new URL('fixtures/', GOLDEN);
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const ROLE_ZH: Record<PerformerRole, string> = {
  clerk: '承办人',
  section_chief: '股室负责人',
  leader: '分管领导',
  head: '主要负责人（一把手）',
  legal_reviewer: '法制审核员',
  inspector: '纪检监察员',
  village_cadre: '村干部',
};
const roleNamed = (name: string): PerformerRole | null => PERFORMER_ROLES.find((r) => r === name.trim().toLowerCase() || ROLE_ZH[r] === name.trim()) ?? null;
const options = (over: Partial<BpmnImportOptions> = {}): BpmnImportOptions => ({ limits: { statutoryLimit: null, promisedLimit: null }, roleNamed, ...over });

const exported = (process: ProcessDefinition, itemCode = 'JX-QR-001') => exportBpmn({ itemCode, itemName: '酒类商品零售许可', process, performerLabel });

const xsd = (name: string) => ({ fileName: name, contents: readFileSync(new URL(`xsd/${name}`, GOLDEN), 'utf8') });
/** Schema errors of each document, by file name (xmllint, compiled to WebAssembly, with the OMG schema). */
async function schemaErrors(files: { fileName: string; contents: string }[]): Promise<string[]> {
  const result = await validateXML({
    xml: files,
    schema: [xsd('BPMN20.xsd')],
    preload: [xsd('Semantic.xsd'), xsd('BPMNDI.xsd'), xsd('DC.xsd'), xsd('DI.xsd')],
  });
  return result.errors.map((e) => e.rawMessage);
}

const imported = (r: BpmnImport): ProcessDefinition => {
  assert.ok(r.ok, reportLines(r.report).join('\n'));
  return r.process;
};
const refusal = (r: BpmnImport) => {
  assert.equal(r.ok, false, 'expected the file to be refused');
  return r.report.entries.filter((e) => e.kind === 'refused');
};

/** Names that XML must escape, line breaks in free text, ids with dots and dashes, one colliding with generated ids. */
const AWKWARD: ProcessDefinition = {
  nodes: [
    { id: 'start', kind: 'start', name: null },
    step('Flow_1', '受理 <窗口> & “登记”', 'accept', 'clerk', 1),
    choice('gw.1', '材料是否齐全？'),
    step('review-1', '审查 \'A\' "B"', 'review', 'section_chief', 5, [
      risk(1, 'discretion', '第一行\n第二行\r\n第三行\t制表', '措施：<双人> & 留痕', '审批股 股长'),
      risk(3, 'leak', '泄露 ]]> 申请人信息', '', null),
    ]),
    { ...step('expert', '专家评审', 'review', null, 10), clockStop: '专家评审', performer: { role: 'legal_reviewer', unit: 'named', unitCode: 'ZRJ' } },
    { ...step('boss', '决定', 'decide', 'leader', 2), performer: { role: 'leader', unit: 'parent', unitCode: null } },
    { ...step('Process_JX-QR-001', '送达', 'deliver', null, null), duty: null },
    end('done', '办结'),
    end('no', "不予受理（'补正' 逾期）"),
  ],
  flows: [
    flow('start', 'Flow_1'),
    flow('Flow_1', 'gw.1'),
    flow('gw.1', 'review-1', '齐全 & 符合 "法定形式"'),
    flow('gw.1', 'no', "不齐全 'x' \\ y"),
    flow('review-1', 'expert'),
    flow('expert', 'boss'),
    flow('boss', 'Process_JX-QR-001'),
    flow('Process_JX-QR-001', 'done'),
  ],
};

/**
 * What the editor saves for an unnamed choice and start (''), blank and padded names, a single flow's empty outcome,
 * twin parallel flows, a unit code kept beside unit own, a node id the document would otherwise give its definitions.
 */
const BLANKS: ProcessDefinition = {
  nodes: [
    { id: 'start', kind: 'start', name: '' },
    {
      ...step('Definitions_JX-QR-001', ' 受理 ', 'accept', 'clerk', 1, [risk(2, 'bribery', '   ', '  ')]),
      performer: { role: 'clerk', unit: 'own', unitCode: 'HBJ' },
    },
    { id: 'gw', kind: 'exclusive', name: '' },
    { id: 'p', kind: 'parallel', name: '  ' },
    step('a', '审查', 'review', 'section_chief', 2),
    end('done', '办结'),
    end('no', '不予受理'),
  ],
  flows: [
    flow('start', 'Definitions_JX-QR-001', ''),
    flow('Definitions_JX-QR-001', 'gw'),
    flow('gw', 'p', ' 齐全'),
    flow('gw', 'no', '不齐全'),
    flow('p', 'a'),
    flow('p', 'a'),
    flow('a', 'done'),
  ],
};

/** The liquor licence with its own duty-separation rules, one reason with what XML must escape and padding. */
const SEPARATED: ProcessDefinition = {
  ...LIQUOR_RETAIL_LICENCE,
  separations: [
    { duties: ['review', 'decide', 'deliver'], reason: '审查、许可、发证分别由三人负责（经信局酒类流通备案登记）' },
    { duties: ['accept', 'decide'], reason: " 受理 & “决定” <分离> 'x' " },
  ],
};

const EXPORT_CASES: { name: string; process: ProcessDefinition }[] = [
  ...PROCESS_TEMPLATES.map((t) => ({ name: `template ${t.code}`, process: t.process as ProcessDefinition })),
  { name: '30 steps', process: THIRTY_STEPS },
  { name: '酒类商品零售许可', process: LIQUOR_RETAIL_LICENCE },
  { name: 'awkward names and ids', process: AWKWARD },
  { name: 'blank names, twin flows, a reserved id', process: BLANKS },
  { name: 'duty-separation rules', process: SEPARATED },
];

describe('export', () => {
  test('every export validates against the OMG BPMN 2.0 schema', async () => {
    const files = await Promise.all(EXPORT_CASES.map(async (c, i) => ({ fileName: `case-${i}.bpmn`, contents: await exported(c.process) })));
    assert.deepEqual(await schemaErrors(files), []);
  });

  test('the schema check can fail: a flow without its target is reported', async () => {
    const broken = (await exported(LIQUOR_RETAIL_LICENCE)).replace(/ targetRef="[^"]*"/, '');
    const errors = await schemaErrors([{ fileName: 'broken.bpmn', contents: broken }]);
    assert.ok(
      errors.some((e) => e.includes('targetRef')),
      errors.join('\n'),
    );
  });

  test('one process of user tasks, gateways and end events, with a shape or edge for each in the diagram', async () => {
    const xml = await exported(PROCESS_TEMPLATES.find((t) => t.code === 'joint')!.process as ProcessDefinition);
    const p = PROCESS_TEMPLATES.find((t) => t.code === 'joint')!.process;
    assert.equal((xml.match(/<bpmn:process /g) ?? []).length, 1);
    assert.equal((xml.match(/<bpmn:userTask /g) ?? []).length, p.nodes.filter((n) => n.kind === 'step').length);
    assert.equal((xml.match(/<bpmn:parallelGateway /g) ?? []).length, 2);
    assert.equal((xml.match(/<bpmn:sequenceFlow /g) ?? []).length, p.flows.length);
    assert.equal((xml.match(/<bpmndi:BPMNShape /g) ?? []).length, p.nodes.length);
    const edges = xml.split('<bpmndi:BPMNEdge ').slice(1);
    assert.equal(edges.length, p.flows.length);
    for (const e of edges) assert.ok((e.match(/<di:waypoint /g) ?? []).length >= 2);
  });

  test('a step carries its duty, performer, limit, clock stop and risk points in the Sunlit namespace, and its role as potential owner', async () => {
    const xml = await exported(AWKWARD);
    assert.match(xml, /xmlns:sunlit="urn:sunlit:schema:bpmn:1\.0"/);
    assert.match(
      xml,
      /<sunlit:step duty="review" limitDays="10" clockStop="专家评审">\s*<sunlit:performer role="legal_reviewer" unit="named" unitCode="ZRJ" \/>/,
    );
    assert.match(xml, /<sunlit:description>第一行\n第二行&#13;\n第三行\t制表<\/sunlit:description>/);
    assert.match(xml, /<bpmn:formalExpression>section_chief<\/bpmn:formalExpression>/);
    assert.match(xml, /<bpmn:startEvent id="start">/, 'an unnamed start has no name attribute');
  });

  test('the item’s duty-separation rules are Sunlit extension elements first in the process; none without rules', async () => {
    const xml = await exported(SEPARATED);
    assert.match(
      xml,
      /<bpmn:process id="Process_JX-QR-001" name="酒类商品零售许可" isExecutable="false">\n {4}<bpmn:extensionElements>\n {6}<sunlit:separation duties="review decide deliver" reason="审查、许可、发证分别由三人负责（经信局酒类流通备案登记）" \/>\n {6}<sunlit:separation duties="accept decide" reason=" 受理 &amp; “决定” &lt;分离&gt; 'x' " \/>\n {4}<\/bpmn:extensionElements>\n {4}<bpmn:startEvent /,
    );
    assert.doesNotMatch(await exported(LIQUOR_RETAIL_LICENCE), /sunlit:separation|<bpmn:process [^>]*>\s*<bpmn:extensionElements>/);
    assert.doesNotMatch(await exported({ ...LIQUOR_RETAIL_LICENCE, separations: [] }), /sunlit:separation/);
  });

  test("a choice's flows carry a condition on their outcome, so an engine takes exactly one", async () => {
    const xml = await exported(AWKWARD);
    assert.match(
      xml,
      /name="齐全 &amp; 符合 &quot;法定形式&quot;"[^>]*>\s*<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\$\{outcome == '齐全 &amp; 符合 "法定形式"'\}</,
    );
    assert.match(xml, /\$\{outcome == '不齐全 \\'x\\' \\\\ y'\}/);
    // A step's single flow needs none.
    assert.match(xml, /<bpmn:sequenceFlow id="[^"]+" sourceRef="Flow_1" targetRef="gw.1" \/>/);
  });

  test('ids the document adds never collide with node ids', async () => {
    const xml = await exported(AWKWARD);
    const ids = [...xml.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length, 'every id once');
    assert.match(xml, /<bpmn:process id="Process_JX-QR-001_2"/);
  });

  test('events are circles at the drawing’s terminators, with edges ending on them', async () => {
    const xml = await exported(LIQUOR_RETAIL_LICENCE);
    const start = /bpmnElement="start">\s*<dc:Bounds x="([\d.]+)" y="([\d.]+)" width="36" height="36"/.exec(xml);
    assert.ok(start, 'the start is a 36×36 circle');
    const cx = Number(start[1]) + 18;
    const cy = Number(start[2]) + 18;
    const firstEdge = xml.split('<bpmndi:BPMNEdge ').find((e) => e.includes('bpmnElement="Flow_1"'))!;
    const [x, y] = /<di:waypoint x="([\d.]+)" y="([\d.]+)"/.exec(firstEdge)!.slice(1).map(Number) as [number, number];
    assert.ok(Math.abs(Math.hypot(x - cx, y - cy) - 18) < 0.2, `the first waypoint (${x}, ${y}) is on the circle`);
  });
});

describe('round trip', () => {
  for (const c of EXPORT_CASES) {
    test(`export → import → export gives the same process and the same file: ${c.name}`, async () => {
      const first = await exported(c.process);
      const back = importBpmn(first, options());
      const p = imported(back);
      assert.deepEqual(p, c.process);
      assert.deepEqual(
        back.report.entries.filter((e) => e.kind !== 'warning'),
        [],
        'nothing unsupported or adapted in an export',
      );
      assert.equal(await exported(p), first);
    });
  }

  test('a file in UTF-16 with a byte-order mark imports as the same process', async () => {
    const xml = (await exported(LIQUOR_RETAIL_LICENCE)).replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
    assert.deepEqual(imported(importBpmn(bytes, options())), LIQUOR_RETAIL_LICENCE);
  });

  test('a GBK file says so in its declaration and its Chinese names come through', () => {
    const xml = minimal('<task id="t1" name="审查材料" />', 'encoding="GBK"');
    const bytes = new Uint8Array(new TextEncoderGbk().encode(xml));
    const p = imported(importBpmn(bytes, options()));
    assert.equal(p.nodes.find((n) => n.id === 't1')?.name, '审查材料');
  });
});

/** GBK bytes for the test above: Node decodes GBK but does not encode it, so each character's code is looked up. */
class TextEncoderGbk {
  private readonly decoder = new TextDecoder('gbk');
  encode(s: string): number[] {
    return [...s].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : this.code(ch)));
  }
  private code(ch: string): number[] {
    for (let hi = 0x81; hi <= 0xfe; hi++) for (let lo = 0x40; lo <= 0xfe; lo++) if (this.decoder.decode(new Uint8Array([hi, lo])) === ch) return [hi, lo];
    throw new Error(`${ch} is not in GBK`);
  }
}

/** Sequence flows f0, f1 … between the `source:target` pairs. */
const sequence = (...pairs: string[]) =>
  pairs.map((pair, i) => `<sequenceFlow id="f${i}" sourceRef="${pair.split(':')[0]}" targetRef="${pair.split(':')[1]}" />`).join('');

/** A small BPMN file: start → (body) → end, the body's first task being t1 and its last t_last or t1. */
function minimal(body: string, declaration = 'encoding="UTF-8"', flows?: string): string {
  const last = body.includes('id="t_last"') ? 't_last' : 't1';
  return `<?xml version="1.0" ${declaration}?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:test">
  <process id="P">
    <startEvent id="s" />
    ${body}
    <endEvent id="e" name="办结" />
    ${flows ?? `<sequenceFlow id="f1" sourceRef="s" targetRef="t1" /><sequenceFlow id="f2" sourceRef="${last}" targetRef="e" />`}
  </process>
</definitions>`;
}

describe('fixtures from other modelers', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.bpmn'));
  test('every fixture has its golden reports', () => assert.ok(files.length >= 5));
  for (const file of files) {
    const bytes = readFileSync(new URL(file, FIXTURES));
    const whole = importBpmn(bytes, options());
    const runs = [{ name: file, result: whole }];
    if (whole.report.processes.length > 1) {
      for (const p of whole.report.processes) runs.push({ name: `${file}@${p.id}`, result: importBpmn(bytes, options({ processId: p.id })) });
    }
    for (const run of runs) {
      test(`report of ${run.name}`, () => {
        const text = `${reportLines(run.result.report).join('\n')}\n`;
        const golden = new URL(`${run.name}.report.txt`, GOLDEN);
        if (UPDATE || !existsSync(golden)) writeFileSync(golden, text);
        assert.equal(text, readFileSync(golden, 'utf8'));
        if (run.result.ok) {
          // What was imported follows every rule (warnings aside) and fits the process contract.
          assert.deepEqual(
            validateProcess(run.result.process, options().limits).filter((x) => x.severity === 'error'),
            [],
          );
        }
      });
    }
  }

  test('a file with several processes is refused with their ids and names; --process picks one', () => {
    const bytes = readFileSync(new URL('complex.bpmn', FIXTURES));
    const r = importBpmn(bytes, options());
    assert.equal(refusal(r)[0]!.code, 'bpmn.several_processes');
    assert.equal(r.report.processes.length, 9);
    assert.ok(
      r.report.processes.some(
        (p) => p.id === 'sid-D0B76975-2A71-4345-9861-401E7CB66AF6' && p.name === 'Durchführung Bewerbungsgespräch - Sachbearbeiter Personal',
      ),
    );
    const one = imported(importBpmn(bytes, options({ processId: 'sid-D0B76975-2A71-4345-9861-401E7CB66AF6' })));
    assert.equal(one.nodes.filter((n) => n.kind === 'parallel').length, 2);
  });

  test('an empty pool beside one real process (Bizagi) is skipped, not asked about', () => {
    const r = importBpmn(readFileSync(new URL('bizagi-nested-ns-definition.bpmn', FIXTURES)), options());
    assert.ok(r.ok);
    assert.equal(r.report.process?.name, 'Prozess 1');
  });

  test('end events keep their names and become the end states', () => {
    const p = imported(importBpmn(readFileSync(new URL('yaoqiang-event-definitions.bpmn', FIXTURES)), options()));
    const ends = p.nodes.filter((n) => n.kind === 'end').map((n) => n.name);
    assert.ok(ends.includes('Error') && ends.includes('End'), ends.join(','));
  });
});

describe('refused files', () => {
  const cases: { name: string; file: string | Uint8Array; code: string; says: RegExp; processId?: string }[] = [
    { name: 'not XML', file: '<definitions><process>', code: 'bpmn.not_xml', says: /不是有效的 XML/ },
    { name: 'not text', file: new Uint8Array([0xff, 0x00, 0xc3, 0x28, 0x9f]), code: 'bpmn.not_xml', says: /XML/ },
    { name: 'an SVG', file: '<svg xmlns="http://www.w3.org/2000/svg"></svg>', code: 'bpmn.not_bpmn', says: /根元素是 svg/ },
    {
      name: 'BPMN of another namespace (a Camunda 8 form)',
      file: '<definitions xmlns="http://example.org/not-bpmn" />',
      code: 'bpmn.not_bpmn',
      says: /不是 BPMN 2\.0/,
    },
    {
      name: 'an entity bomb',
      file: '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&b;</definitions>',
      code: 'bpmn.not_xml',
      says: /DOCTYPE/,
    },
    { name: 'an unknown encoding', file: Buffer.from('<?xml version="1.0" encoding="klingon"?><a/>'), code: 'bpmn.not_xml', says: /klingon/ },
    { name: 'no process', file: '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" />', code: 'bpmn.no_process', says: /没有含任何节点的流程/ },
    { name: 'duplicate ids', file: minimal('<task id="t1" name="审查" /><task id="s" name="重复" />'), code: 'bpmn.duplicate_id', says: /编号 s 重复/ },
    {
      name: 'a flow to nowhere',
      file: minimal(
        '<task id="t1" name="审查" />',
        undefined,
        '<sequenceFlow id="f1" sourceRef="s" targetRef="t1" /><sequenceFlow id="f2" sourceRef="t1" targetRef="ghost" />',
      ),
      code: 'bpmn.dangling_flow',
      says: /ghost 不是本流程中的节点/,
    },
    {
      name: 'no start',
      file: minimal('<task id="t1" name="审查" />').replace('<startEvent id="s" />', '<task id="s" name="开始前" />'),
      code: 'bpmn.no_start',
      says: /没有开始事件/,
    },
    {
      name: 'no end',
      file: minimal('<task id="t1" name="审查" />', undefined, '<sequenceFlow id="f1" sourceRef="s" targetRef="t1" />').replace(
        '<endEvent id="e" name="办结" />',
        '',
      ),
      code: 'bpmn.no_end',
      says: /没有结束事件/,
    },
    {
      name: 'an unreachable task',
      file: minimal('<task id="t1" name="审查" /><task id="t9" name="孤立的步骤" /><sequenceFlow id="f9" sourceRef="t9" targetRef="e" />'),
      code: 'process.unreachable',
      says: /“孤立的步骤”从开始走不到/,
    },
    {
      name: 'an unknown --process',
      file: minimal('<task id="t1" name="审查" />'),
      processId: 'Nope',
      code: 'bpmn.process_unknown',
      says: /没有编号为 Nope 的流程；现有：P/,
    },
    {
      name: 'elements nested 300 deep',
      file: `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">${'<documentation>'.repeat(300)}${'</documentation>'.repeat(300)}</definitions>`,
      code: 'bpmn.not_xml',
      says: /deeper than 200 levels/,
    },
    {
      name: 'more nodes than a process may hold',
      file: minimal(
        Array.from({ length: 121 }, (_, i) => `<task id="t${i + 1}" name="步骤${i + 1}" />`).join(''),
        undefined,
        [
          '<sequenceFlow id="f0" sourceRef="s" targetRef="t1" />',
          ...Array.from({ length: 120 }, (_, i) => `<sequenceFlow id="f${i + 1}" sourceRef="t${i + 1}" targetRef="t${i + 2}" />`),
          '<sequenceFlow id="fe" sourceRef="t121" targetRef="e" />',
        ].join(''),
      ),
      code: 'bpmn.too_large',
      says: /超过上限/,
    },
  ];
  for (const c of cases) {
    test(`refuses ${c.name}`, () => {
      const r = importBpmn(c.file, options({ processId: c.processId }));
      const refused = refusal(r);
      assert.equal(refused[0]?.code, c.code, reportLines(r.report).join('\n'));
      assert.match(refused[0]!.message.zh, c.says);
      assert.ok(refused[0]!.message.en.length > 0);
      assert.equal(r.report.outcome, 'refused');
    });
  }

  test('a syntax error names its line', () => {
    const r = importBpmn('<?xml version="1.0"?>\n<definitions>\n  <process>\n</definitions>', options());
    assert.match(refusal(r)[0]!.message.zh, /第 4 行/);
  });

  test('a process over the item’s limit is refused naming the path (Sunlit’s own limits came with the file)', async () => {
    const r = importBpmn(await exported(LIQUOR_RETAIL_LICENCE), options({ limits: { statutoryLimit: 3, promisedLimit: null } }));
    assert.equal(refusal(r)[0]!.code, 'process.over_limit');
  });
});

describe('mapping', () => {
  test('lanes, potential owners and candidate groups that name a Sunlit role give the role; others are reported', () => {
    const file = minimal(
      `<laneSet id="ls"><lane id="L1" name="股室负责人"><flowNodeRef>t2</flowNodeRef></lane><lane id="L2" name="Sachbearbeiter"><flowNodeRef>t3</flowNodeRef></lane></laneSet>
       <userTask id="t1" name="受理"><potentialOwner><resourceAssignmentExpression><formalExpression>group(clerk)</formalExpression></resourceAssignmentExpression></potentialOwner></userTask>
       <userTask id="t2" name="审查" />
       <userTask id="t3" name="决定" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" camunda:candidateGroups="boss, leader" />
       <userTask id="t_last" name="送达" />`,
      undefined,
      sequence('s:t1', 't1:t2', 't2:t3', 't3:t_last', 't_last:e'),
    );
    const r = importBpmn(file, options());
    const p = imported(r);
    const roles = Object.fromEntries(p.nodes.filter((n) => n.kind === 'step').map((n) => [n.id, n.kind === 'step' ? n.performer.role : null]));
    assert.deepEqual(roles, { t1: 'clerk', t2: 'section_chief', t3: 'leader', t_last: null });
    const unknown = r.report.entries.filter((e) => e.code === 'bpmn.role_unknown').map((e) => e.message.en);
    assert.deepEqual(unknown, ['“boss” is not a Sunlit role; the role is left open']);
    // The duties come from the names (受理 → accept …) and say so.
    assert.deepEqual(
      p.nodes.flatMap((n) => (n.kind === 'step' ? [n.duty] : [])),
      ['accept', 'review', 'decide', 'deliver'],
    );
    assert.equal(r.report.entries.filter((e) => e.code === 'bpmn.duty_from_name').length, 4);
  });

  test('a step without role, duty or limit imports with warnings that block publication', () => {
    const r = importBpmn(minimal('<task id="t1" name="Prüfen" />'), options());
    assert.ok(r.ok);
    assert.deepEqual(
      r.report.entries.filter((e) => e.kind === 'warning').map((e) => e.code),
      ['process.duty_missing', 'process.role_missing', 'process.limit_missing'],
    );
  });

  test('unconditioned flows leaving a task run together: a parallel split is drawn in', () => {
    const p = imported(
      importBpmn(
        minimal(
          '<task id="t1" name="受理" /><task id="a" name="审查甲" /><task id="b" name="审查乙" /><parallelGateway id="j" /><task id="t_last" name="决定" />',
          undefined,
          sequence('s:t1', 't1:a', 't1:b', 'a:j', 'b:j', 'j:t_last', 't_last:e'),
        ),
        options(),
      ),
    );
    assert.deepEqual(
      p.nodes.find((n) => n.id === 't1_split'),
      { id: 't1_split', kind: 'parallel', name: null },
    );
    assert.deepEqual(
      p.flows.filter((f) => f.from === 't1' || f.from === 't1_split').map((f) => `${f.from}→${f.to}`),
      ['t1_split→a', 't1_split→b', 't1→t1_split'],
    );
  });

  test("a choice's unnamed flows take their condition, 其他情况 for the default, or their target's name", () => {
    const p = imported(
      importBpmn(
        minimal(
          '<task id="t1" name="审查" /><exclusiveGateway id="g" default="f3" /><task id="t_last" name="许可" /><endEvent id="no" name="不予许可" /><endEvent id="later" name="转办" />',
          undefined,
          `<sequenceFlow id="f0" sourceRef="s" targetRef="t1" /><sequenceFlow id="f1" sourceRef="t1" targetRef="g" />
           <sequenceFlow id="f2" sourceRef="g" targetRef="t_last"><conditionExpression>\${ok}</conditionExpression></sequenceFlow>
           <sequenceFlow id="f3" sourceRef="g" targetRef="no" /><sequenceFlow id="f4" sourceRef="g" targetRef="later" />
           <sequenceFlow id="f5" sourceRef="t_last" targetRef="e" />`,
        ),
        options(),
      ),
    );
    assert.deepEqual(
      p.flows.filter((f) => f.from === 'g').map((f) => f.outcome),
      ['${ok}', '其他情况', '至 转办'],
    );
  });

  test('a boundary timer becomes an outcome of its task; an intermediate event is passed through, naming the outcome; one that ends a path is an end', () => {
    const r = importBpmn(
      minimal(
        `<task id="t1" name="审查" /><boundaryEvent id="b" name="超期" attachedToRef="t1"><timerEventDefinition /></boundaryEvent>
         <task id="esc" name="督办" /><eventBasedGateway id="g" /><intermediateCatchEvent id="m" name="收到补正材料"><messageEventDefinition /></intermediateCatchEvent>
         <intermediateCatchEvent id="tm" name="补正期满"><timerEventDefinition /></intermediateCatchEvent>
         <intermediateThrowEvent id="sig" name="通知纪委"><signalEventDefinition /></intermediateThrowEvent>`,
        undefined,
        sequence('s:t1', 't1:g', 'g:m', 'g:tm', 'm:e', 'tm:sig', 'b:esc', 'esc:e'),
      ),
      options(),
    );
    const p = imported(r);
    const flows = p.flows.map((f) => `${f.from}→${f.to}${f.outcome ? `(${f.outcome})` : ''}`);
    assert.deepEqual(flows, ['s→t1', 't1→g(至 g)', 'g→e(收到补正材料)', 'g→sig(补正期满)', 'esc→e', 't1→esc(超期)']);
    assert.deepEqual(
      p.nodes.find((n) => n.id === 'sig'),
      { id: 'sig', kind: 'end', name: '通知纪委' },
    );
    assert.deepEqual(
      r.report.entries.filter((e) => e.kind === 'unsupported').map((e) => `${e.code} ${e.id}`),
      ['bpmn.boundary_outcome b', 'bpmn.gateway_kind g', 'bpmn.event_passed m', 'bpmn.event_passed tm', 'bpmn.event_as_end sig'],
    );
  });

  test('a task that nothing follows ends its path (BPMN): an end is added after it', () => {
    const r = importBpmn(
      minimal(
        '<task id="t1" name="审查" /><task id="side" name="归档" />',
        undefined,
        '<sequenceFlow id="f1" sourceRef="s" targetRef="t1" /><sequenceFlow id="f2" sourceRef="t1" targetRef="e" /><sequenceFlow id="f3" sourceRef="t1" targetRef="side" />',
      ),
      options(),
    );
    const p = imported(r);
    assert.deepEqual(p.nodes.at(-1), { id: 'side_end', kind: 'end', name: '结束' });
    assert.ok(r.report.entries.some((e) => e.code === 'bpmn.implicit_end' && e.id === 'side'));
  });

  test('ids that are not Sunlit node ids are replaced; wrapped names become one line; long ones are shortened', () => {
    const long = '很'.repeat(120);
    const p = imported(
      importBpmn(
        minimal(
          `<task id="t1" name="审查&#10;材料" /><task id="步骤二" name="${long}" />`,
          undefined,
          '<sequenceFlow id="f1" sourceRef="s" targetRef="t1" /><sequenceFlow id="f2" sourceRef="t1" targetRef="步骤二" /><sequenceFlow id="f3" sourceRef="步骤二" targetRef="e" />',
        ),
        options(),
      ),
    );
    assert.equal(p.nodes[1]!.name, '审查 材料');
    assert.equal(p.nodes[2]!.id, 'n1');
    assert.equal(p.nodes[2]!.name!.length, 100);
    assert.deepEqual(p.flows.at(-1), { from: 'n1', to: 'e', outcome: null });
  });

  test('a Sunlit extension with values out of the vocabulary leaves them empty and says so', () => {
    const r = importBpmn(
      minimal(
        `<userTask id="t1" name="审查"><extensionElements><sunlit:step xmlns:sunlit="urn:sunlit:schema:bpmn:1.0" duty="approve" limitDays="-3"><sunlit:performer role="boss" unit="own" /></sunlit:step></extensionElements></userTask>`,
      ),
      options(),
    );
    const p = imported(r);
    assert.deepEqual(p.nodes[1], {
      id: 't1',
      kind: 'step',
      name: '审查',
      duty: null,
      performer: { role: null, unit: 'own', unitCode: null },
      limitDays: null,
      clockStop: null,
      risks: [],
    });
    assert.equal(r.report.entries.filter((e) => e.code === 'bpmn.extension_invalid').length, 3);
  });

  test('duty-separation rules in a Sunlit extension: unknown and repeated duties are left out, a rule left unusable too, each noted', () => {
    const rules = [
      '<sunlit:separation duties="review  decide\tdeliver" reason="三人分办" />',
      '<sunlit:separation duties="review approve review decide" reason="第一行&#10;第二行" />',
      '<sunlit:separation duties="review" reason="只有一项" />',
      '<sunlit:separation duties="review decide" reason="  " />',
      '<sunlit:separation reason="没有职责" />',
    ];
    const r = importBpmn(
      minimal(`<extensionElements xmlns:sunlit="urn:sunlit:schema:bpmn:1.0">${rules.join('')}</extensionElements><userTask id="t1" name="审查" />`),
      options(),
    );
    assert.deepEqual(imported(r).separations, [
      { duties: ['review', 'decide', 'deliver'], reason: '三人分办' },
      { duties: ['review', 'decide'], reason: '第一行 第二行' },
    ]);
    assert.deepEqual(
      r.report.entries.filter((e) => e.code === 'bpmn.extension_invalid').map((e) => e.message.en),
      [
        "The duty separation rule's duty “approve” is not valid; left out",
        'The duty separation rule lists the duty review twice; the repeat is left out',
        'A duty separation rule needs at least two different duties and a reason; not imported',
        'A duty separation rule needs at least two different duties and a reason; not imported',
        'A duty separation rule needs at least two different duties and a reason; not imported',
      ],
    );
    // The step's duty is guessed from its name (审查 → review); decide and deliver have no step: warnings.
    assert.deepEqual(r.report.entries.filter((e) => e.code === 'process.separation_duty_absent').length, 3);
    assert.equal(imported(importBpmn(minimal('<userTask id="t1" name="审查" />'), options())).separations, undefined);
  });

  test('a file that several starts begin picks the plain one and leaves the others out', () => {
    const r = importBpmn(
      minimal(
        '<startEvent id="s2" name="定时启动"><timerEventDefinition /></startEvent><task id="t1" name="审查" /><sequenceFlow id="f9" sourceRef="s2" targetRef="t1" />',
      ),
      options(),
    );
    const p = imported(r);
    assert.deepEqual(
      p.nodes.filter((n) => n.kind === 'start').map((n) => n.id),
      ['s'],
    );
    assert.ok(r.report.entries.some((e) => e.code === 'bpmn.extra_start' && e.id === 's2'));
  });

  test('a chain of 30 events that fork and meet again (2³⁰ paths) is worked out once per event', () => {
    const r = importBpmn(
      minimal(
        `<task id="t1" name="审查" />${Array.from({ length: 30 }, (_, i) => `<intermediateCatchEvent id="m${i}" />`).join('')}`,
        undefined,
        [
          '<sequenceFlow id="f0" sourceRef="s" targetRef="t1" /><sequenceFlow id="f1" sourceRef="t1" targetRef="m0" />',
          ...Array.from(
            { length: 29 },
            (_, i) => `<sequenceFlow id="a${i}" sourceRef="m${i}" targetRef="m${i + 1}" /><sequenceFlow id="b${i}" sourceRef="m${i}" targetRef="m${i + 1}" />`,
          ),
          '<sequenceFlow id="fe" sourceRef="m29" targetRef="e" />',
        ].join(''),
      ),
      options(),
    );
    assert.deepEqual(imported(r).flows, [flow('s', 't1'), flow('t1', 'e')]);
  });

  test('link events are a drawing’s connectors: the path runs on at the matching catch', () => {
    const p = imported(
      importBpmn(
        minimal(
          `<task id="t1" name="审查" /><intermediateThrowEvent id="go"><linkEventDefinition name="A" /></intermediateThrowEvent>
           <intermediateCatchEvent id="land"><linkEventDefinition name="A" /></intermediateCatchEvent><task id="t_last" name="决定" />`,
          undefined,
          sequence('s:t1', 't1:go', 'land:t_last', 't_last:e'),
        ),
        options(),
      ),
    );
    assert.deepEqual(
      p.flows.map((f) => `${f.from}→${f.to}`),
      ['s→t1', 't1→t_last', 't_last→e'],
    );
  });

  test('flows into what is left out (an extra start, a boundary event leading nowhere) are dropped and noted, not a crash', () => {
    const r = importBpmn(
      minimal(
        `<startEvent id="s2"><messageEventDefinition /></startEvent><task id="t1" name="审查" />
         <boundaryEvent id="b" attachedToRef="t1"><timerEventDefinition /></boundaryEvent>`,
        undefined,
        sequence('s:t1', 't1:e', 't1:s2', 't1:b'),
      ),
      options(),
    );
    assert.deepEqual(imported(r).flows, [flow('s', 't1'), flow('t1', 'e')]);
    assert.deepEqual(
      r.report.entries.filter((e) => e.code === 'bpmn.flow_dropped').map((e) => e.id),
      ['f2', 'f3'],
    );
  });

  test('names are cut at a character, never inside a surrogate pair; repeated outcomes stay within 50 characters', () => {
    const long = `${'很'.repeat(98)}😀😀`;
    const same = '准'.repeat(50);
    const p = imported(
      importBpmn(
        minimal(
          `<task id="t1" name="${long}" /><exclusiveGateway id="g" /><task id="t_last" name="决定" />`,
          undefined,
          `<sequenceFlow id="f0" sourceRef="s" targetRef="t1" /><sequenceFlow id="f1" sourceRef="t1" targetRef="g" />
           <sequenceFlow id="f2" name="${same}" sourceRef="g" targetRef="t_last" /><sequenceFlow id="f3" name="${same}" sourceRef="g" targetRef="e" />
           <sequenceFlow id="f4" sourceRef="t_last" targetRef="e" />`,
        ),
        options(),
      ),
    );
    const name = p.nodes[1]!.name!;
    assert.equal(name, `${'很'.repeat(98)}…`);
    const outcomes = p.flows.filter((f) => f.from === 'g').map((f) => f.outcome!);
    assert.deepEqual(outcomes, [same, `${'准'.repeat(46)}…（2）`]);
    assert.ok(outcomes.every((o) => o.length <= 50));
  });

  test('a risk point outside the contract in a Sunlit extension is left out and noted; the rest imports', () => {
    const risks = `<sunlit:risk grade="1"><sunlit:description>没有类别</sunlit:description><sunlit:measures>m</sunlit:measures></sunlit:risk>
      <sunlit:risk grade="2" category="bribery"><sunlit:description>好的</sunlit:description><sunlit:measures>m</sunlit:measures></sunlit:risk>`;
    const r = importBpmn(
      minimal(
        `<userTask id="t1" name="审查"><extensionElements><sunlit:step xmlns:sunlit="urn:sunlit:schema:bpmn:1.0" duty="review" limitDays="3"><sunlit:performer role="clerk" unit="named" unitCode="not a code!" />${risks}</sunlit:step></extensionElements></userTask>`,
      ),
      options(),
    );
    const step = imported(r).nodes[1]!;
    assert.ok(step.kind === 'step');
    assert.deepEqual(
      step.risks.map((x) => x.description),
      ['好的'],
    );
    assert.equal(step.performer.unitCode, null);
    assert.deepEqual(
      r.report.entries.filter((e) => e.code === 'bpmn.extension_invalid').map((e) => e.message.en),
      [
        "The Sunlit extension's 单位编码 unitCode “not a code!” is not valid; left empty",
        "The Sunlit extension's 风险点 risk（category must not have fewer than 1 characters） “没有类别” is not valid; left empty",
      ],
    );
  });

  test('a process with thousands of elements is refused before it is mapped', () => {
    const tasks = Array.from({ length: 3000 }, (_, i) => `<task id="t${i + 1}" name="步骤" />`).join('');
    const flows = Array.from({ length: 3000 }, (_, i) => `<sequenceFlow id="f${i + 1}" sourceRef="t${i + 1}" targetRef="e" />`).join('');
    const r = importBpmn(minimal(tasks, undefined, `<sequenceFlow id="f0" sourceRef="s" targetRef="t1" />${flows}`), options());
    assert.equal(refusal(r)[0]!.code, 'bpmn.too_large');
    const many = `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">${'<documentation />'.repeat(60_000)}</definitions>`;
    assert.match(refusal(importBpmn(many, options()))[0]!.message.en, /more than 50000 elements/);
  });
});
