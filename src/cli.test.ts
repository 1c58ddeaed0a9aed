import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { openDb } from './db/kysely.ts';
import { PROCESS_TEMPLATES } from './modules/process/process-templates.data.ts';
import { buildContent, publishLatest } from './test/factories.ts';
import { CLI_ACTOR, createTestSunlit } from './test/test-app.ts';
import { createTestDatabase, forEachEngine, type TestDatabase } from './test/test-db.ts';

const run = promisify(execFile);
const BIN = new URL('../bin/sunlit.js', import.meta.url).pathname;

/** Runs `sunlit …` as a user would; never throws, returns the exit code and output. */
async function sunlit(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: { ...process.env, SUNLIT_DATA_KEY: '07'.repeat(32), SUNLIT_SCRYPT_LOG_N: '10', ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

test('usage: --help answers 0, an unknown command or option 2', async () => {
  const help = await sunlit(['--help']);
  assert.equal(help.code, 0);
  for (const c of ['serve', 'migrate', 'demo', 'unit add', 'user add', 'role grant', 'audit verify']) assert.ok(help.stdout.includes(`sunlit ${c}`), c);
  const sub = await sunlit(['unit', 'add', '--help']);
  assert.equal(sub.code, 0);
  assert.match(sub.stdout, /--code C --name N --type/);
  assert.equal((await sunlit(['frobnicate'])).code, 2);
  assert.equal((await sunlit(['migrate', '--colour'])).code, 2);
});

forEachEngine('sunlit CLI', (engine) => {
  let database: TestDatabase;
  const db = () => ['--db', database.url];
  before(async () => {
    database = await createTestDatabase(engine);
  });
  after(() => database.drop());

  test('commands other than migrate refuse an unmigrated database', async () => {
    const r = await sunlit(['audit', 'verify', ...db()]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /sunlit migrate/);
  });

  test('migrate creates the schema, the county and reference data; running it again changes nothing', async () => {
    const first = await sunlit(['migrate', ...db()]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /county 990101 created/);
    assert.match(first.stdout, /calendar years added 2020,2021,2022,2023,2024,2025,2026/);
    const second = await sunlit(['migrate', ...db()]);
    assert.equal(second.code, 0);
    assert.match(second.stdout, /schema up to date.*county 990101 present.*labels changed 0; calendar years added none/);
  });

  test('unit add hangs a unit under the county, or under --parent; bad input is refused', async () => {
    assert.equal((await sunlit(['unit', 'add', '--code', 'HBJ', '--name', '生态环境局', '--type', 'department', ...db()])).code, 0);
    assert.equal((await sunlit(['unit', 'add', '--code', 'HBJ-SP', '--name', '行政审批股', '--type', 'section', '--parent', 'HBJ', ...db()])).code, 0);
    const dup = await sunlit(['unit', 'add', '--code', 'HBJ', '--name', 'again', '--type', 'department', ...db()]);
    assert.equal(dup.code, 1);
    assert.match(dup.stderr, /^error conflict:/);
    const misplaced = await sunlit(['unit', 'add', '--code', 'V1', '--name', '村', '--type', 'village', '--parent', 'HBJ', ...db()]);
    assert.equal(misplaced.code, 1);
    assert.match(misplaced.stderr, /unit.invalid_parent/);
    assert.equal((await sunlit(['unit', 'add', '--code', 'X', '--name', 'x', '--type', 'ministry', ...db()])).code, 2);
    assert.equal((await sunlit(['unit', 'add', '--code', 'X', ...db()])).code, 2);
  });

  test('user add and role grant, with the password policy and 三员分立 enforced', async () => {
    const ok = await sunlit(['user', 'add', '--name', '王芳', '--login', 'wang', '--password', 'Abcdefgh12', '--role', 'clerk', '--unit', 'HBJ-SP', ...db()]);
    assert.equal(ok.code, 0, ok.stderr);
    const weak = await sunlit(['user', 'add', '--name', '李', '--login', 'li', '--password', 'password12', '--role', 'clerk', '--unit', 'HBJ-SP', ...db()]);
    assert.equal(weak.code, 1);
    assert.match(weak.stderr, /auth.password_policy/);
    const grant = await sunlit(['role', 'grant', '--login', 'wang', '--role', 'section_chief', '--unit', 'HBJ-SP', ...db()]);
    assert.equal(grant.code, 0, grant.stderr);
    assert.match(grant.stdout, /clerk@HBJ-SP, section_chief@HBJ-SP/);
    const mixed = await sunlit(['role', 'grant', '--login', 'wang', '--role', 'auditor', '--unit', '990101', ...db()]);
    assert.equal(mixed.code, 1);
    assert.match(mixed.stderr, /grant.separation_of_duties/);
    assert.equal((await sunlit(['role', 'grant', '--login', 'wang', '--role', 'emperor', '--unit', 'HBJ', ...db()])).code, 2);
  });

  test('audit verify prints the count and head; --expect catches truncation; tampering exits 1 with the seq', async () => {
    const ok = await sunlit(['audit', 'verify', ...db()]);
    assert.equal(ok.code, 0);
    const m = /^ok (\d+) events, head (\d+):([0-9a-f]{64})$/m.exec(ok.stdout);
    assert.ok(m, ok.stdout);
    const [, count, seq, hash] = m!;
    assert.equal(count, seq);
    assert.equal((await sunlit(['audit', 'verify', '--expect', `${seq}:${hash}`, ...db()])).code, 0);
    assert.equal((await sunlit(['audit', 'verify', '--expect', 'nonsense', ...db()])).code, 2);

    // CLI changes carry the operator as actor.
    const q = openDb(database.url);
    try {
      const actors = await q.kysely.selectFrom('audit_event').select('actor').distinct().execute();
      assert.deepEqual(
        actors.map((a) => a.actor),
        [`cli:${userInfo().username}`],
      );

      // Cut the last event off, heads and all, as someone with database access might.
      if (engine === 'postgres') await sql`alter table audit_event disable trigger user`.execute(q.kysely);
      else await sql`drop trigger audit_event_no_delete`.execute(q.kysely);
      const prev = await q.kysely
        .selectFrom('audit_event')
        .select(['seq', 'hash'])
        .where('seq', '=', Number(seq) - 1)
        .executeTakeFirstOrThrow();
      await sql`delete from audit_event where seq = ${Number(seq)}`.execute(q.kysely);
      await sql`update audit_chain_head set seq = ${prev.seq}, hash = ${prev.hash}`.execute(q.kysely);
      assert.equal((await sunlit(['audit', 'verify', ...db()])).code, 0, 'without an expectation the cut is invisible');
      const cut = await sunlit(['audit', 'verify', '--expect', `${seq}:${hash}`, ...db()]);
      assert.equal(cut.code, 1);
      assert.match(cut.stdout, new RegExp(`BROKEN at seq ${seq}:`));

      if (engine === 'sqlite') await sql`drop trigger audit_event_no_update`.execute(q.kysely);
      await sql`update audit_event set actor = 'cli:nobody' where seq = 3`.execute(q.kysely);
      const tampered = await sunlit(['audit', 'verify', ...db()]);
      assert.equal(tampered.code, 1);
      assert.match(tampered.stdout, /BROKEN at seq 3: hash does not match/);
    } finally {
      await q.close();
    }
  });

  test('SUNLIT_DATABASE_URL stands in for --db', async () => {
    const r = await sunlit(['migrate'], { SUNLIT_DATABASE_URL: database.url });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /county 990101 present/);
  });
});

test('sunlit start (npm start) sets up a new database, prints the demo accounts and serves until stopped', async () => {
  const database = await createTestDatabase('sqlite');
  const child = spawn(process.execPath, [BIN, 'start', '--db', database.url, '--port', '0'], {
    env: { ...process.env, SUNLIT_DATA_KEY: '07'.repeat(32), SUNLIT_SCRYPT_LOG_N: '10', SUNLIT_LOG_LEVEL: 'silent' },
  });
  try {
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "serving on" line in time:\n${output}`)), 60_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const m = /serving on (http:\/\/localhost:\d+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code} before serving:\n${output}`)));
    });
    assert.match(output, /demo county: loaded/);
    assert.match(output, /hbj\.clerk\s+clerk/);
    assert.match(output, /Sunlit@2026/);
    const health = (await (await fetch(`${url}/api/health`)).json()) as { status: string; engine: string };
    assert.deepEqual([health.status, health.engine], ['ok', 'sqlite']);
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'inspector', password: 'Sunlit@2026' }),
    });
    assert.equal(login.status, 200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    child.kill('SIGKILL');
    await database.drop();
  }
});

