import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { buildContent, publishLatest } from '../../test/factories.ts';
import { as, CLI_ACTOR, errorOf, httpSuite, signIn, type Session } from '../../test/test-app.ts';
import { forEachEngine } from '../../test/test-db.ts';

forEachEngine('the public power list over HTTP', (engine) => {
  const suite = httpSuite(engine);
  let legal: Session;
  let head: Session;
  const get = (url: string, headers: Record<string, string> = {}) => suite.http.inject({ url, headers });

  before(async () => {
    const { app } = suite.t;
    await app.catalogue.importItems(
      CLI_ACTOR,
      'HBJ-SP',
      [
        { row: 1, code: 'HB-XK-001', unitText: null, content: buildContent() },
        { row: 2, code: 'HB-XK-002', unitText: null, content: buildContent({ name: '排污许可证核发', basis: ['《排污许可管理条例》第二条'] }) },
        { row: 3, code: 'HB-XK-003', unitText: null, content: buildContent({ name: '入河排污口设置审批（未公布）' }) },
      ],
      [],
    );
    await app.catalogue.importItems(
      CLI_ACTOR,
      'MZJ',
      [
        {
          row: 1,
          code: 'MZ-QR-001',
          unitText: null,
          content: buildContent({ name: '最低生活保障审核确认', category: 'confirmation', basis: ['《社会救助暂行办法》第十一条'] }),
        },
      ],
      [],
    );
    await publishLatest(app, ['HB-XK-001', 'HB-XK-002', 'MZ-QR-001']);
    legal = await signIn(suite.http, 'legal');
    head = await signIn(suite.http, 'hbj.head');
  });

  test('anyone lists and searches the published items, without signing in', async () => {
    const res = await get('/api/v1/public/powers');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.total, 3);
    assert.deepEqual(Object.keys(body.items[0]).sort(), [
      'category',
      'code',
      'id',
      'name',
      'promisedLimit',
      'publishedAt',
      'revision',
      'statutoryLimit',
      'unit',
    ]);
    assert.deepEqual(body.items[0].category, { code: 'licensing', label: { zh: '行政许可', en: 'Administrative licensing' } });
    assert.deepEqual(body.items[0].unit, { code: 'HBJ-SP', name: '行政审批股' });
    const q = async (s: string, extra = '') =>
      (await get(`/api/v1/public/powers?q=${encodeURIComponent(s)}${extra}`)).json().items.map((i: { code: string }) => i.code);
    assert.deepEqual(await q('影响评价'), ['HB-XK-001']);
    assert.deepEqual(await q('低保'), ['MZ-QR-001']);
    assert.deepEqual(await q('环评'), ['HB-XK-001']);
    assert.deepEqual(await q('污'), ['HB-XK-002']);
    assert.deepEqual(await q('条例'), ['HB-XK-001', 'HB-XK-002'], 'the basis');
    assert.deepEqual(await q('', '&unit=MZJ'), ['MZ-QR-001']);
    assert.deepEqual(await q('', '&category=confirmation'), ['MZ-QR-001']);
    assert.deepEqual(await q('', '&pageSize=1&page=2'), ['HB-XK-002']);
    assert.deepEqual(await q('未公布'), []);
  });

  test('queries are validated', async () => {
    for (const url of [
      '/api/v1/public/powers?pageSize=101',
      '/api/v1/public/powers?page=0',
      `/api/v1/public/powers?q=${encodeURIComponent('许'.repeat(51))}`,
      '/api/v1/public/powers?unit=%20x',
      '/api/v1/public/powers?sort=name',
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 400, url);
      assert.equal(errorOf(res).code, 'validation');
    }
  });

  test('an item page shows every public field of the published revision; others are 404', async () => {
    const res = await get('/api/v1/public/powers/HB-XK-001');
    assert.equal(res.statusCode, 200, res.body);
    const item = res.json();
    const content = buildContent();
    assert.equal(item.code, 'HB-XK-001');
    assert.deepEqual(item.unit, { code: 'HBJ-SP', name: '行政审批股' });
    assert.deepEqual([item.revision, item.publishedAt], [1, '2026-03-02T01:00:00.000Z']);
    for (const key of Object.keys(content) as (keyof typeof content)[]) {
      if (key === 'category') assert.equal(item.category.code, content.category);
      else assert.deepEqual(item[key], content[key], key);
    }
    for (const url of ['/api/v1/public/powers/HB-XK-003', '/api/v1/public/powers/NOPE']) {
      const missing = await get(url);
      assert.equal(missing.statusCode, 404, url);
      assert.equal(errorOf(missing).code, 'not_found');
    }
  });

  test('the by-unit and by-category pages have their counts', async () => {
    const units = (await get('/api/v1/public/power-units')).json().items;
    assert.deepEqual(
      units.map((u: { code: string; count: number }) => [u.code, u.count]),
      [
        ['HBJ', 2],
        ['HBJ-SP', 2],
        ['MZJ', 1],
      ],
    );
    assert.deepEqual(units[1], { code: 'HBJ-SP', name: '行政审批股', type: 'section', parentCode: 'HBJ', count: 2 });
    const categories = (await get('/api/v1/public/power-categories')).json().items;
    assert.equal(categories.length, 12);
    assert.deepEqual(categories[0], { code: 'licensing', label: { zh: '行政许可', en: 'Administrative licensing' }, count: 2 });
  });

  test('the legal reviewer reads and replaces the synonym list; others may not', async () => {
    assert.equal((await get('/api/v1/search/synonyms')).statusCode, 401);
    assert.equal((await get('/api/v1/search/synonyms', as(head))).statusCode, 403);
    const put = (s: Session, items: unknown) => suite.http.inject({ method: 'PUT', url: '/api/v1/search/synonyms', headers: as(s), payload: { items } });
    assert.equal((await put(head, [])).statusCode, 403);

    const list = (await get('/api/v1/search/synonyms', as(legal))).json();
    assert.ok(list.items.some((s: { term: string }) => s.term === '环评'));
    const items = [...list.items, { term: '排污证照', expansions: ['排污许可证'], note: '测试' }];
    const res = await put(legal, items);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().updatedBy, 'user:legal');
    const found = (await get(`/api/v1/public/powers?q=${encodeURIComponent('排污证照')}`)).json();
    assert.deepEqual(
      found.items.map((i: { code: string }) => i.code),
      ['HB-XK-002'],
    );

    for (const bad of [
      [{ term: '', expansions: ['x'] }],
      [{ term: '环评', expansions: [] }],
      [{ term: '一二三四五六七八九十一二三四五六七八九十一', expansions: ['x'] }],
      [
        { term: '环评', expansions: ['环境影响评价'] },
        { term: '环评', expansions: ['环境评价'] },
      ],
    ]) {
      const refused = await put(legal, bad);
      assert.equal(refused.statusCode, 400, JSON.stringify(bad));
      assert.equal(errorOf(refused).code, 'validation');
    }
    const audit = await suite.t.app.audit.list(0, 10_000);
    assert.equal(audit.filter((e) => e.action === 'search.synonyms.replace').length, 1);
  });
});
