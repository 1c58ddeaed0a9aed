import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildContent, publishLatest } from '../../test/factories.ts';
import { forEachEngine } from '../../test/test-db.ts';
import { as, CLI_ACTOR, errorOf, httpSuite, signIn, type Reply, type Session } from '../../test/test-app.ts';
import { PROCESS_TEMPLATES } from './process-templates.data.ts';
import type { ProcessDefinition, StepNode } from './process.rules.ts';

const licensing = (): ProcessDefinition => structuredClone(PROCESS_TEMPLATES.find((t) => t.code === 'licensing')!.process);
const stepOf = (p: ProcessDefinition, id: string) => p.nodes.find((n) => n.id === id) as StepNode;

forEachEngine('process definitions, drawings and the risk register over HTTP', (engine) => {
  const suite = httpSuite(engine);
  const sessions = new Map<string, Promise<Session>>();
  const sessionOf = (login: string) => {
    if (!sessions.has(login)) sessions.set(login, signIn(suite.http, login));
    return sessions.get(login)!;
  };
  const get = async (login: string | null, url: string) => suite.http.inject({ url, headers: login ? as(await sessionOf(login)) : {} });
  const send = async (login: string, method: 'POST' | 'PUT', url: string, payload: object) =>
    suite.http.inject({ method, url, headers: as(await sessionOf(login)), payload });
  const status = (res: Reply) => [res.statusCode, res.statusCode >= 400 ? errorOf(res).code : null];
  let itemId = '';

  const checkBody = (process: ProcessDefinition, over: object = {}) => ({
    process,
    statutoryLimit: 20,
    promisedLimit: 19,
    name: '建设项目环境影响评价文件审批',
    basis: ['《中华人民共和国环境影响评价法》第二十二条'],
    supervisionPhone: '0354-1234567',
    unitCode: 'HBJ-SP',
    risk: false,
    ...over,
  });

  test('the vocabulary offers duties, grades, categories, art. 45 reasons and templates; signed-in users only', async () => {
    const res = await get('hbj.clerk', '/api/v1/process/vocabulary');
    assert.equal(res.statusCode, 200);
    const v = res.json() as {
      duties: { code: string; zh: string }[];
      riskCategories: { code: string; zh: string }[];
      clockStopReasons: string[];
      templates: { code: string }[];
    };
    assert.deepEqual(
      v.duties.map((d) => d.zh),
      ['受理', '审查', '决定', '送达', '执行', '监督', '其他'],
    );
    assert.ok(v.riskCategories.some((c) => c.zh === '吃拿卡要'));
    assert.ok(v.clockStopReasons.includes('专家评审'));
    assert.deepEqual(
      v.templates.map((t) => t.code),
      ['licensing', 'penalty', 'benefit', 'village', 'joint'],
    );
    assert.equal((await get(null, '/api/v1/process/vocabulary')).statusCode, 401);
  });

  test('the live check answers problems, the longest path and the drawing; it refuses a unit outside the caller’s reach', async () => {
    const ok = await send('hbj.clerk', 'POST', '/api/v1/process/check', checkBody(licensing()));
    assert.equal(ok.statusCode, 200, ok.body);
    const body = ok.json() as { problems: unknown[]; longest: { days: number }; svg: string };
    assert.deepEqual(body.problems, []);
    assert.equal(body.longest.days, 19);
    assert.match(body.svg, /^<svg|<\?xml/);
    assert.match(body.svg, /一次性告知补正/);

    const tight = (await send('hbj.clerk', 'POST', '/api/v1/process/check', checkBody(licensing(), { promisedLimit: 15 }))).json() as {
      problems: { code: string }[];
    };
    assert.deepEqual(
      tight.problems.map((p) => p.code),
      ['process.over_limit'],
    );
    const broken = licensing();
    broken.flows.push({ from: 'review', to: 'nowhere', outcome: '转办' });
    const drawn = (await send('hbj.clerk', 'POST', '/api/v1/process/check', checkBody(broken))).json() as {
      problems: { code: string }[];
      longest: null;
      svg: string;
    };
    assert.ok(drawn.problems.some((p) => p.code === 'process.dangling_flow'));
    assert.equal(drawn.longest, null);
    assert.match(drawn.svg, /审查/);

    assert.deepEqual(status(await send('dg.cadre', 'POST', '/api/v1/process/check', checkBody(licensing()))), [400, 'validation']);
    assert.deepEqual(status(await send('sysadmin', 'POST', '/api/v1/process/check', checkBody(licensing()))), [403, 'forbidden']);
    const malformed = checkBody(licensing());
    (malformed.process.nodes[1] as { duty: string }).duty = 'approve';
    assert.deepEqual(status(await send('hbj.clerk', 'POST', '/api/v1/process/check', malformed)), [400, 'validation']);
  });

  test('a process too tangled to lay out answers without a drawing, within the layout time limit', async () => {
    // 60 steps, each with a 退回 back to the first: ELK would take minutes; the check gives up after 5 s.
    const ids = Array.from({ length: 60 }, (_, i) => `s${i + 1}`);
    const tangled: ProcessDefinition = {
      nodes: [
        { id: 'start', kind: 'start', name: null },
        ...ids.map((id): StepNode => ({
          id,
          kind: 'step',
          name: `环节${id}`,
          duty: 'review',
          performer: { role: 'clerk', unit: 'own', unitCode: null },
          limitDays: 1,
          clockStop: null,
          risks: [],
        })),
        { id: 'end', kind: 'end', name: '办结' },
      ],
      flows: [
        { from: 'start', to: 's1', outcome: null },
        ...ids.flatMap((id, i) => [{ from: id, to: ids[i + 1] ?? 'end', outcome: '通过' }, ...(i > 0 ? [{ from: id, to: 's1', outcome: '退回' }] : [])]),
      ],
    };
    tangled.flows[1]!.outcome = null;
    const res = await send('hbj.clerk', 'POST', '/api/v1/process/check', checkBody(tangled));
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { problems: { code: string }[]; svg: string | null };
    assert.equal(body.svg, null);
    assert.deepEqual(
      body.problems.map((p) => p.code),
      ['process.too_complex', 'process.undrawable'],
    );
  });

  test('saving: errors refuse the revision with every problem; warnings are saved; the diff shows the process', async () => {
    itemId = (await suite.t.app.catalogue.createItem(CLI_ACTOR, { unitCode: 'HBJ-SP', code: 'HB-P-1', content: buildContent({ promisedLimit: 19 }) })).id;
    const over = licensing();
    stepOf(over, 'review').limitDays = 30;
    const refused = await send('hbj.clerk', 'PUT', `/api/v1/powers/${itemId}`, { basedOn: 1, content: buildContent({ promisedLimit: 19, process: over }) });
    assert.deepEqual(status(refused), [422, 'process.invalid']);
    assert.deepEqual(
      (errorOf(refused).details.problems as { code: string }[]).map((p) => p.code),
      ['process.over_limit'],
    );

    const unfinished = licensing();
    stepOf(unfinished, 'decide').performer.role = null;
    const saved = await send('hbj.clerk', 'PUT', `/api/v1/powers/${itemId}`, { basedOn: 1, content: buildContent({ promisedLimit: 19, process: unfinished }) });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal((saved.json() as { latestRevision: number }).latestRevision, 2);
    const diff = (await get('hbj.clerk', `/api/v1/powers/${itemId}/diff?from=1&to=2`)).json() as { changes: { field: string; added: string[] }[] };
    assert.deepEqual(
      diff.changes.map((c) => c.field),
      ['process'],
    );
    assert.ok(diff.changes[0]!.added.some((l) => l.startsWith('步骤 决定｜决定｜本单位 未定角色')));
  });

  test('a 0-day limit (即办) stays 0 through the API, and an unset one stays null', async () => {
    const res = await send('hbj.clerk', 'POST', '/api/v1/powers', {
      unitCode: 'HBJ-SP',
      code: 'HB-P-0',
      content: buildContent({ statutoryLimit: null, promisedLimit: 0, materials: [{ name: '申请表', form: null, copies: 0, required: true }] }),
    });
    assert.equal(res.statusCode, 201, res.body);
    const content = (res.json() as { latest: { content: { statutoryLimit: number | null; promisedLimit: number | null; materials: { copies: number }[] } } })
      .latest.content;
    assert.deepEqual([content.statutoryLimit, content.promisedLimit, content.materials[0]!.copies], [null, 0, 0]);
  });

  test('a batch whose process still has warnings cannot be submitted for review', async () => {
    const created = await send('hbj.clerk', 'POST', '/api/v1/review/batches', { unitCode: 'HBJ-SP', title: '流程图送审', itemCodes: ['HB-P-1'] });
    assert.equal(created.statusCode, 201, created.body);
    const batchId = (created.json() as { batch: { id: string } }).batch.id;
    const refused = await send('hbj.head', 'POST', `/api/v1/review/batches/${batchId}/transitions`, { action: 'submit' });
    assert.deepEqual(status(refused), [409, 'process.incomplete'], refused.body);
    const items = errorOf(refused).details.items as { code: string; problems: { code: string }[] }[];
    assert.deepEqual(
      items.map((i) => [i.code, i.problems.map((p) => p.code)]),
      [['HB-P-1', ['process.role_missing']]],
    );
    // Fixed, it goes.
    await send('hbj.clerk', 'PUT', `/api/v1/powers/${itemId}`, { basedOn: 2, content: buildContent({ promisedLimit: 19, process: licensing() }) });
    assert.equal((await send('hbj.head', 'POST', `/api/v1/review/batches/${batchId}/transitions`, { action: 'submit' })).statusCode, 200);
  });

  test('a sheet import revising the item keeps its process (the sheet has no process column)', async () => {
    const r = await suite.t.app.catalogue.importItems(
      CLI_ACTOR,
      'HBJ-SP',
      [{ row: 1, code: 'HB-P-1', unitText: null, content: buildContent({ promisedLimit: 19, fees: '不收费' }) }],
      [],
    );
    assert.equal(r.revised, 1);
    const item = await suite.t.app.catalogue.getItem(CLI_ACTOR, itemId);
    assert.equal(item.latest.content.fees, '不收费');
    assert.deepEqual(item.latest.content.process, licensing());
    // A row lowering the limit below the kept process's longest path is refused like an edit would be.
    await assert.rejects(
      suite.t.app.catalogue.importItems(CLI_ACTOR, 'HBJ-SP', [{ row: 1, code: 'HB-P-1', unitText: null, content: buildContent({ promisedLimit: 10 }) }], []),
      (e: { code: string; details: { rows: { column: string; reason: string }[] } }) =>
        e.code === 'import.rejected' && e.details.rows.some((r) => r.column === 'process' && /超过承诺时限 10/.test(r.reason)),
    );
  });

  test('drawings: SVG and PNG, flowchart and risk map, any revision; not for others’ units', async () => {
    const svg = await get('hbj.clerk', `/api/v1/powers/${itemId}/drawing`);
    assert.equal(svg.statusCode, 200);
    assert.match(String(svg.headers['content-type']), /image\/svg\+xml/);
    for (const name of ['受理', '一次性告知补正', '审查', '决定', '制证送达', '办结', '不予许可']) assert.ok(svg.body.includes(name), name);
    assert.ok(svg.body.includes('示范县生态环境局 行政审批股'), 'a section is named with its department as the implementing unit');
    assert.ok(!svg.body.includes('降低或提高审查标准'), 'the flowchart leaves the risk texts to the risk map');
    const risk = await get('hbj.clerk', `/api/v1/powers/${itemId}/drawing?risk=true`);
    assert.ok(risk.body.includes('降低或提高审查标准'));
    assert.ok(risk.body.includes('★★★'));
    const png = await get('inspector', `/api/v1/powers/${itemId}/drawing?format=png&risk=true`);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.deepEqual([...png.rawPayload.subarray(1, 4)], [...Buffer.from('PNG')]);
    assert.deepEqual(status(await get('hbj.clerk', `/api/v1/powers/${itemId}/drawing?revision=1`)), [404, 'not_found']);
    assert.deepEqual(status(await get('hbj.clerk', `/api/v1/powers/${itemId}/drawing?revision=9`)), [404, 'not_found']);
    assert.deepEqual(status(await get('zjj.clerk', `/api/v1/powers/${itemId}/drawing`)), [404, 'not_found']);
  });

  test('the risk register lists every risk point with its grade, item and step; filters, counts and exports', async () => {
    type Register = { total: number; byGrade: Record<string, number>; items: { itemCode: string; stepName: string; grade: number; published: boolean }[] };
    const all = (await get('inspector', '/api/v1/risks')).json() as Register;
    assert.equal(all.total, 3);
    assert.deepEqual(all.byGrade, { 1: 1, 2: 1, 3: 1 });
    assert.deepEqual(
      all.items.map((r) => [r.grade, r.itemCode, r.stepName, r.published]),
      [
        [1, 'HB-P-1', '审查', false],
        [2, 'HB-P-1', '决定', false],
        [3, 'HB-P-1', '受理', false],
      ],
    );
    const high = (await get('hbj.clerk', '/api/v1/risks?grade=1')).json() as Register;
    assert.deepEqual([high.total, high.byGrade], [1, { 1: 1, 2: 1, 3: 1 }]);
    assert.equal(((await get('hbj.clerk', '/api/v1/risks?category=bribery')).json() as Register).total, 1);
    assert.equal(((await get('hbj.clerk', `/api/v1/risks?q=${encodeURIComponent('录像')}`)).json() as Register).total, 1);
    // Another unit's staff see none of it; the three administrators none at all.
    assert.equal(((await get('zjj.clerk', '/api/v1/risks')).json() as Register).total, 0);
    assert.deepEqual(status(await get('auditor', '/api/v1/risks')), [403, 'forbidden']);
    const csv = await get('hbj.clerk', '/api/v1/risks?format=csv');
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="risk-register\.csv"/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines.length, 4);
    assert.match(lines[1]!, /HB-P-1,建设项目环境影响评价文件审批,审查,审查,一级（高） ★★★,自由裁量/);
    const xlsx = await get('hbj.clerk', '/api/v1/risks?format=xlsx');
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
  });

  test('the portal shows the published flowchart; the risk map only once the county publishes risk maps', async () => {
    await publishLatest(suite.t.app, ['HB-P-1']);
    const detail = async () => (await get(null, '/api/v1/public/powers/HB-P-1')).json() as { process: ProcessDefinition; riskMapPublished: boolean };
    const hidden = await detail();
    assert.equal(hidden.riskMapPublished, false);
    assert.deepEqual(
      hidden.process.nodes.map((n) => n.id),
      licensing().nodes.map((n) => n.id),
    );
    assert.ok(hidden.process.nodes.every((n) => n.kind !== 'step' || n.risks.length === 0));
    const chart = await get(null, '/api/v1/public/powers/HB-P-1/drawing');
    assert.equal(chart.statusCode, 200);
    assert.ok(chart.body.includes('制证送达'));
    // Caches ask every time (a new publication keeps the address); an unchanged drawing answers 304.
    assert.equal(chart.headers['cache-control'], 'no-cache');
    const again = await suite.http.inject({ url: '/api/v1/public/powers/HB-P-1/drawing', headers: { 'if-none-match': String(chart.headers.etag) } });
    assert.equal(again.statusCode, 304);
    assert.deepEqual(status(await get(null, '/api/v1/public/powers/HB-P-1/drawing?risk=true')), [404, 'not_found']);
    assert.deepEqual(status(await get(null, '/api/v1/public/powers/NOPE/drawing')), [404, 'not_found']);

    assert.deepEqual((await get('hbj.clerk', '/api/v1/portal/settings')).json(), { publishRiskMaps: false });
    for (const login of ['hbj.clerk', 'hbj.head', 'county.leader', 'sysadmin'])
      assert.deepEqual(status(await send(login, 'PUT', '/api/v1/portal/settings', { publishRiskMaps: true })), [403, 'forbidden'], login);
    const on = await send('inspector', 'PUT', '/api/v1/portal/settings', { publishRiskMaps: true });
    assert.equal(on.statusCode, 200, on.body);
    const shown = await detail();
    assert.equal(shown.riskMapPublished, true);
    assert.equal(stepOf(shown.process, 'review').risks[0]!.grade, 1);
    const map = await get(null, '/api/v1/public/powers/HB-P-1/drawing?risk=true&format=png');
    assert.equal(map.headers['content-type'], 'image/png');
    const events = await suite.t.app.db.kysely.selectFrom('audit_event').select('actor').where('action', '=', 'portal.settings').execute();
    assert.deepEqual(
      events.map((e) => e.actor),
      ['user:inspector'],
    );
  });

  test('the CSV export keeps formula-like text inert', async () => {
    const p = licensing();
    stepOf(p, 'review').risks[0]!.measures = '=HYPERLINK("http://example.com","点此")';
    const latest = (await suite.t.app.catalogue.getItem(CLI_ACTOR, itemId)).latestRevision;
    await send('hbj.clerk', 'PUT', `/api/v1/powers/${itemId}`, { basedOn: latest, content: buildContent({ promisedLimit: 19, fees: '不收费', process: p }) });
    const csv = await get('hbj.clerk', '/api/v1/risks?format=csv&grade=1');
    assert.ok(csv.body.includes(`"'=HYPERLINK(""http://example.com"",""点此"")"`), csv.body);
  });

  test('an item’s duty-separation rules are saved with its process, checked live, and refused when malformed', async () => {
    const p = {
      ...licensing(),
      separations: [{ duties: ['review' as const, 'decide' as const, 'deliver' as const], reason: '审查、许可、发证分别由三人负责' }],
    };
    const latest = (await suite.t.app.catalogue.getItem(CLI_ACTOR, itemId)).latestRevision;
    const saved = await send('hbj.clerk', 'PUT', `/api/v1/powers/${itemId}`, {
      basedOn: latest,
      content: buildContent({ promisedLimit: 19, fees: '不收费', process: p }),
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const item = (await get('hbj.clerk', `/api/v1/powers/${itemId}`)).json() as { latestRevision: number; latest: { content: { process: ProcessDefinition } } };
    assert.equal(item.latestRevision, latest + 1);
    assert.deepEqual(item.latest.content.process.separations, p.separations);
    const diff = (await get('hbj.clerk', `/api/v1/powers/${itemId}/diff?from=${latest}&to=${latest + 1}`)).json() as { changes: { added: string[] }[] };
    assert.ok(diff.changes[0]!.added.includes('职责分离 审查、决定、送达｜审查、许可、发证分别由三人负责'), diff.changes[0]!.added.join('\n'));

    const blank: ProcessDefinition = { ...licensing(), separations: [{ duties: ['review', 'supervise'], reason: ' ' }] };
    const checked = (await send('hbj.clerk', 'POST', '/api/v1/process/check', checkBody(blank))).json() as { problems: { code: string }[] };
    assert.deepEqual(
      checked.problems.map((x) => x.code),
      ['process.separation_reason_missing', 'process.separation_duty_absent'],
    );
    const refused = await send('hbj.clerk', 'PUT', `/api/v1/powers/${itemId}`, {
      basedOn: latest + 1,
      content: buildContent({ promisedLimit: 19, process: blank }),
    });
    assert.deepEqual(status(refused), [422, 'process.invalid']);
    for (const separations of [[{ duties: ['review', 'approve'], reason: '理由' }], [{ duties: ['review', 'decide'], reason: '第一行\n第二行' }]])
      assert.deepEqual(status(await send('hbj.clerk', 'POST', '/api/v1/process/check', checkBody({ ...licensing(), separations } as ProcessDefinition))), [
        400,
        'validation',
      ]);
  });

  test('public drawings are rate-limited per address', async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 65; i++)
      statuses.add((await suite.http.inject({ url: '/api/v1/public/powers/HB-P-1/drawing', headers: { 'if-none-match': '"x"' } })).statusCode);
    assert.ok(statuses.has(429), [...statuses].join(','));
  });
});