test('sunlit powers import and export: a report and exit 1 on rejection, files in every format', async () => {
  const database = await createTestDatabase('sqlite');
  const db = ['--db', database.url];
  const testdata = (name: string) => new URL(`modules/catalogue/testdata/${name}`, import.meta.url).pathname;
  try {
    assert.equal((await sunlit(['migrate', ...db])).code, 0);
    assert.equal((await sunlit(['unit', 'add', '--code', 'ZJJ', '--name', '示范县住房和城乡建设局', '--type', 'department', ...db])).code, 0);
    const bad = await sunlit(['powers', 'import', testdata('broken-powers.csv'), '--unit', 'ZJJ', ...db]);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /导入被拒绝/);
    assert.match(bad.stdout, /第 5 行/);
    const json = await sunlit(['powers', 'import', testdata('broken-powers.csv'), '--unit', 'ZJJ', '--json', ...db]);
    assert.equal(json.code, 1);
    assert.equal(JSON.parse(json.stdout).error.code, 'import.rejected');
    const good = await sunlit(['powers', 'import', testdata('zhujian-powers.xlsx'), '--unit', 'ZJJ', ...db]);
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stdout, /11 created/);
    const out = join(dirname(database.url), 'export.json');
    assert.equal((await sunlit(['powers', 'export', '--format', 'json', '--unit', 'ZJJ', '--out', out, ...db])).code, 0);
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).items.length, 11);
    assert.equal((await sunlit(['powers', 'export', '--format', 'pdf', '--out', out, ...db])).code, 2);
    assert.equal((await sunlit(['powers', 'import', '--unit', 'ZJJ', ...db])).code, 2);
  } finally {
    await database.drop();
  }
});

