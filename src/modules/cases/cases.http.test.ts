import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { buildContent, publishLatest } from '../../test/factories.ts';
import { forEachEngine } from '../../test/test-db.ts';
import { as, CLI_ACTOR, errorOf, httpSuite, signIn, type Session } from '../../test/test-app.ts';
import type { ProcessDefinition } from '../process/process.rules.ts';
import type { CaseView, PublicCaseView, TaskView } from './case.contract.ts';

const step = (id: string, name: string, duty: string, role: string, limitDays: number | null, clockStop: string | null = null) => ({
  id,
  kind: 'step' as const,
  name,
  duty,
  performer: { role, unit: 'own' as const, unitCode: null },
  limitDays,
  clockStop,
  risks: [],
});

/**
 * 受理 with 补正 and 不予受理; 审查 in parallel with an expert review that stops the clock; 决定 by the head;
 * 发证 or 不予许可.
 */
const PROCESS = {
  nodes: [
    { id: 'start', kind: 'start', name: '申请' },
    step('accept', '受理', 'accept', 'clerk', 1),
    { id: 'complete', kind: 'exclusive', name: '材料是否齐全' },
    step('notify', '一次性告知补正', 'deliver', 'clerk', 0),
    { id: 'not_accepted', kind: 'end', name: '不予受理' },
    { id: 'split', kind: 'parallel', name: null },
    step('review', '审查', 'review', 'section_chief', 5),
    step('expert', '专家评审', 'review', 'section_chief', 0, '专家评审'),
    { id: 'join', kind: 'parallel', name: null },
    step('decide', '决定', 'decide', 'head', 3),
    { id: 'result', kind: 'exclusive', name: '审批结果' },
    step('issue', '发证', 'deliver', 'clerk', 2),
    step('refuse', '书面告知不予许可', 'deliver', 'clerk', 2),
    { id: 'done', kind: 'end', name: '办结' },
    { id: 'refused', kind: 'end', name: '不予许可' },
  ],
  flows: [
    { from: 'start', to: 'accept', outcome: null },
    { from: 'accept', to: 'complete', outcome: null },
    { from: 'complete', to: 'split', outcome: '齐全' },
    { from: 'complete', to: 'notify', outcome: '需补正' },
    { from: 'complete', to: 'not_accepted', outcome: '不予受理' },
    { from: 'notify', to: 'accept', outcome: null },
    { from: 'split', to: 'review', outcome: null },
    { from: 'split', to: 'expert', outcome: null },
    { from: 'review', to: 'join', outcome: null },
    { from: 'expert', to: 'join', outcome: null },
    { from: 'join', to: 'decide', outcome: null },
    { from: 'decide', to: 'result', outcome: null },
    { from: 'result', to: 'issue', outcome: '准予' },
    { from: 'result', to: 'refuse', outcome: '不予' },
    { from: 'issue', to: 'done', outcome: null },
    { from: 'refuse', to: 'refused', outcome: null },
  ],
} as unknown as ProcessDefinition;

const CODE = 'HBJ-CASE-001';

