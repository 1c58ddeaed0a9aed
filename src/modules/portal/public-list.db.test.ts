import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import type { DomainError } from '../../shared/errors.ts';
import { buildContent, publishLatest } from '../../test/factories.ts';
import { CLI_ACTOR, createTestSunlit, type TestSunlit } from '../../test/test-app.ts';
import { forEachEngine } from '../../test/test-db.ts';
import type { PowerContent } from '../catalogue/power-item.rules.ts';
import { PublicListRepository } from './public-list.repository.ts';
import { parseQuery, searchSynonyms } from './search.rules.ts';
import { DEFAULT_SYNONYMS } from './synonyms.data.ts';

const COUNTY = '990101';
const code = (e: unknown) => (e as DomainError).code;

/** A small county list: each item is there to be found (or not) by one of the tests below. */
const ITEMS: { unit: string; code: string; content: Partial<PowerContent> }[] = [
  { unit: 'HBJ-SP', code: 'HB-XK-001', content: { name: '建设项目环境影响评价文件审批' } },
  { unit: 'HBJ-SP', code: 'HB-XK-002', content: { name: '排污许可证核发', basis: ['《排污许可管理条例》第二条'] } },
  // Found by 影响评价 through its basis only: ranks after the name match.
  {
    unit: 'HBJ',
    code: 'HB-CF-001',
    content: { name: '对未批先建的处罚', category: 'penalty', basis: ['《中华人民共和国环境影响评价法》第三十一条'] },
  },
  { unit: 'MZJ-JZ', code: 'MZ-QR-001', content: { name: '最低生活保障审核确认', category: 'confirmation', basis: ['《社会救助暂行办法》第十一条'] } },
  { unit: 'ZJJ', code: 'ZJ-JF-001', content: { name: '农村危房改造补助发放', category: 'benefit', basis: ['《建设部关于农村危房改造的通知》'] } },
  { unit: 'ZRJ', code: 'ZR-XK-001', content: { name: '林木采伐许可证核发', basis: ['《中华人民共和国森林法》第五十六条'] } },
  { unit: 'ZRJ', code: 'ZR-XK-002', content: { name: '临时用地审批', basis: ['《中华人民共和国土地管理法》第五十七条'] } },
  // Never published.
  { unit: 'ZRJ', code: 'ZR-XK-003', content: { name: '林地征收审核（未公布）', basis: ['《中华人民共和国森林法》第三十七条'] } },
  // Published, then ended.
  { unit: 'SLJ', code: 'SL-XK-001', content: { name: '河道采砂许可', basis: ['《中华人民共和国水法》第三十九条'] } },
];