test('sunlit process export draws the flowchart or the risk map of any revision, as SVG or PNG', async () => {
  const database = await createTestDatabase('sqlite');
  const db = ['--db', database.url];
  const dir = dirname(database.url);
  const licensing = PROCESS_TEMPLATES.find((t) => t.code === 'licensing')!.process;
  const item = (process: unknown) => ({
    code: 'ZJ-XK-1',
    name: '建筑工程施工许可证核发',
    category: '行政许可',
    basis: ['《中华人民共和国建筑法》第七条'],
    promisedLimit: 19,
    process,
  });
  const write = (name: string, items: object[]) => {
    writeFileSync(join(dir, name), JSON.stringify({ items }));
    return join(dir, name);
  };
  try {
    assert.equal((await sunlit(['migrate', ...db])).code, 0);
    assert.equal((await sunlit(['unit', 'add', '--code', 'ZJJ', '--name', '示范县住房和城乡建设局', '--type', 'department', ...db])).code, 0);
    // Revision 1 has no process; revision 2 (a JSON import) brings one.
    assert.equal((await sunlit(['powers', 'import', write('v1.json', [item(null)]), '--unit', 'ZJJ', ...db])).code, 0);
    const broken = { ...licensing, flows: [...licensing.flows, { from: 'review', to: 'nowhere', outcome: '转办' }] };
    const refused = await sunlit(['powers', 'import', write('bad.json', [item(broken)]), '--unit', 'ZJJ', ...db]);
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /process.*指向不存在的节点/);
    assert.equal((await sunlit(['powers', 'import', write('v2.json', [item(licensing)]), '--unit', 'ZJJ', ...db])).code, 0);

    const svg = join(dir, 'flow.svg');
    const made = await sunlit(['process', 'export', 'ZJ-XK-1', '--format', 'svg', '--out', svg, ...db]);
    assert.equal(made.code, 0, made.stderr);
    assert.match(readFileSync(svg, 'utf8'), /一次性告知补正/);
    const png = join(dir, 'risk.png');
    assert.equal((await sunlit(['process', 'export', 'ZJ-XK-1', '--format', 'png', '--risk', '--out', png, ...db])).code, 0);
    assert.equal(readFileSync(png).subarray(1, 4).toString(), 'PNG');
    const none = await sunlit(['process', 'export', 'ZJ-XK-1', '--format', 'svg', '--revision', '1', '--out', svg, ...db]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /error not_found/);
    assert.equal((await sunlit(['process', 'export', 'NOPE', '--format', 'svg', '--out', svg, ...db])).code, 1);
    assert.equal((await sunlit(['process', 'export', 'ZJ-XK-1', '--format', 'pdf', '--out', svg, ...db])).code, 2);
    assert.equal((await sunlit(['process', 'export', 'ZJ-XK-1', '--format', 'svg', '--revision', 'x', '--out', svg, ...db])).code, 2);
  } finally {
    await database.drop();
  }
});

