import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildContent } from '../../../test/factories.ts';
import { forEachEngine } from '../../../test/test-db.ts';
import { as, CLI_ACTOR, errorOf, httpSuite, signIn, type Session } from '../../../test/test-app.ts';
import { PROCESS_TEMPLATES } from '../process-templates.data.ts';
import type { ProcessDefinition } from '../process.rules.ts';
import type { BpmnReport } from './bpmn-report.ts';

const FIXTURES = new URL('./testdata/fixtures/', import.meta.url);
const COMPLEX = readFileSync(new URL('complex.bpmn', FIXTURES));
const INTERVIEW = 'sid-D0B76975-2A71-4345-9861-401E7CB66AF6';
const licensing = (): ProcessDefinition => structuredClone(PROCESS_TEMPLATES.find((t) => t.code === 'licensing')!.process);

interface ImportResult {
  report: BpmnReport;
  process: ProcessDefinition;
  revision: number | null;
  changed: boolean;
}

forEachEngine('BPMN export and import over HTTP', (engine) => {
  const suite = httpSuite(engine);
  const sessions = new Map<string, Promise<Session>>();
  const sessionOf = (login: string) => {
    if (!sessions.has(login)) sessions.set(login, signIn(suite.http, login));
    return sessions.get(login)!;
  };
  const exportOf = async (login: string | null, id: string, query = '') =>
    suite.http.inject({ url: `/api/v1/powers/${id}/bpmn${query}`, headers: login ? as(await sessionOf(login)) : {} });
  const upload = async (login: string, id: string, body: Buffer | string, query = '', type = 'application/xml') =>
    suite.http.inject({
      method: 'POST',
      url: `/api/v1/powers/${id}/bpmn${query}`,
      headers: { ...as(await sessionOf(login)), 'content-type': type },
      payload: body,
    });
  const latest = async (id: string) => (await suite.t.app.catalogue.getItem(CLI_ACTOR, id)).latest;
  let itemId = '';

  test('export: the latest revision (draft or not) or a named one, as a .bpmn attachment; 404 without a process', async () => {
    itemId = (await suite.t.app.catalogue.createItem(CLI_ACTOR, { unitCode: 'HBJ-SP', code: 'HB-BPMN-1', content: buildContent({ promisedLimit: 19 }) })).id;
    assert.equal(errorOf(await exportOf('hbj.clerk', itemId)).code, 'not_found');
    await suite.t.app.catalogue.reviseItem(CLI_ACTOR, { itemId, basedOn: 1, content: buildContent({ promisedLimit: 19, process: licensing() }) });
    const res = await exportOf('hbj.clerk', itemId);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^application\/xml/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="HB-BPMN-1-r2\.bpmn"/);
    assert.match(res.body, /<bpmn:userTask id="review" name="审查">/);
    assert.equal(errorOf(await exportOf('hbj.clerk', itemId, '?revision=1')).code, 'not_found', 'revision 1 has no process');
    assert.equal(errorOf(await exportOf('hbj.clerk', itemId, '?revision=9')).code, 'not_found');
    assert.equal(errorOf(await exportOf('hbj.clerk', itemId, '?revision=zero')).code, 'validation');
  });

  test('export is for those who read the item’s list: not anonymous, not another bureau’s clerk', async () => {
    assert.equal((await exportOf(null, itemId)).statusCode, 401);
    assert.equal(errorOf(await exportOf('zjj.clerk', itemId)).code, 'not_found');
    assert.equal((await exportOf('inspector', itemId)).statusCode, 200, 'the county inspector reads every list');
  });

  test('a file with several processes is refused with their list; a dry run with one chosen saves nothing', async () => {
    const refused = await upload('hbj.clerk', itemId, COMPLEX, '?dryRun=true');
    assert.equal(refused.statusCode, 422);
    const error = errorOf(refused);
    assert.equal(error.code, 'bpmn.refused');
    assert.match(error.message, /9 个流程/);
    const report = error.details.report as BpmnReport;
    assert.equal(report.processes.length, 9);
    assert.equal(report.entries[0]!.code, 'bpmn.several_processes');

    const dry = await upload('hbj.clerk', itemId, COMPLEX, `?dryRun=true&process=${INTERVIEW}`);
    assert.equal(dry.statusCode, 200, dry.body);
    const r = dry.json() as ImportResult;
    assert.equal(r.revision, null);
    assert.equal(r.report.outcome, 'imported');
    assert.ok(r.report.entries.some((e) => e.kind === 'unsupported' && e.code === 'bpmn.message_flow'));
    assert.equal((await latest(itemId)).revision, 2, 'nothing saved');
  });

  test('an import makes a draft revision of the process alone, audited with the file’s hash and the report’s counts', async () => {
    const res = await upload('hbj.clerk', itemId, COMPLEX, `?process=${INTERVIEW}&basedOn=2`, 'application/octet-stream');
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json() as ImportResult;
    assert.deepEqual([r.revision, r.changed], [3, true]);
    const saved = await latest(itemId);
    assert.deepEqual(saved.content.process, r.process);
    assert.equal(saved.source, 'bpmn');
    assert.equal(saved.state, 'draft');
    assert.equal(saved.content.name, buildContent().name, 'the rest of the item is kept');
    const event = await suite.t.app.db.kysely
      .selectFrom('audit_event')
      .select(['payload', 'actor'])
      .where('action', '=', 'power.revise')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const payload = (typeof event.payload === 'string' ? JSON.parse(event.payload) : event.payload) as {
      revision: number;
      source: string;
      changed: string[];
      bpmn: { sha256: string; process: string; unsupported: number; warnings: number };
    };
    assert.deepEqual([payload.revision, payload.source, payload.changed], [3, 'bpmn', ['process']]);
    assert.equal(payload.bpmn.sha256, createHash('sha256').update(COMPLEX).digest('hex'));
    assert.equal(payload.bpmn.process, INTERVIEW);
    assert.equal(payload.bpmn.unsupported, r.report.entries.filter((e) => e.kind === 'unsupported').length);
    assert.ok(payload.bpmn.warnings > 0);
  });

  test('a stale upload (someone saved meanwhile) is refused, not overwriting their revision; a dry run says so already', async () => {
    const res = await upload('hbj.clerk', itemId, COMPLEX, `?process=${INTERVIEW}&basedOn=2`);
    assert.equal(errorOf(res).code, 'conflict');
    assert.deepEqual(errorOf(res).details, { latestRevision: 3 });
    assert.equal(errorOf(await upload('hbj.clerk', itemId, COMPLEX, `?process=${INTERVIEW}&basedOn=2&dryRun=true`)).code, 'conflict');
    assert.equal((await latest(itemId)).revision, 3);
  });

  test('export → import over HTTP gives back the same process: no new revision', async () => {
    await suite.t.app.catalogue.reviseItem(CLI_ACTOR, { itemId, basedOn: 3, content: buildContent({ promisedLimit: 19, process: licensing() }) });
    const file = (await exportOf('hbj.clerk', itemId)).body;
    const dry = (await upload('hbj.clerk', itemId, file, '?dryRun=true', 'text/xml')).json() as ImportResult;
    assert.deepEqual([dry.revision, dry.changed], [null, false], 'the dry run already says nothing would change');
    const r = (await upload('hbj.clerk', itemId, file, '', 'text/xml')).json() as ImportResult;
    assert.deepEqual([r.revision, r.changed], [4, false]);
    assert.deepEqual(r.process, licensing());
    assert.deepEqual(
      r.report.entries.filter((e) => e.kind !== 'warning'),
      [],
    );
  });

  test('only those who edit the item’s list may import; others read nothing of it', async () => {
    assert.equal(errorOf(await upload('inspector', itemId, COMPLEX, `?process=${INTERVIEW}`)).code, 'forbidden');
    assert.equal(errorOf(await upload('zjj.clerk', itemId, COMPLEX, `?process=${INTERVIEW}`)).code, 'not_found');
    assert.equal(errorOf(await upload('sysadmin', itemId, COMPLEX, `?process=${INTERVIEW}`)).code, 'forbidden');
    assert.equal((await latest(itemId)).revision, 4);
  });

  test('an ended item takes no import, not even a dry run', async () => {
    const ended = await suite.t.app.catalogue.createItem(CLI_ACTOR, { unitCode: 'HBJ-SP', code: 'HB-BPMN-2', content: buildContent() });
    await suite.t.app.catalogue.endItem(CLI_ACTOR, { itemId: ended.id, ending: 'abolished', reason: '国务院决定取消' });
    const res = await upload('hbj.clerk', ended.id, COMPLEX, `?process=${INTERVIEW}&dryRun=true`);
    assert.equal(errorOf(res).code, 'conflict');
    assert.match(errorOf(res).message, /已取消、下放或划转/);
  });

  test('bad uploads get clear errors and no stack trace', async () => {
    const empty = await upload('hbj.clerk', itemId, '');
    assert.equal(errorOf(empty).code, 'validation');
    const notXml = await upload('hbj.clerk', itemId, 'this is not xml at all');
    assert.equal(notXml.statusCode, 422);
    const report = errorOf(notXml).details.report as BpmnReport;
    assert.equal(report.entries[0]!.code, 'bpmn.not_xml');
    assert.doesNotMatch(notXml.body, /at [A-Za-z]+ \(|node_modules|\.ts:\d+/);
    const unknownQuery = await upload('hbj.clerk', itemId, COMPLEX, '?processes=x');
    assert.equal(errorOf(unknownQuery).code, 'validation');
    const gif = await upload('hbj.clerk', itemId, Buffer.from('GIF89a'), '', 'image/gif');
    assert.deepEqual([gif.statusCode, errorOf(gif).code], [400, 'validation'], 'a GIF is not read at all');
  });
});