forEachEngine('cases over HTTP', (engine) => {
  const suite = httpSuite(engine);
  const sessions = new Map<string, Promise<Session>>();
  const sessionOf = (login: string) => {
    if (!sessions.has(login)) sessions.set(login, signIn(suite.http, login));
    return sessions.get(login)!;
  };
  const get = async (login: string | null, url: string) => suite.http.inject({ url, headers: login ? as(await sessionOf(login)) : {} });
  const post = async (login: string | null, url: string, payload: object) =>
    suite.http.inject({ method: 'POST', url, headers: login ? as(await sessionOf(login)) : {}, payload });
  const ok = <T>(res: { statusCode: number; body: string; json(): unknown }): T => {
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as T;
  };
  const claimable = async (login: string, caseId: string) =>
    ok<TaskView[]>(await get(login, '/api/v1/tasks?scope=claimable')).filter((t) => t.caseId === caseId);
  /** Claims and completes the open task of `stepId` as `login`. */
  const work = async (login: string, caseId: string, stepId: string, body: object = {}, claim: object = {}) => {
    const task = (await claimable(login, caseId)).find((t) => t.stepId === stepId);
    assert.ok(task, `${login} can claim ${stepId}`);
    ok(await post(login, `/api/v1/tasks/${task.id}/claim`, claim));
    return ok<CaseView>(await post(login, `/api/v1/tasks/${task.id}/complete`, body));
  };
  const application = (name = '张三') => ({ itemCode: CODE, applicant: { name, idNumber: '110101199003071234', phone: '13800000000' }, summary: '某建设项目' });

  before(async () => {
    const app = suite.t.app;
    await app.catalogue.createItem(CLI_ACTOR, { unitCode: 'HBJ-SP', code: CODE, content: buildContent({ process: PROCESS }) });
    await publishLatest(app, [CODE]);
  });

  test('a counter application runs through acceptance, parallel review with a clock stop, decision and delivery', async () => {
    let view = ok<CaseView>(await post('hbj.clerk', '/api/v1/cases', application()));
    assert.equal(view.state, 'pending');
    assert.match(view.receipt, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.deepEqual(view.current, ['受理']);
    assert.equal(view.applicantMasked, '张*');
    assert.equal(view.applicant.idNumber, '110101199003071234', 'staff of the unit see the applicant');

    // 受理: the outcome picks the branch; an unknown outcome is refused with the choices.
    const accept = (await claimable('hbj.clerk', view.id)).find((t) => t.stepId === 'accept')!;
    assert.deepEqual(accept.outcomes, ['齐全', '需补正', '不予受理']);
    ok(await post('hbj.clerk', `/api/v1/tasks/${accept.id}/claim`, {}));
    const wrong = await post('hbj.clerk', `/api/v1/tasks/${accept.id}/complete`, { outcome: '准予' });
    assert.equal(wrong.statusCode, 422);
    assert.equal(errorOf(wrong).code, 'case.outcome_invalid');
    view = ok<CaseView>(await post('hbj.clerk', `/api/v1/tasks/${accept.id}/complete`, { outcome: '齐全', comment: '材料齐全' }));
    assert.equal(view.state, 'running', 'the expert review stops the clock only once the applicant is told');
    assert.ok(view.acceptedAt);
    assert.equal(view.deemedAccepted, false);
    assert.deepEqual([...view.current].sort(), ['专家评审', '审查']);
    assert.equal(view.deadlines.limitDays, 30);
    assert.equal(view.deadlines.limitKind, 'promised');

    // The clock-stopping step needs the written notice to the applicant.
    const expert = (await claimable('hbj.chief', view.id)).find((t) => t.stepId === 'expert')!;
    assert.equal(expert.clockStop, '专家评审');
    const noNotice = await post('hbj.chief', `/api/v1/tasks/${expert.id}/claim`, {});
    assert.equal(noNotice.statusCode, 400);
    ok(await post('hbj.chief', `/api/v1/tasks/${expert.id}/claim`, { notice: '需组织专家评审，所需时间约10个工作日，不计入办理期限' }));
    view = ok<CaseView>(await get('hbj.clerk', `/api/v1/cases/${view.id}`));
    assert.equal(view.state, 'suspended');
    assert.equal(view.deadlines.warning, 'none', 'no warnings while the clock is stopped');
    view = ok<CaseView>(await post('hbj.chief', `/api/v1/tasks/${expert.id}/complete`, { comment: '专家意见：同意' }));
    assert.equal(view.state, 'running');
    assert.deepEqual(view.current, ['审查'], 'the join waits for the other branch');
    view = await work('hbj.chief', view.id, 'review', { comment: '符合条件' });
    assert.deepEqual(view.current, ['决定']);
    view = await work('hbj.head', view.id, 'decide', { outcome: '准予' });
    view = await work('hbj.clerk', view.id, 'issue');
    assert.equal(view.state, 'done');
    assert.equal(view.outcome, '办结');
    assert.ok(view.closedAt);
    assert.equal(view.workdaysTaken, 0);
    assert.equal(view.audit.filter((e) => e.action === 'case.complete').length, 5, 'each completion is audited');
    // The events written in the same statements as the case's rows extend the chain as any other append does.
    const verdict = await suite.t.app.audit.verify();
    assert.ok(verdict.ok, JSON.stringify(verdict));

    // The applicant's view: steps, dates, notices, outcome; no comments, no staff.
    const tracked = ok<PublicCaseView>(await get(null, `/api/v1/public/cases/${view.receipt.toLowerCase()}`));
    assert.equal(tracked.state, 'done');
    assert.equal(tracked.outcome, '办结');
    assert.equal(tracked.applicantMasked, '张*');
    assert.ok(tracked.notices.some((n) => n.kind === 'clock_stop'));
    const raw = JSON.stringify(tracked);
    for (const secret of ['符合条件', '专家意见', 'hbj.', '110101', '张三']) assert.ok(!raw.includes(secret), `the public view hides ${secret}`);
  });

  test('a mistyped receipt code is not found; a receipt with a wrong check symbol is never looked up', async () => {
    const view = ok<CaseView>(await post('hbj.clerk', '/api/v1/cases', application('李四')));
    const code = view.receipt.replace(/-/g, '');
    const last = code[code.length - 1]!;
    const mistyped = code.slice(0, -1) + (last === '0' ? '1' : '0');
    const res = await get(null, `/api/v1/public/cases/${mistyped}`);
    assert.equal(res.statusCode, 404);
  });

  test('the reviewer may not also decide: refused with sod.violation, audited, and an alert for the inspector', async () => {
    await suite.t.app.accounts.grantRole(CLI_ACTOR, { login: 'hbj.chief', role: 'head', unitCode: 'HBJ-SP' });
    sessions.delete('hbj.chief');
    let view = ok<CaseView>(await post('hbj.clerk', '/api/v1/cases', application('王五')));
    view = await work('hbj.clerk', view.id, 'accept', { outcome: '齐全' });
    view = await work('hbj.chief', view.id, 'expert', {}, { notice: '专家评审约5个工作日' });
    view = await work('hbj.chief', view.id, 'review');
    const decide = (await claimable('hbj.chief', view.id)).find((t) => t.stepId === 'decide')!;
    const refused = await post('hbj.chief', `/api/v1/tasks/${decide.id}/claim`, {});
    assert.equal(refused.statusCode, 409, refused.body);
    const error = errorOf(refused);
    assert.equal(error.code, 'sod.violation');
    assert.equal(error.details.rule, 'review_approve');
    assert.match(error.message, /审查与批准相分离|Review and approval/);
    view = ok<CaseView>(await get('hbj.clerk', `/api/v1/cases/${view.id}`));
    assert.ok(view.audit.some((e) => e.action === 'case.sod_refused'));
    const alerts = ok<{ items: { kind: string; subjectRef: string | null }[] }>(await get('inspector', '/api/v1/alerts?status=open'));
    assert.ok(alerts.items.some((a) => a.kind === 'sod.blocked' && a.subjectRef === `case:${view.id}`));
    // Someone else decides.
    view = await work('hbj.head', view.id, 'decide', { outcome: '不予' });
    view = await work('hbj.clerk', view.id, 'refuse');
    assert.equal(view.outcome, '不予许可');
  });

  test('a claimed step is released by its claimer or by the unit’s head, not by anyone else', async () => {
    const view = ok<CaseView>(await post('hbj.clerk', '/api/v1/cases', application('钱一')));
    const accept = (await claimable('hbj.clerk', view.id)).find((t) => t.stepId === 'accept')!;
    ok(await post('hbj.clerk', `/api/v1/tasks/${accept.id}/claim`, {}));
    assert.equal((await post('zjj.clerk', `/api/v1/tasks/${accept.id}/release`, {})).statusCode, 403, 'not theirs to release');
    const released = ok<TaskView>(await post('hbj.head', `/api/v1/tasks/${accept.id}/release`, {}));
    assert.equal(released.state, 'open');
    assert.equal(released.claimedBy, null);
    const again = await post('hbj.clerk', `/api/v1/tasks/${accept.id}/release`, {});
    assert.equal(again.statusCode, 409);
    ok(await post('hbj.clerk', `/api/v1/tasks/${accept.id}/claim`, {}));
    ok(await post('hbj.clerk', `/api/v1/tasks/${accept.id}/release`, {}));
    const audit = ok<CaseView>(await get('hbj.clerk', `/api/v1/cases/${view.id}`)).audit.filter((e) => e.action === 'case.release');
    assert.equal(audit.length, 2);
  });

  test('corrections are asked for once; refusing acceptance ends the case', async () => {
    let view = ok<CaseView>(await post('hbj.clerk', '/api/v1/cases', application('赵六')));
    view = await work('hbj.clerk', view.id, 'accept', { outcome: '需补正', comment: '缺环评报告' });
    assert.equal(view.state, 'pending');
    view = await work('hbj.clerk', view.id, 'notify');
    const accept = (await claimable('hbj.clerk', view.id)).find((t) => t.stepId === 'accept')!;
    ok(await post('hbj.clerk', `/api/v1/tasks/${accept.id}/claim`, {}));
    const twice = await post('hbj.clerk', `/api/v1/tasks/${accept.id}/complete`, { outcome: '需补正' });
    assert.equal(twice.statusCode, 409);
    assert.equal(errorOf(twice).code, 'case.not_allowed');
    view = ok<CaseView>(await post('hbj.clerk', `/api/v1/tasks/${accept.id}/complete`, { outcome: '不予受理', comment: '仍不齐全' }));
    assert.equal(view.state, 'done');
    assert.equal(view.outcome, '不予受理');
    assert.equal(view.acceptedAt, null);
  });

  test('online applications need no account; staff of other units see neither the case nor its tasks', async () => {
    const anon = await suite.http.inject({ method: 'POST', url: '/api/v1/public/applications', payload: { ...application('孙七'), materials: [] } });
    assert.equal(anon.statusCode, 400, 'the required material must be uploaded online');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const up = await suite.http.inject({
      method: 'POST',
      url: `/api/v1/public/uploads?name=${encodeURIComponent('环评报告.pdf')}`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: pdf,
    });
    const file = ok<{ id: string; sha256: string }>(up);
    const applied = ok<{ receipt: string; caseId: string }>(
      await suite.http.inject({
        method: 'POST',
        url: '/api/v1/public/applications',
        payload: { ...application('孙七'), materials: [{ name: '环境影响报告书（表）', fileIds: [file.id] }] },
      }),
    );
    const tracked = ok<PublicCaseView>(await get(null, `/api/v1/public/cases/${applied.receipt}`));
    assert.equal(tracked.state, 'pending');
    const view = ok<CaseView>(await get('hbj.clerk', `/api/v1/cases/${applied.caseId}`));
    assert.equal(view.channel, 'online');
    assert.equal(view.materials[0]!.files[0]!.sha256, file.sha256);
    const download = await get('hbj.clerk', `/api/v1/cases/${applied.caseId}/files/${file.id}`);
    assert.equal(download.statusCode, 200);
    assert.deepEqual(download.rawPayload, pdf);
    assert.match(String(download.headers['content-disposition']), /^attachment/);
    assert.equal((await get('zjj.clerk', `/api/v1/cases/${applied.caseId}/files/${file.id}`)).statusCode, 404);
    assert.equal((await get(null, `/api/v1/cases/${applied.caseId}/files/${file.id}`)).statusCode, 401);
    assert.equal((await get('zjj.clerk', `/api/v1/cases/${applied.caseId}`)).statusCode, 404);
    assert.equal((await claimable('zjj.clerk', applied.caseId)).length, 0);
    const listed = ok<{ cases: { id: string }[] }>(await get('zjj.clerk', '/api/v1/cases'));
    assert.ok(!listed.cases.some((c) => c.id === applied.caseId));
  });

  test('unanswered for five working days, an application counts as accepted on arrival; corrections come too late', async () => {
    suite.t.clock.set('2026-04-01T02:00:00.000Z'); // Wednesday; 清明 is 4–6 April
    sessions.clear();
    let view = ok<CaseView>(await post('hbj.clerk', '/api/v1/cases', application('吴九')));
    suite.t.clock.set('2026-04-10T02:00:00.000Z'); // the five working days after arrival: 2, 3, 7, 8 and 9 April
    sessions.clear();
    view = ok<CaseView>(await get('hbj.clerk', `/api/v1/cases/${view.id}`));
    assert.equal(view.state, 'pending');
    assert.equal(view.deemedAccepted, true, 'shown as deemed before anyone answers');
    assert.equal(view.acceptedAt, view.arrivedAt);
    const tracked = ok<PublicCaseView>(await get(null, `/api/v1/public/cases/${view.receipt}`));
    assert.equal(tracked.deemedAccepted, true);
    const accept = (await claimable('hbj.clerk', view.id)).find((t) => t.stepId === 'accept')!;
    const late = await post('hbj.clerk', `/api/v1/tasks/${accept.id}/complete`, { outcome: '需补正' });
    assert.equal(late.statusCode, 409);
    assert.equal(errorOf(late).code, 'case.not_allowed');
    view = ok<CaseView>(await post('hbj.clerk', `/api/v1/tasks/${accept.id}/complete`, { outcome: '齐全' }));
    assert.equal(view.deemedAccepted, true);
    assert.equal(view.acceptedAt, view.arrivedAt, 'the clock counts from arrival');
  });

  test('a case counts on the county’s own holidays as well as the national ones', async () => {
    suite.t.clock.set('2026-05-11T02:00:00.000Z'); // Monday
    sessions.clear();
    await suite.t.app.calendar.addYear(CLI_ACTOR, {
      region: '990101',
      year: 2026,
      notice: '示范县人民政府关于县庆放假的通知',
      published: '2026-04-20',
      holidays: [{ date: '2026-05-12', name: '县庆' }],
      workdays: [],
    });
    const national = ok<{ result: string }>(await get('hbj.clerk', '/api/v1/calendar/workdays?date=2026-05-11&n=30'));
    const county = ok<{ result: string }>(await get('hbj.clerk', '/api/v1/calendar/workdays?date=2026-05-11&n=30&region=990101'));
    assert.notEqual(county.result, national.result);
    const view = ok<CaseView>(await post('hbj.clerk', '/api/v1/cases', application('郑十')));
    assert.equal(view.deadlines.dueDate, county.result);
    assert.ok(view.explanation!.skipped.some((d) => d.date === '2026-05-12' && d.name === '县庆'));
  });

  // Last: it moves the suite's clock to December 2026, before the 2027 notice.
  test('a deadline counting on a year without a notice is provisional, and moves when the notice is stored', async () => {
    suite.t.clock.set('2026-12-21T02:00:00.000Z');
    sessions.clear(); // idle sessions ended long ago
    let view = ok<CaseView>(await post('hbj.clerk', '/api/v1/cases', application('周八')));
    view = await work('hbj.clerk', view.id, 'accept', { outcome: '齐全' });
    assert.equal(view.deadlines.provisional, true);
    const before = view.deadlines.dueDate!;
    assert.ok(before > '2027-01-01', before);
    await suite.t.app.calendar.addYear(CLI_ACTOR, {
      year: 2027,
      notice: '国务院办公厅关于2027年部分节假日安排的通知',
      published: '2026-11-12',
      holidays: ['2027-01-01', '2027-01-04', '2027-01-05'].map((date) => ({ date, name: '元旦' })),
      workdays: [],
    });
    view = ok<CaseView>(await get('hbj.clerk', `/api/v1/cases/${view.id}`));
    assert.equal(view.deadlines.provisional, false);
    assert.ok(view.deadlines.dueDate! > before, `${view.deadlines.dueDate} after ${before}: two more days off`);
    assert.ok(view.audit.some((e) => e.action === 'case.deadline_moved'));
  });
});