test('sunlit process export --format bpmn and process import: the round trip, a report, exit 1 when refused', async () => {
  const database = await createTestDatabase('sqlite');
  const db = ['--db', database.url];
  const dir = dirname(database.url);
  const fixtures = new URL('./modules/process/bpmn/testdata/fixtures/', import.meta.url).pathname;
  const licensing = PROCESS_TEMPLATES.find((t) => t.code === 'licensing')!.process;
  const item = {
    code: 'ZJ-XK-2',
    name: '建筑工程施工许可证核发',
    category: '行政许可',
    basis: ['《中华人民共和国建筑法》第七条'],
    promisedLimit: 19,
    process: licensing,
  };
  try {
    assert.equal((await sunlit(['migrate', ...db])).code, 0);
    assert.equal((await sunlit(['unit', 'add', '--code', 'ZJJ', '--name', '示范县住房和城乡建设局', '--type', 'department', ...db])).code, 0);
    writeFileSync(join(dir, 'items.json'), JSON.stringify({ items: [item] }));
    assert.equal((await sunlit(['powers', 'import', join(dir, 'items.json'), '--unit', 'ZJJ', ...db])).code, 0);

    const file = join(dir, 'zj.bpmn');
    const made = await sunlit(['process', 'export', 'ZJ-XK-2', '--format', 'bpmn', '--out', file, ...db]);
    assert.equal(made.code, 0, made.stderr);
    assert.match(readFileSync(file, 'utf8'), /^<\?xml[\s\S]*<bpmn:userTask id="review"/);
    assert.equal((await sunlit(['process', 'export', 'ZJ-XK-2', '--format', 'bpmn', '--risk', '--out', file, ...db])).code, 2);

    // Its own export comes back as the same process: no new revision.
    const same = await sunlit(['process', 'import', file, '--item', 'ZJ-XK-2', ...db]);
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stdout, /^imported process Process_ZJ-XK-2 “建筑工程施工许可证核发”: 6 steps, 2 choices/);
    assert.match(same.stdout, /unchanged: revision 1 already has this process/);

    // Several processes: refused with their ids and names, exit 1; one chosen: imported with warnings, exit 0.
    const several = await sunlit(['process', 'import', join(fixtures, 'complex.bpmn'), '--item', 'ZJ-XK-2', ...db]);
    assert.equal(several.code, 1);
    assert.match(several.stdout, /^refused\n/);
    assert.match(several.stdout, /sid-D0B76975-2A71-4345-9861-401E7CB66AF6 “Durchführung Bewerbungsgespräch - Sachbearbeiter Personal” \(13 flow nodes\)/);
    const interview = [
      'process',
      'import',
      join(fixtures, 'complex.bpmn'),
      '--item',
      'ZJ-XK-2',
      '--process',
      'sid-D0B76975-2A71-4345-9861-401E7CB66AF6',
      ...db,
    ];
    const dry = await sunlit([...interview, '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /dry run: nothing saved/);
    const one = await sunlit(interview);
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stdout, /\[不支持 unsupported\] line \d+ messageFlow/);
    assert.match(one.stdout, /\[警告 warning\] .*未指定办理角色/);
    assert.match(one.stdout, /saved as draft revision 2 of ZJ-XK-2/);

    const json = await sunlit(['process', 'import', join(fixtures, 'simple.bpmn'), '--item', 'ZJ-XK-2', '--json', ...db]);
    assert.equal(json.code, 1);
    assert.equal((JSON.parse(json.stdout) as { error: { code: string } }).error.code, 'bpmn.refused');
    assert.equal((await sunlit(['process', 'import', join(dir, 'missing.bpmn'), '--item', 'ZJ-XK-2', ...db])).code, 2);
    assert.equal((await sunlit(['process', 'import', file, ...db])).code, 2, '--item is required');
    assert.equal((await sunlit(['process', 'import', file, '--item', 'NOPE', ...db])).code, 1);
  } finally {
    await database.drop();
  }
});

