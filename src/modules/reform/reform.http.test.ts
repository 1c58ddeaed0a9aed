import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readSheetBuffer } from '../catalogue/sheet.reader.ts';
import { buildContent, publishLatest } from '../../test/factories.ts';
import { forEachEngine } from '../../test/test-db.ts';
import { as, CLI_ACTOR, errorOf, httpSuite, signIn, type Reply, type Session } from '../../test/test-app.ts';

const stages = (...names: string[]) => names.map((stage) => ({ stage, text: `${stage}责任` }));
const material = (name: string, required = true) => ({ name, form: null, copies: null, required });

interface LedgerItem {
  code: string;
  unit: { code: string };
  baseline: { steps: number; materials: number; timeLimit: number | null; source: string };
  current: { steps: number; materials: number; timeLimit: number | null; revision: number } | null;
  fewerSteps: boolean;
  fewerMaterials: boolean;
  shorterLimit: boolean;
}
interface Ledger {
  startedOn: string | null;
  totals: Record<string, number>;
  units: ({ unit: { code: string; name: string } } & Record<string, unknown>)[];
  items: LedgerItem[];
}

forEachEngine('the approval-reform ledger over HTTP', (engine) => {
  const suite = httpSuite(engine);
  const sessions = new Map<string, Promise<Session>>();
  const sessionOf = (login: string) => {
    if (!sessions.has(login)) sessions.set(login, signIn(suite.http, login));
    return sessions.get(login)!;
  };
  const get = async (login: string, url: string) => suite.http.inject({ url, headers: as(await sessionOf(login)) });
  const send = async (login: string, method: 'POST' | 'PUT', url: string, payload?: object) =>
    suite.http.inject({ method, url, headers: as(await sessionOf(login)), ...(payload === undefined ? {} : { payload }) });
  const ledger = async (url = '/api/v1/reform', login = 'legal'): Promise<Ledger> => {
    const res = await get(login, url);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Ledger;
  };
  const byCode = (l: Ledger) => new Map(l.items.map((i) => [i.code, i]));
  const create = (unitCode: string, code: string, over: Parameters<typeof buildContent>[0] = {}) =>
    suite.t.app.catalogue.createItem(CLI_ACTOR, { unitCode, code, content: buildContent(over) });
  const ids = new Map<string, string>();
  const status = (res: Reply) => [res.statusCode, res.statusCode >= 400 ? errorOf(res).code : null];

  test('before the start the ledger is empty; the three administrators read nothing of it', async () => {
    assert.deepEqual(await ledger(), {
      startedOn: null,
      totals: { items: 0, fewerSteps: 0, fewerMaterials: 0, shorterLimit: 0, streamlined: 0 },
      units: [],
      items: [],
    });
    for (const login of ['sysadmin', 'secadmin', 'auditor']) {
      assert.deepEqual(status(await get(login, '/api/v1/reform')), [403, 'forbidden'], login);
      assert.deepEqual(status(await get(login, '/api/v1/reform/export?format=csv')), [403, 'forbidden'], login);
      assert.deepEqual(status(await send(login, 'POST', '/api/v1/reform/start', {})), [403, 'forbidden'], login);
    }
    assert.equal((await suite.http.inject({ url: '/api/v1/reform' })).statusCode, 401);
  });

  test('the start snapshots every active approval item; only the legal reviewer or a leader starts it, once', async () => {
    // Six steps' worth of stages (four of them steps), three materials, 20 working days.
    const full = {
      responsibilities: stages('受理', '审查', '决定', '送达', '事后监管'),
      materials: [material('申请书'), material('营业执照'), material('授权委托书', false)],
      statutoryLimit: 40,
      promisedLimit: 20,
    };
    ids.set('HB-XK-1', (await create('HBJ-SP', 'HB-XK-1', full)).id);
    ids.set('HB-XK-2', (await create('HBJ-SP', 'HB-XK-2', { ...full, name: '排污许可证核发' })).id);
    ids.set('ZJ-XK-1', (await create('ZJJ-SP', 'ZJ-XK-1', { name: '建筑工程施工许可证核发', statutoryLimit: null, promisedLimit: null })).id);
    ids.set('HB-CF-1', (await create('HBJ-JC', 'HB-CF-1', { name: '对超标排污的处罚', category: 'penalty' })).id);
    const ended = await create('HBJ-SP', 'HB-XK-9', { name: '已取消的许可' });
    await suite.t.app.catalogue.endItem(CLI_ACTOR, { itemId: ended.id, ending: 'abolished', reason: '国务院决定取消' });
    // HB-XK-2 is never published: its baseline comes from its latest revision.
    await publishLatest(suite.t.app, ['HB-XK-1', 'ZJ-XK-1', 'HB-CF-1', 'HB-XK-9']);

    for (const login of ['hbj.clerk', 'zjj.head', 'inspector', 'dg.cadre']) {
      assert.deepEqual(status(await send(login, 'POST', '/api/v1/reform/start', {})), [403, 'forbidden'], login);
    }
    assert.deepEqual(status(await send('legal', 'POST', '/api/v1/reform/start', { startedOn: '2026-02-30' })), [400, 'validation']);
    const started = await send('legal', 'POST', '/api/v1/reform/start', { startedOn: '2026-03-01' });
    assert.equal(started.statusCode, 201, started.body);
    assert.deepEqual(started.json(), { startedOn: '2026-03-01', fromPublished: 2, fromLatest: 1, kept: 0 });
    // No body at all is a start on today's date: refused the same way.
    const again = await send('county.leader', 'POST', '/api/v1/reform/start');
    assert.deepEqual(status(again), [409, 'conflict']);
    assert.equal(errorOf(again).details.startedOn, '2026-03-01');

    const l = await ledger();
    assert.equal(l.startedOn, '2026-03-01');
    assert.deepEqual(
      l.items.map((i) => i.code),
      ['HB-XK-1', 'HB-XK-2', 'ZJ-XK-1'],
      'approval items only, active only',
    );
    const items = byCode(l);
    assert.deepEqual(items.get('HB-XK-1')!.baseline, { steps: 4, materials: 3, timeLimit: 20, source: 'snapshot' });
    assert.deepEqual(items.get('HB-XK-1')!.current, { steps: 4, materials: 3, timeLimit: 20, revision: 1 });
    assert.equal(items.get('HB-XK-2')!.current, null, 'never published: nothing to compare yet');
    assert.deepEqual(items.get('ZJ-XK-1')!.baseline, { steps: 2, materials: 1, timeLimit: null, source: 'snapshot' });
    assert.deepEqual(l.totals, { items: 3, fewerSteps: 0, fewerMaterials: 0, shorterLimit: 0, streamlined: 0 });
  });

  test('a change counts once it is published', async () => {
    const leaner = {
      responsibilities: stages('受理', '决定', '事后监管'),
      materials: [material('申请书'), material('营业执照')],
      statutoryLimit: 40,
      promisedLimit: 10,
    };
    await suite.t.app.catalogue.reviseItem(CLI_ACTOR, { itemId: ids.get('HB-XK-1')!, basedOn: 1, content: buildContent(leaner) });
    assert.equal((await ledger()).totals.streamlined, 0, 'a draft counts nothing');
    await publishLatest(suite.t.app, ['HB-XK-1']);
    const l = await ledger();
    const hb1 = byCode(l).get('HB-XK-1')!;
    assert.deepEqual(hb1.current, { steps: 2, materials: 2, timeLimit: 10, revision: 2 });
    assert.deepEqual([hb1.fewerSteps, hb1.fewerMaterials, hb1.shorterLimit], [true, true, true]);
    assert.deepEqual(l.totals, { items: 3, fewerSteps: 1, fewerMaterials: 1, shorterLimit: 1, streamlined: 1 });
    // Per unit: the item's own unit, in tree order.
    assert.deepEqual(
      l.units.map((u) => [u.unit.code, u.items, u.fewerSteps, u.fewerMaterials, u.shorterLimit]),
      [
        ['HBJ-SP', 2, 1, 1, 1],
        ['ZJJ-SP', 1, 0, 0, 0],
      ],
    );
  });

  test('a baseline by hand: once the reform has started only the legal reviewer corrects it, validated, audited', async () => {
    const url = `/api/v1/reform/baselines/${ids.get('ZJ-XK-1')}`;
    const paper = { steps: 5, materials: 4, timeLimit: null };
    assert.deepEqual(status(await send('hbj.clerk', 'PUT', url, paper)), [403, 'forbidden'], 'another unit');
    assert.deepEqual(status(await send('inspector', 'PUT', url, paper)), [403, 'forbidden'], 'the inspector watches');
    assert.deepEqual(status(await send('sysadmin', 'PUT', url, paper)), [403, 'forbidden']);
    const bad = await send('zjj.clerk', 'PUT', url, { steps: -1, materials: 1.5, timeLimit: 'soon' });
    assert.deepEqual(status(bad), [400, 'validation']);
    assert.deepEqual(Object.keys(errorOf(bad).details.fields as object).sort(), ['body.materials', 'body.steps', 'body.timeLimit']);
    assert.deepEqual(status(await send('zjj.clerk', 'PUT', url, { steps: 5, materials: 4 })), [400, 'validation'], 'timeLimit is required (null for none)');
    assert.deepEqual(status(await send('legal', 'PUT', `/api/v1/reform/baselines/${ids.get('HB-CF-1')}`, paper)), [400, 'validation'], 'not an approval item');
    assert.deepEqual(status(await send('legal', 'PUT', '/api/v1/reform/baselines/00000000-0000-7000-8000-000000000000', paper)), [404, 'not_found']);

    assert.deepEqual(status(await send('zjj.clerk', 'PUT', url, paper)), [403, 'forbidden'], 'the measured unit cannot move its own baseline');
    const recorded = await send('legal', 'PUT', url, paper);
    assert.equal(recorded.statusCode, 200, recorded.body);
    const item = recorded.json() as LedgerItem;
    assert.deepEqual(item.baseline, { steps: 5, materials: 4, timeLimit: null, source: 'manual' });
    // 5 → 2 steps, 4 → 1 material; no limit on either side is not shorter.
    assert.deepEqual([item.fewerSteps, item.fewerMaterials, item.shorterLimit], [true, true, false]);
    const legal = await send('legal', 'PUT', url, { ...paper, timeLimit: 30 });
    assert.equal(legal.statusCode, 200, legal.body);
    assert.equal((legal.json() as LedgerItem).shorterLimit, false, 'now none: a dropped limit proves nothing');

    const events = await suite.t.app.db.kysely
      .selectFrom('audit_event')
      .select(['action', 'actor', 'payload'])
      .where('action', 'like', 'reform.%')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      events.map((e) => [e.action, e.actor]),
      [
        ['reform.start', 'user:legal'],
        ['reform.baseline', 'user:legal'],
        ['reform.baseline', 'user:legal'],
      ],
    );
    assert.deepEqual(JSON.parse(events[2]!.payload).before, { steps: 5, materials: 4, timeLimit: null, source: 'manual' });
    assert.deepEqual(JSON.parse(events[0]!.payload).unpublished, ['HB-XK-2']);
  });

  test('the unit filter narrows to a subtree; every business role reads the ledger', async () => {
    const zjj = await ledger('/api/v1/reform?unit=ZJJ', 'hbj.clerk');
    assert.deepEqual(
      zjj.items.map((i) => i.code),
      ['ZJ-XK-1'],
    );
    assert.deepEqual(zjj.totals, { items: 1, fewerSteps: 1, fewerMaterials: 1, shorterLimit: 0, streamlined: 1 });
    assert.deepEqual(
      zjj.units.map((u) => u.unit),
      [{ code: 'ZJJ-SP', name: '行政审批股' }],
    );
    assert.deepEqual((await ledger('/api/v1/reform?unit=HBJ-JC')).items, []);
    assert.deepEqual(status(await get('legal', '/api/v1/reform?unit=NOPE')), [404, 'not_found']);
    for (const login of ['inspector', 'legal', 'hbj.head']) assert.equal((await ledger('/api/v1/reform', login)).totals.items, 3, login);
    // HB-XK-2 was never published: its draft name is the environment bureau's business, not other units'.
    for (const login of ['dg.cadre', 'jxj.leader']) {
      const seen = await ledger('/api/v1/reform', login);
      assert.deepEqual([seen.totals.items, seen.items.some((i) => i.code === 'HB-XK-2')], [2, false], login);
    }
  });

  test('the export has the Chinese headers and a row per item', async () => {
    const header = ['单位', '事项编码', '事项名称', '原环节', '现环节', '原材料', '现材料', '原时限', '现时限', '精减环节', '减少材料', '缩短时限'];
    const csv = await get('inspector', '/api/v1/reform/export?format=csv');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.equal(csv.headers['content-disposition'], 'attachment; filename="reform-ledger.csv"');
    const rows = await readSheetBuffer(csv.rawPayload, 'csv');
    assert.deepEqual(rows[0], header);
    assert.deepEqual(rows.slice(1), [
      ['行政审批股', 'HB-XK-1', '建设项目环境影响评价文件审批', '4', '2', '3', '2', '20', '10', '是', '是', '是'],
      ['行政审批股', 'HB-XK-2', '排污许可证核发', '4', '', '3', '', '20', '', '', '', ''],
      ['行政审批股', 'ZJ-XK-1', '建筑工程施工许可证核发', '5', '2', '4', '1', '30', '', '是', '是', ''],
    ]);
    const xlsx = await get('legal', '/api/v1/reform/export?format=xlsx&unit=HBJ');
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.headers['content-disposition'], 'attachment; filename="reform-ledger-HBJ.xlsx"');
    const sheet = await readSheetBuffer(xlsx.rawPayload, 'xlsx');
    assert.deepEqual(sheet[0], header);
    assert.deepEqual(
      sheet.slice(1).map((r) => r[1]),
      ['HB-XK-1', 'HB-XK-2'],
    );
    assert.deepEqual(status(await get('legal', '/api/v1/reform/export?format=json')), [400, 'validation']);
  });
});