forEachEngine('the public power list', (engine) => {
  let t: TestSunlit;
  const search = (q: string, filter: { unit?: string; category?: string } = {}, page = { offset: 0, limit: 20 }) =>
    t.app.publicList.search(COUNTY, { q, ...filter }, page);
  const codes = async (q: string, filter: { unit?: string; category?: string } = {}) => (await search(q, filter)).items.map((i) => i.code);

  before(async () => {
    t = await createTestSunlit(engine, { demo: true });
    const byUnit = new Map<string, typeof ITEMS>();
    for (const i of ITEMS) byUnit.set(i.unit, [...(byUnit.get(i.unit) ?? []), i]);
    for (const [unit, items] of byUnit) {
      await t.app.catalogue.importItems(
        CLI_ACTOR,
        unit,
        items.map((i, k) => ({ row: k + 1, code: i.code, unitText: null, content: buildContent(i.content) })),
        [],
      );
    }
    await publishLatest(
      t.app,
      ITEMS.filter((i) => i.code !== 'ZR-XK-003').map((i) => i.code),
    );
  });
  after(() => t.dispose());

  test('any part of the name, of one, two or more characters, finds an item', async () => {
    assert.deepEqual(await codes('影响评价'), ['HB-XK-001', 'HB-CF-001'], 'name match first, then the basis-only match');
    assert.deepEqual(await codes('林'), ['ZR-XK-001']);
    assert.deepEqual(await codes('采伐'), ['ZR-XK-001']);
    assert.deepEqual(await codes('许可证核发'), ['HB-XK-002', 'ZR-XK-001']);
    assert.deepEqual(await codes('ＨＢ－ＸＫ'), ['HB-XK-001', 'HB-XK-002'], 'full-width code prefix');
    assert.deepEqual(await codes('zr-xk-001'), ['ZR-XK-001']);
    assert.deepEqual(await codes('鲸'), []);
  });

  test('the legal basis is searched too, punctuation ignored', async () => {
    assert.deepEqual(await codes('森林法'), ['ZR-XK-001']);
    assert.deepEqual(await codes('《中华人民共和国土地管理法》第五十七条'), ['ZR-XK-002']);
    assert.deepEqual(await codes('土地管理法 第五十七条'), ['ZR-XK-002']);
    assert.deepEqual(await codes('救助'), ['MZ-QR-001'], 'two characters of the basis only');
  });

  test('words are ANDed', async () => {
    assert.deepEqual(await codes('许可 林木'), ['ZR-XK-001']);
    assert.deepEqual(await codes('核发 排污'), ['HB-XK-002']);
    assert.deepEqual(await codes('林木 排污'), []);
  });

  test('abbreviations find the words the list uses, and the other way round', async () => {
    assert.deepEqual(await codes('环评'), ['HB-XK-001', 'HB-CF-001']);
    assert.deepEqual(await codes('低保'), ['MZ-QR-001']);
    assert.deepEqual(await codes('危改'), ['ZJ-JF-001']);
    assert.deepEqual(await codes('采伐证'), ['ZR-XK-001']);
    assert.deepEqual(await codes('环评 审批'), ['HB-XK-001']);
  });

  test('unit and category filters, paging and totals', async () => {
    assert.deepEqual(await codes('', { unit: 'HBJ' }), ['HB-CF-001', 'HB-XK-001', 'HB-XK-002'], 'a unit lists its subtree');
    assert.deepEqual(await codes('', { unit: 'HBJ-SP' }), ['HB-XK-001', 'HB-XK-002']);
    assert.deepEqual(await codes('影响评价', { category: 'penalty' }), ['HB-CF-001']);
    assert.deepEqual(await codes('许可', { unit: 'ZRJ' }), ['ZR-XK-001']);
    assert.deepEqual(await codes('', { unit: 'NOPE' }), []);
    const all = await search('');
    assert.equal(all.total, 8);
    const page2 = await search('', {}, { offset: 5, limit: 5 });
    assert.deepEqual([page2.total, page2.items.length], [8, 3]);
    const beyond = await search('许可', {}, { offset: 40, limit: 20 });
    assert.deepEqual([beyond.total, beyond.items.length], [3, 0]);
    const item = all.items.find((i) => i.code === 'MZ-QR-001')!;
    assert.deepEqual(
      { ...item, id: 'x' },
      {
        id: 'x',
        code: 'MZ-QR-001',
        name: '最低生活保障审核确认',
        category: 'confirmation',
        unitCode: 'MZJ-JZ',
        unitName: '社会救助股',
        statutoryLimit: 60,
        promisedLimit: 30,
        revision: 1,
        publishedAt: '2026-03-02T01:00:00.000Z',
      },
    );
  });

  test('counts by unit (subtree) and by category', async () => {
    const units = await t.app.publicList.unitCounts(COUNTY);
    assert.deepEqual(
      units.filter((u) => ['HBJ', 'HBJ-SP', 'ZRJ', 'SLJ'].includes(u.code)).map((u) => [u.code, u.parentCode, u.count]),
      [
        ['HBJ', COUNTY, 3],
        ['HBJ-SP', 'HBJ', 2],
        ['SLJ', COUNTY, 1],
        ['ZRJ', COUNTY, 2],
      ],
    );
    assert.ok(units.every((u) => u.count > 0));
    const categories = await t.app.publicList.categoryCounts(COUNTY);
    assert.equal(categories.length, 12);
    assert.equal(categories.find((c) => c.code === 'licensing')!.count, 5);
  });

  test('unpublished items never appear; ended ones leave; a newer draft does not change what is public', async () => {
    assert.deepEqual(await codes('林地征收'), []);
    await assert.rejects(t.app.publicList.getByCode(COUNTY, 'ZR-XK-003'), (e) => code(e) === 'not_found');
    await assert.rejects(t.app.publicList.getByCode(COUNTY, 'NOPE'), (e) => code(e) === 'not_found');

    assert.deepEqual(await codes('采砂'), ['SL-XK-001']);
    const item = (await t.app.catalogue.listItems(CLI_ACTOR, { q: 'SL-XK-001' }, { offset: 0, limit: 1 })).items[0]!;
    // Ending goes through the catalogue, which knows nothing of the portal: the index follows the item anyway.
    await t.app.catalogue.endItem(CLI_ACTOR, { itemId: item.id, ending: 'abolished', reason: '国务院决定取消', date: '2026-03-01' });
    assert.deepEqual(await codes('采砂'), []);
    const hidden = await t.app.db.kysely.selectFrom('public_power').select('hidden').where('code', '=', 'SL-XK-001').executeTakeFirst();
    assert.deepEqual(hidden, { hidden: 1 }, 'hidden by the trigger until the hook next runs');
    await assert.rejects(t.app.publicList.getByCode(COUNTY, 'SL-XK-001'), (e) => code(e) === 'not_found');
    assert.equal(
      (await t.app.publicList.unitCounts(COUNTY)).find((u) => u.code === 'SLJ'),
      undefined,
    );

    const ld = (await t.app.catalogue.listItems(CLI_ACTOR, { q: 'ZR-XK-002' }, { offset: 0, limit: 1 })).items[0]!;
    await t.app.catalogue.reviseItem(CLI_ACTOR, { itemId: ld.id, basedOn: 1, content: buildContent({ name: '临时用地审批（修订稿）' }) });
    assert.deepEqual(await codes('修订稿'), []);
    assert.equal((await t.app.publicList.getByCode(COUNTY, 'ZR-XK-002')).content.name, '临时用地审批');
    await publishLatest(t.app, ['ZR-XK-002'], '2026-03-05T01:00:00.000Z');
    assert.deepEqual(await codes('修订稿'), ['ZR-XK-002']);
    const detail = await t.app.publicList.getByCode(COUNTY, 'ZR-XK-002');
    assert.deepEqual([detail.revision, detail.publishedAt, detail.content.name], [2, '2026-03-05T01:00:00.000Z', '临时用地审批（修订稿）']);
  });

  test('the index hook works inside the publishing transaction, and a full rebuild gives the same answers', async () => {
    const before = await Promise.all(['', '林', '环评', '许可 核发', '森林法'].map((q) => search(q)));
    // Re-indexing an item takes its old grams out with it: no gram row ever points at no row.
    const orphans = async () =>
      Number(
        (
          await t.app.db.kysely
            .selectFrom('public_power_gram as g')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where(({ not, exists, selectFrom }) => not(exists(selectFrom('public_power as p').select('p.doc').whereRef('p.doc', '=', 'g.doc'))))
            .executeTakeFirstOrThrow()
        ).n,
      );
    assert.equal(await orphans(), 0);
    assert.equal(
      (await t.app.db.kysely.selectFrom('public_power').select('code').execute()).length,
      7,
      "the ended item's hidden row went with the next publication",
    );
    assert.equal(await t.app.publicList.reindexAll(COUNTY), 7);
    assert.equal(await orphans(), 0);
    const after = await Promise.all(['', '林', '环评', '许可 核发', '森林法'].map((q) => search(q)));
    assert.deepEqual(after, before);
    // Migrate finds the index in step and leaves it.
    assert.deepEqual((await t.app.publicList.prepare(CLI_ACTOR, COUNTY)).reindexed, null);
  });

  test('the county edits its synonyms; migrate seeds the shipped list once and keeps the county’s edits', async () => {
    const legal: Actor = { kind: 'cli', osUser: 'legal', countyCode: COUNTY };
    const seeded = await t.app.publicList.listSynonyms(legal);
    assert.equal(seeded.items.length, DEFAULT_SYNONYMS.length);
    assert.deepEqual(await codes('临用地'), []);
    await t.app.publicList.replaceSynonyms(legal, [
      { term: '临用地', expansions: ['临时用地'], note: '县自然资源局常用说法' },
      { term: '低保', expansions: ['最低生活保障'], note: null },
    ]);
    assert.deepEqual(await codes('临用地'), ['ZR-XK-002'], 'an edit takes effect at once');
    assert.deepEqual(await codes('环评'), [], '环评 was removed from the list');
    assert.deepEqual(await codes('低保'), ['MZ-QR-001']);

    const again = await t.app.publicList.prepare(CLI_ACTOR, COUNTY);
    assert.equal(again.synonymsSeeded, 0);
    const kept = await t.app.publicList.listSynonyms(legal);
    assert.deepEqual(
      kept.items.map((s) => s.term),
      ['临用地', '低保'],
    );
    assert.equal(kept.updatedBy, 'cli:legal');

    await assert.rejects(
      t.app.publicList.replaceSynonyms(legal, [
        { term: '环评', expansions: ['环境影响评价'], note: null },
        { term: '环评', expansions: ['环境评价'], note: null },
      ]),
      (e) => code(e) === 'validation' && 'items.1.term' in ((e as DomainError).details.fields as object),
    );
    // A legal reviewer of one department does not edit the county's list.
    const unit = (await t.app.org.listUnits(CLI_ACTOR)).find((u) => u.code === 'HBJ')!;
    const departmental: Actor = {
      kind: 'user',
      accountId: 'x',
      login: 'hbj.legal',
      countyCode: COUNTY,
      grants: [{ id: 'g', role: 'legal_reviewer', unitId: unit.id, unitPath: unit.path }],
    };
    await assert.rejects(t.app.publicList.replaceSynonyms(departmental, []), (e) => code(e) === 'forbidden');
    const events = await t.app.audit.list(0, 10_000);
    const replaced = events.filter((e) => e.action === 'search.synonyms.replace');
    assert.equal(replaced.length, 1);
    assert.ok(events.some((e) => e.action === 'search.synonyms.seed'));
  });

  if (engine === 'sqlite') {
    test('short queries read the gram index and long ones FTS5: no query scans the list or the revisions', async () => {
      const captured: CompiledQuery[] = [];
      const raw = new SqliteDatabase(t.database.url, { readonly: true });
      const spy = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }), log: (e) => void captured.push(e.query) });
      try {
        const repo = new PublicListRepository('sqlite');
        for (const q of ['林', '低保', '影响评价', '低保 审核']) {
          captured.length = 0;
          await repo.search(spy, { countyCode: COUNTY, words: parseQuery(q, searchSynonyms(DEFAULT_SYNONYMS)) }, { offset: 0, limit: 20 });
          assert.equal(captured.length, 1, 'one statement: the matches, their count and the page');
          for (const query of captured) {
            const plan = (raw.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail);
            const text = plan.join('\n');
            if (q === '影响评价') assert.match(text, /SCAN public_power_fts VIRTUAL TABLE/, text);
            else assert.match(text, /SEARCH public_power_gram USING PRIMARY KEY \(county_code=\? AND gram=\?\)/, text);
            assert.match(text, /SEARCH p USING INTEGER PRIMARY KEY/, text);
            assert.match(text, /SEARCH pp USING INTEGER PRIMARY KEY/, text);
            assert.doesNotMatch(text, /SCAN (p|pp|public_power|public_power_gram|power_item|power_item_revision)\b/, text);
          }
        }
      } finally {
        await spy.destroy();
      }
    });
  }
});