test('sunlit calendar: add-workdays, is-workday, explain, import; provisional until the notice is imported', async () => {
  const database = await createTestDatabase('sqlite');
  const db = ['--db', database.url];
  const lines = (r: { stdout: string }) => r.stdout.trimEnd().split('\n');
  try {
    assert.equal((await sunlit(['migrate', ...db])).code, 0);
    assert.deepEqual(lines(await sunlit(['calendar', 'add-workdays', '2024-09-27', '3', ...db])), ['2024-10-08']);
    assert.deepEqual(lines(await sunlit(['calendar', 'add-workdays', '2020-01-23', '1', ...db])), ['2020-02-03']);
    assert.deepEqual(lines(await sunlit(['calendar', 'add-workdays', '2026-12-25', '5', ...db])), [
      '2027-01-01 暂定 provisional',
      '2027 has no State Council notice yet: weekends only / 2027 年放假安排尚未发布，仅按周末计算',
    ]);

    assert.deepEqual(lines(await sunlit(['calendar', 'is-workday', '2024-10-01', ...db])), ['no', '国庆节 法定节假日 holiday (CN)']);
    assert.deepEqual(lines(await sunlit(['calendar', 'is-workday', '2026-01-04', ...db])), ['yes', '调休上班 adjusted working day (CN)']);
    assert.deepEqual(lines(await sunlit(['calendar', 'is-workday', '2024-09-28', ...db])), ['no', '周末 weekend']);

    const explained = await sunlit(['calendar', 'explain', '2024-09-27', '3', ...db]);
    assert.equal(explained.code, 0, explained.stderr);
    assert.match(explained.stdout, /起算 start: +2024-09-27/);
    assert.match(explained.stdout, /\n {2}2024-10-01 {2}国庆节 法定节假日 holiday\n/);
    assert.match(explained.stdout, /adjusted days worked: 2024-09-29\n/);
    assert.match(explained.stdout, /依据 notices: +2024 国办发明电〔2023〕7号/);
    assert.match(explained.stdout, /届满 due: +2024-10-08 24:00 Asia\/Shanghai \(2024-10-08T16:00:00.000Z\)\n$/);

    const file = join(dirname(database.url), '2027.ics');
    const event = (start: string, end: string, summary: string) =>
      `BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:${start}\r\nDTEND;VALUE=DATE:${end}\r\nSUMMARY:${summary}\r\nEND:VEVENT\r\n`;
    writeFileSync(file, `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${event('20270101', '20270102', '元旦')}${event('20261231', '20270101', '跨年')}END:VCALENDAR\r\n`);
    const imported = await sunlit(['calendar', 'import', file, '--year', '2027', ...db]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /^imported 2027 \(CN\) from .*: 1 holidays, 0 adjusted working days; 1 events outside 2027 ignored/);
    assert.deepEqual(lines(await sunlit(['calendar', 'add-workdays', '2026-12-25', '5', ...db])), ['2027-01-04']);

    // Refusals exit 1 (a year present, a date that does not exist, an unknown region); wrong usage 2.
    assert.equal((await sunlit(['calendar', 'import', file, '--year', '2027', ...db])).code, 1);
    const noDate = await sunlit(['calendar', 'is-workday', '2024-02-30', ...db]);
    assert.equal(noDate.code, 1);
    assert.match(noDate.stderr, /error validation: .*2024-02-30/);
    assert.equal((await sunlit(['calendar', 'add-workdays', '2024-09-27', '1', '--region', 'NOPE', ...db])).code, 1);
    assert.equal((await sunlit(['calendar', 'add-workdays', '2024-09-27', ...db])).code, 2);
    assert.equal((await sunlit(['calendar', 'add-workdays', '2024-09-27', 'three', ...db])).code, 2);
    assert.equal((await sunlit(['calendar', 'explain', '27/09/2024', '3', ...db])).code, 2);
    assert.equal((await sunlit(['calendar', 'import', file, ...db])).code, 2, '--year is required');
    assert.equal((await sunlit(['calendar', 'import', join(dirname(database.url), 'missing.ics'), '--year', '2027', ...db])).code, 2);
  } finally {
    await database.drop();
  }
});

