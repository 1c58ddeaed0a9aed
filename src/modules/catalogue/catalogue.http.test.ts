import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { buildContent } from '../../test/factories.ts';
import { forEachEngine } from '../../test/test-db.ts';
import { as, createTestServer, createTestSunlit, errorOf, signIn, type Server, type Session, type TestSunlit } from '../../test/test-app.ts';

const sample = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url));

forEachEngine('the power list over HTTP', (engine) => {
  let t: TestSunlit;
  let http: Server;
  let zjj: Session;
  let hbj: Session;
  before(async () => {
    t = await createTestSunlit(engine, { demo: true });
    http = await createTestServer(t);
    zjj = await signIn(http, 'zjj.head');
    hbj = await signIn(http, 'hbj.clerk');
  });
  after(async () => {
    await http.close();
    await t.dispose();
  });

  const importCsv = (s: Session, unit: string, file: Buffer) =>
    http.inject({ method: 'POST', url: `/api/v1/powers/import?unit=${unit}&format=csv`, headers: { ...as(s), 'content-type': 'text/csv' }, payload: file });

  test('a rejected import answers 422 import.rejected with every bad row; a good one imports', async () => {
    const bad = await importCsv(zjj, 'ZJJ', sample('broken-powers.csv'));
    assert.equal(bad.statusCode, 422);
    const error = errorOf(bad);
    assert.equal(error.code, 'import.rejected');
    const rows = error.details.rows as { row: number; column: string; value: string; reason: string }[];
    assert.ok(rows.length >= 5 && rows.every((r) => typeof r.row === 'number' && typeof r.reason === 'string'));
    assert.equal((await http.inject({ url: '/api/v1/powers?unit=ZJJ', headers: as(zjj) })).json().total, 0, 'nothing written');
    const good = await importCsv(zjj, 'ZJJ', sample('zhujian-powers.csv'));
    assert.equal(good.statusCode, 200, good.body);
    assert.equal(good.json().created, 11);
  });

  test('lists page and filter; another unit sees none of them and cannot import into them', async () => {
    const page1 = (await http.inject({ url: '/api/v1/powers?unit=ZJJ&pageSize=5&page=1', headers: as(zjj) })).json();
    const page3 = (await http.inject({ url: '/api/v1/powers?unit=ZJJ&pageSize=5&page=3', headers: as(zjj) })).json();
    assert.deepEqual([page1.total, page1.items.length, page3.items.length], [11, 5, 1]);
    const licensing = (await http.inject({ url: '/api/v1/powers?category=licensing', headers: as(zjj) })).json();
    assert.ok(licensing.items.every((i: { latest: { content: { category: string } } }) => i.latest.content.category === 'licensing'));
    assert.equal((await http.inject({ url: '/api/v1/powers', headers: as(hbj) })).json().total, 0);
    const id = page1.items[0].id;
    assert.equal((await http.inject({ url: `/api/v1/powers/${id}`, headers: as(hbj) })).statusCode, 404);
    assert.equal((await importCsv(hbj, 'ZJJ', sample('zhujian-powers.csv'))).statusCode, 403);
  });

  test('create, edit with a diff, and export through the API', async () => {
    const created = await http.inject({
      method: 'POST',
      url: '/api/v1/powers',
      headers: as(hbj),
      payload: { unitCode: 'HBJ-SP', code: 'HB-API-1', content: buildContent() },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    const invalid = await http.inject({
      method: 'PUT',
      url: `/api/v1/powers/${id}`,
      headers: as(hbj),
      payload: { basedOn: 1, content: buildContent({ category: 'made_up' }) },
    });
    assert.equal(invalid.statusCode, 400);
    assert.ok('category' in (errorOf(invalid).details.fields as object));
    const revised = await http.inject({
      method: 'PUT',
      url: `/api/v1/powers/${id}`,
      headers: as(hbj),
      payload: { basedOn: 1, content: buildContent({ promisedLimit: 25 }) },
    });
    assert.equal(revised.json().latestRevision, 2);
    const diff = (await http.inject({ url: `/api/v1/powers/${id}/diff?from=1&to=2`, headers: as(hbj) })).json();
    assert.deepEqual(
      diff.changes.map((c: { field: string; before: string[]; after: string[] }) => [c.field, c.before, c.after]),
      [['promisedLimit', ['30'], ['25']]],
    );
    const history = (await http.inject({ url: `/api/v1/powers/${id}/revisions`, headers: as(hbj) })).json();
    assert.deepEqual(
      history.items.map((r: { revision: number }) => r.revision),
      [1, 2],
    );

    const csv = await http.inject({ url: '/api/v1/powers/export?format=csv&unit=HBJ', headers: as(hbj) });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="power-list-HBJ\.csv"/);
    assert.match(csv.body, /HB-API-1/);
    const json = (await http.inject({ url: '/api/v1/powers/export?format=json&unit=HBJ', headers: as(hbj) })).json();
    assert.deepEqual(Object.keys(json), ['items']);
    assert.equal(json.items[0].category, '行政许可');
    assert.ok(!('id' in json.items[0]), 'no database ids in exports');
  });

  test('nulls in an item stay null (no time limit is not 0 working days)', async () => {
    const content = buildContent({
      statutoryLimit: null,
      promisedLimit: null,
      fees: null,
      conditions: null,
      materials: [{ name: '申请书', form: null, copies: null, required: true }],
    });
    const res = await http.inject({ method: 'POST', url: '/api/v1/powers', headers: as(hbj), payload: { unitCode: 'HBJ-SP', code: 'HB-NULLS', content } });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json().latest.content, content);
  });

  test('the categories are public reference data', async () => {
    const res = await http.inject({ url: '/api/v1/reference/power-categories' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().items.length, 12);
  });
});