test('sunlit cases list and show: a case by its receipt code, lists filtered by state and unit', async () => {
  const t = await createTestSunlit('sqlite', { demo: true });
  const db = ['--db', t.database.url];
  const lines = (r: { stdout: string }) => r.stdout.trimEnd().split('\n');
  try {
    const licensing = PROCESS_TEMPLATES.find((x) => x.code === 'licensing')!.process;
    await t.app.catalogue.createItem(CLI_ACTOR, { unitCode: 'HBJ-SP', code: 'HBJ-CLI-001', content: buildContent({ process: licensing }) });
    await publishLatest(t.app, ['HBJ-CLI-001']);
    const view = await t.app.cases.register(CLI_ACTOR, { itemCode: 'HBJ-CLI-001', applicant: { name: '张三', idNumber: '110101199003071234' } });
    await t.app.close();

    const listed = lines(await sunlit(['cases', 'list', ...db]));
    assert.equal(listed.length, 2);
    assert.deepEqual(listed[0]!.split('\t').slice(0, 4), [view.receipt, 'pending', 'HBJ-CLI-001', 'HBJ-SP']);
    assert.match(listed[1]!, /^1 of 1 cases/);
    assert.deepEqual(lines(await sunlit(['cases', 'list', '--state', 'done', ...db])), ['0 of 0 cases / 共 0 件']);
    assert.deepEqual(lines(await sunlit(['cases', 'list', '--unit', 'ZJJ', ...db])), ['0 of 0 cases / 共 0 件']);

    const shown = lines(await sunlit(['cases', 'show', view.receipt.toLowerCase(), ...db]));
    assert.match(shown[0]!, new RegExp(`^${view.receipt}  HBJ-CLI-001 `));
    assert.match(shown.join('\n'), /state pending/);
    assert.match(shown.join('\n'), /受理 \[accept\] open/);

    assert.equal((await sunlit(['cases', 'show', 'AAAA-BBBB-CCCC', ...db])).code, 1, 'an unknown receipt');
    assert.equal((await sunlit(['cases', 'list', '--state', 'lost', ...db])).code, 2);
    assert.equal((await sunlit(['cases', 'show', ...db])).code, 2);
  } finally {
    await t.database.drop();
  }
});
