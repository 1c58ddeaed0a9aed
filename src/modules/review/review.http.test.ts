import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { buildContent } from '../../test/factories.ts';
import { forEachEngine } from '../../test/test-db.ts';
import { as, CLI_ACTOR, errorOf, httpSuite, signIn, type Reply, type Session } from '../../test/test-app.ts';

const PASSWORD = 'Sunlit@2026';
const ASPECTS = ['legality', 'reasonableness', 'necessity'] as const;

interface View {
  batch: { id: string; state: string; round: number; returns: number; submittedBy: string | null };
  items: { itemId: string; code: string; revision: number; cleared: boolean; openEntries: number }[];
  rectifications: { id: string; state: string; problem: string; itemId: string | null; missingItemName: string | null; raisedRound: number }[];
  transitions: { action: string; fromState: string | null; toState: string; round: number }[];
  allowed: string[];
}

forEachEngine('"三上三下" review over HTTP', (engine) => {
  const suite = httpSuite(engine);
  let clerk: Session;
  let head: Session;
  let legal: Session;
  let leader: Session;
  let inspector: Session;
  let zjj: Session;
  before(async () => {
    [clerk, head, legal, leader, inspector, zjj] = (await Promise.all(
      ['hbj.clerk', 'hbj.head', 'legal', 'county.leader', 'inspector', 'zjj.head'].map((l) => signIn(suite.http, l)),
    )) as [Session, Session, Session, Session, Session, Session];
  });

  const call = (s: Session, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    suite.http.inject({ method, url, headers: as(s), ...(payload ? { payload } : {}) });
  const ok = (res: Reply, status = 200) => {
    assert.equal(res.statusCode, status, res.body);
    return res.json();
  };
  const newItem = async (code: string, name: string) =>
    ok(await call(clerk, 'POST', '/api/v1/powers', { unitCode: 'HBJ-SP', code, content: buildContent({ name }) }), 201) as { id: string };
  const move = (s: Session, batchId: string, action: string, comment?: string) =>
    call(s, 'POST', `/api/v1/review/batches/${batchId}/transitions`, { action, ...(comment ? { comment } : {}) });
  const finding = (s: Session, batchId: string, itemId: string, aspect: string, body: object) =>
    call(s, 'PUT', `/api/v1/review/batches/${batchId}/items/${itemId}/findings/${aspect}`, body);
  const passAll = async (batchId: string, itemId: string) => {
    for (const aspect of ASPECTS) ok(await finding(legal, batchId, itemId, aspect, { verdict: 'pass', problem: null, comment: null }));
  };
  const view = async (s: Session, batchId: string) => ok(await call(s, 'GET', `/api/v1/review/batches/${batchId}`)) as View;

  test('a batch goes through review, return, fix, evaluation, send-back and publication, each step by its own role', async () => {
    const a = await newItem('HBJ-R-001', '建设项目环境影响评价文件审批');
    const b = await newItem('HBJ-R-002', '排污许可证核发');
    let v = ok(
      await call(clerk, 'POST', '/api/v1/review/batches', { unitCode: 'HBJ-SP', title: '环保局权力清单（初报）', itemCodes: ['HBJ-R-001', 'HBJ-R-002'] }),
      201,
    ) as View;
    const id = v.batch.id;
    assert.equal(v.batch.state, 'draft');
    assert.deepEqual(v.allowed, ['compose']);

    // Submitting is the unit head's.
    assert.equal((await move(clerk, id, 'submit')).statusCode, 403);
    assert.equal((await move(legal, id, 'submit')).statusCode, 403);
    assert.equal(errorOf(await move(head, id, 'take')).code, 'conflict', 'the head cannot take in draft');
    v = ok(await move(head, id, 'submit'));
    assert.equal(v.batch.state, 'submitted');
    assert.equal(v.batch.round, 1);
    assert.equal((await call(clerk, 'POST', `/api/v1/review/batches/${id}/items`, { itemCodes: ['HBJ-R-003'] })).statusCode, 409, 'submitted: items fixed');

    // Review is the legal group's.
    assert.equal((await move(head, id, 'take')).statusCode, 403);
    v = ok(await move(legal, id, 'take'));
    assert.equal(v.batch.state, 'in_review');
    assert.ok(v.allowed.includes('record_findings') && v.allowed.includes('pass') && v.allowed.includes('return'));
    assert.equal((await finding(clerk, id, a.id, 'legality', { verdict: 'pass', problem: null, comment: null })).statusCode, 403);
    await passAll(id, a.id);
    ok(await finding(legal, id, b.id, 'legality', { verdict: 'problem', problem: 'invalid_basis', comment: '所引《排污许可管理办法（试行）》已废止' }));
    ok(await finding(legal, id, b.id, 'reasonableness', { verdict: 'pass', problem: null, comment: null }));
    ok(await finding(legal, id, b.id, 'necessity', { verdict: 'pass', problem: null, comment: null }));
    const badFinding = await finding(legal, id, b.id, 'necessity', { verdict: 'problem', problem: null, comment: 'x' });
    assert.equal(badFinding.statusCode, 400, 'a problem must name its kind');
    ok(await call(legal, 'POST', `/api/v1/review/batches/${id}/omissions`, { name: '排污权交易审核', comment: '漏报：县级实施的排污权交易审核' }), 201);
    assert.match(errorOf(await move(legal, id, 'pass')).message, /HBJ-R-002/, 'B not cleared: no pass');

    v = ok(await move(legal, id, 'return', '请按意见整改'));
    assert.equal(v.batch.state, 'returned');
    assert.equal(v.batch.returns, 1);
    assert.equal(v.rectifications.filter((r) => r.state === 'open').length, 2, 'the basis problem and the omission');

    // The unit answers every entry, fixes B and adds the omitted item before it may resubmit.
    assert.match(errorOf(await move(head, id, 'resubmit')).message, /2 条整改未填写/);
    const basisEntry = v.rectifications.find((r) => r.itemId === b.id)!;
    const omission = v.rectifications.find((r) => r.problem === 'omission')!;
    const itemB = ok(await call(clerk, 'GET', `/api/v1/powers/${b.id}`)) as { latestRevision: number };
    ok(
      await call(clerk, 'PUT', `/api/v1/powers/${b.id}`, {
        basedOn: itemB.latestRevision,
        content: buildContent({ name: '排污许可证核发', basis: ['《排污许可管理条例》第三条'] }),
      }),
    );
    ok(await call(clerk, 'POST', `/api/v1/review/rectifications/${basisEntry.id}/response`, { response: '已改为《排污许可管理条例》' }));
    assert.equal(
      (await call(clerk, 'POST', `/api/v1/review/rectifications/${omission.id}/response`, { response: '已补报' })).statusCode,
      400,
      'names the new item',
    );
    const c = await newItem('HBJ-R-003', '排污权交易审核');
    ok(await call(clerk, 'POST', `/api/v1/review/rectifications/${omission.id}/response`, { response: '已补报', itemCode: 'HBJ-R-003' }));
    assert.equal((await call(legal, 'POST', `/api/v1/review/rectifications/${basisEntry.id}/accept`)).statusCode, 409, 'not while returned');

    v = ok(await move(head, id, 'resubmit'));
    assert.equal(v.batch.state, 'resubmitted');
    assert.equal(v.batch.round, 2);
    assert.deepEqual(
      v.items.map((i) => [i.code, i.revision]),
      [
        ['HBJ-R-001', 1],
        ['HBJ-R-002', 2],
        ['HBJ-R-003', 1],
      ],
      'the fix is what is reviewed now; the omitted item joined',
    );

    v = ok(await move(legal, id, 'take'));
    assert.ok(v.items.find((i) => i.code === 'HBJ-R-001')!.cleared, 'an unchanged item passed in round 1 stays cleared');
    assert.match(errorOf(await move(legal, id, 'pass')).message, /HBJ-R-002.*2 条整改未验收/);
    await passAll(id, b.id);
    const bulk = ok(await call(legal, 'POST', `/api/v1/review/batches/${id}/passes`, { itemIds: [c.id] })) as View;
    assert.ok(bulk.items.find((i) => i.code === 'HBJ-R-003')!.cleared, 'three passes at once');
    assert.equal((await call(clerk, 'POST', `/api/v1/review/batches/${id}/passes`, { itemIds: [c.id] })).statusCode, 403);
    assert.match(errorOf(await move(legal, id, 'pass')).message, /2 条整改未验收/);
    for (const entry of [basisEntry, omission]) ok(await call(legal, 'POST', `/api/v1/review/rectifications/${entry.id}/accept`));
    assert.equal((await call(legal, 'POST', `/api/v1/review/rectifications/${omission.id}/accept`)).statusCode, 409, 'accepted once');
    v = ok(await move(legal, id, 'pass'));
    assert.equal(v.batch.state, 'passed');

    // Evaluation is a county leader's; it may send the batch back with its reason.
    assert.equal((await move(head, id, 'evaluate')).statusCode, 403);
    v = ok(await move(leader, id, 'evaluate'));
    assert.equal(v.batch.state, 'evaluation');
    assert.equal((await move(leader, id, 'send_back')).statusCode, 400, 'a reason is required');
    v = ok(await move(leader, id, 'send_back', '责任事项表述需与省级目录统一'));
    assert.equal(v.batch.state, 'returned');
    assert.equal(v.batch.returns, 2);
    const evalEntry = v.rectifications.find((r) => r.state === 'open')!;
    ok(await call(clerk, 'POST', `/api/v1/review/rectifications/${evalEntry.id}/response`, { response: '已统一表述' }));
    ok(await move(head, id, 'resubmit'));
    ok(await move(legal, id, 'take'));
    ok(await call(legal, 'POST', `/api/v1/review/rectifications/${evalEntry.id}/accept`));
    ok(await move(legal, id, 'pass'));
    ok(await move(leader, id, 'evaluate'));
    assert.equal((await move(legal, id, 'publish')).statusCode, 403);
    v = ok(await move(leader, id, 'publish'));
    assert.equal(v.batch.state, 'published');
    assert.deepEqual(v.allowed, []);
    assert.deepEqual(
      v.transitions.map((x) => x.action),
      ['create', 'submit', 'take', 'return', 'resubmit', 'take', 'pass', 'evaluate', 'send_back', 'resubmit', 'take', 'pass', 'evaluate', 'publish'],
    );
    for (const action of ['submit', 'take', 'return', 'resubmit', 'pass', 'evaluate', 'send_back', 'publish']) {
      assert.equal(errorOf(await move(leader, id, action, 'x')).code, 'conflict', `${action} after publication`);
    }

    // Published: the portal's revision; the replaced revision stays in the history.
    const published = ok(await call(clerk, 'GET', `/api/v1/powers/${b.id}`)) as { publishedRevision: number; publishedAt: string };
    assert.equal(published.publishedRevision, 2);
    const history = ok(await call(clerk, 'GET', `/api/v1/powers/${b.id}/revisions`)) as { items: { revision: number; state: string }[] };
    assert.deepEqual(
      history.items.map((r) => [r.revision, r.state]),
      [
        [1, 'returned'],
        [2, 'published'],
      ],
    );

    // The public list shows it at once, without an account.
    const found = ok(await suite.http.inject({ url: `/api/v1/public/powers?q=${encodeURIComponent('排污')}` })) as { items: { code: string }[] };
    assert.deepEqual(found.items.map((i) => i.code).sort(), ['HBJ-R-002', 'HBJ-R-003']);

    // A later change is a new draft: the published revision stays until it too is reviewed.
    ok(await call(clerk, 'PUT', `/api/v1/powers/${a.id}`, { basedOn: 1, content: buildContent({ name: '建设项目环境影响评价文件审批', promisedLimit: 20 }) }));
    const a2 = ok(await call(clerk, 'GET', `/api/v1/powers/${a.id}`)) as { latestRevision: number; publishedRevision: number };
    assert.deepEqual([a2.latestRevision, a2.publishedRevision], [2, 1]);
    const publicA = ok(await suite.http.inject({ url: '/api/v1/public/powers/HBJ-R-001' })) as { revision: number; promisedLimit: number };
    assert.deepEqual([publicA.revision, publicA.promisedLimit], [1, 30], 'the public still sees the published revision');
    const again = ok(await call(clerk, 'POST', '/api/v1/review/batches', { unitCode: 'HBJ-SP', title: '调整', itemCodes: ['HBJ-R-001'] }), 201) as View;
    assert.equal(again.items[0]!.revision, 2);
    const unchanged = errorOf(await call(clerk, 'POST', `/api/v1/review/batches/${again.batch.id}/items`, { itemCodes: ['HBJ-R-002'] }));
    assert.match(String((unchanged.details.items as Record<string, string>)['HBJ-R-002']), /没有修改/);

    // The ledger keeps every entry, accepted ones included.
    const ledger = ok(await call(inspector, 'GET', '/api/v1/review/rectifications?unit=HBJ-SP')) as {
      items: { state: string; itemCode: string | null }[];
      total: number;
    };
    assert.equal(ledger.total, 3);
    assert.ok(ledger.items.every((e) => e.state === 'accepted'));
  });

  test('a fourth return is allowed and opens a supervision alert for the inspector', async () => {
    const item = await newItem('HBJ-R-010', '危险废物经营许可证核发');
    const v = ok(await call(clerk, 'POST', '/api/v1/review/batches', { unitCode: 'HBJ-SP', title: '多轮退回', itemCodes: ['HBJ-R-010'] }), 201) as View;
    const id = v.batch.id;
    ok(await move(head, id, 'submit'));
    for (let round = 1; round <= 4; round++) {
      ok(await move(legal, id, 'take'));
      ok(await finding(legal, id, item.id, 'necessity', { verdict: 'problem', problem: 'other', comment: `第${round}轮意见` }));
      const returned = ok(await move(legal, id, 'return')) as View;
      assert.equal(returned.batch.returns, round);
      const alerts = ok(await call(inspector, 'GET', '/api/v1/alerts')) as { items: { kind: string; subject: string }[] };
      const mine = alerts.items.filter((a) => a.kind === 'review.extra_return' && a.subject.includes('多轮退回'));
      assert.equal(mine.length, round === 4 ? 1 : 0, `after return ${round}`);
      for (const entry of returned.rectifications.filter((r) => r.state === 'open')) {
        ok(await call(clerk, 'POST', `/api/v1/review/rectifications/${entry.id}/response`, { response: `第${round}轮整改` }));
      }
      ok(await move(head, id, 'resubmit'));
    }
  });

  test('a reviewer cannot review a revision it drafted or a batch it submitted', async () => {
    const app = suite.t.app;
    await app.accounts.createAccount(CLI_ACTOR, { name: '兼职审查员', login: 'legal.drafter', password: PASSWORD, unitCode: 'SFJ' }, [
      { role: 'legal_reviewer', unitCode: '990101' },
      { role: 'clerk', unitCode: 'HBJ-SP' },
    ]);
    await app.accounts.createAccount(CLI_ACTOR, { name: '兼职局长', login: 'legal.head', password: PASSWORD, unitCode: 'SFJ' }, [
      { role: 'legal_reviewer', unitCode: '990101' },
      { role: 'head', unitCode: 'HBJ' },
    ]);
    const drafter = await signIn(suite.http, 'legal.drafter');
    const headReviewer = await signIn(suite.http, 'legal.head');
    ok(await call(drafter, 'POST', '/api/v1/powers', { unitCode: 'HBJ-SP', code: 'HBJ-R-020', content: buildContent({ name: '自己起草的事项' }) }), 201);
    const v = ok(await call(clerk, 'POST', '/api/v1/review/batches', { unitCode: 'HBJ-SP', title: '回避', itemCodes: ['HBJ-R-020'] }), 201) as View;
    ok(await move(headReviewer, v.batch.id, 'submit'));
    const own = await move(drafter, v.batch.id, 'take');
    assert.equal(own.statusCode, 403);
    assert.equal(errorOf(own).code, 'review.own_work');
    assert.match(errorOf(own).message, /HBJ-R-020/);
    assert.equal(errorOf(await move(headReviewer, v.batch.id, 'take')).code, 'review.own_work', 'submitted it');
    assert.ok(!(await view(drafter, v.batch.id)).allowed.includes('take'));
    const taken = ok(await move(legal, v.batch.id, 'take')) as View;
    const item = taken.items[0]!;
    assert.equal(
      errorOf(await finding(drafter, v.batch.id, item.itemId, 'legality', { verdict: 'pass', problem: null, comment: null })).code,
      'review.own_work',
    );
    assert.equal(errorOf(await move(drafter, v.batch.id, 'return')).code, 'review.own_work');
  });

  test('batches are scoped to the unit; an item is in one open batch at a time', async () => {
    await newItem('HBJ-R-030', '环境监测数据审核');
    const v = ok(await call(clerk, 'POST', '/api/v1/review/batches', { unitCode: 'HBJ-SP', title: '范围', itemCodes: ['HBJ-R-030'] }), 201) as View;
    assert.equal((await call(zjj, 'GET', `/api/v1/review/batches/${v.batch.id}`)).statusCode, 404, 'another department cannot see it');
    assert.ok(!(ok(await call(zjj, 'GET', '/api/v1/review/batches')) as { items: { id: string }[] }).items.some((b) => b.id === v.batch.id));
    assert.ok((ok(await call(legal, 'GET', '/api/v1/review/batches?state=draft')) as { items: { id: string }[] }).items.some((b) => b.id === v.batch.id));
    assert.equal((await call(zjj, 'POST', '/api/v1/review/batches', { unitCode: 'HBJ-SP', title: 'x', itemCodes: [] })).statusCode, 403);
    const twice = await call(clerk, 'POST', '/api/v1/review/batches', { unitCode: 'HBJ-SP', title: '重复', itemCodes: ['HBJ-R-030', 'NOPE'] });
    assert.equal(twice.statusCode, 400);
    assert.deepEqual(Object.keys(errorOf(twice).details.items as object).sort(), ['HBJ-R-030', 'NOPE']);
    const removed = ok(await call(clerk, 'DELETE', `/api/v1/review/batches/${v.batch.id}/items/${v.items[0]!.itemId}`)) as View;
    assert.equal(removed.items.length, 0);
    assert.equal(errorOf(await move(head, v.batch.id, 'submit')).code, 'conflict', 'an empty batch is not submitted');
    assert.equal((await call(clerk, 'POST', '/api/v1/review/batches', { unitCode: 'HBJ-SP', title: '', itemCodes: [] })).statusCode, 400);
    assert.equal((await call(clerk, 'GET', '/api/v1/review/batches/not-a-uuid')).statusCode, 400);
  });

  test('own work survives a resubmission by someone else, covers omissions, earlier drafts and self-reported fixes', async () => {
    const app = suite.t.app;
    await app.accounts.createAccount(CLI_ACTOR, { name: '兼职副局长', login: 'legal.deputy', password: PASSWORD, unitCode: 'SFJ' }, [
      { role: 'legal_reviewer', unitCode: '990101' },
      { role: 'head', unitCode: 'HBJ' },
      { role: 'clerk', unitCode: 'HBJ-SP' },
    ]);
    const deputy = await signIn(suite.http, 'legal.deputy');
    // The deputy drafts revision 1; the clerk's trivial revision 2 is what the batch carries.
    const drafted = ok(
      await call(deputy, 'POST', '/api/v1/powers', { unitCode: 'HBJ-SP', code: 'HBJ-R-040', content: buildContent({ name: '副局长起草' }) }),
      201,
    ) as {
      id: string;
    };
    ok(await call(clerk, 'PUT', `/api/v1/powers/${drafted.id}`, { basedOn: 1, content: buildContent({ name: '副局长起草', promisedLimit: 25 }) }));
    await newItem('HBJ-R-041', '他人起草');
    const v = ok(await call(clerk, 'POST', '/api/v1/review/batches', { unitCode: 'HBJ-SP', title: '回避二', itemCodes: ['HBJ-R-041'] }), 201) as View;
    const id = v.batch.id;
    ok(await move(deputy, id, 'submit'));
    ok(await move(legal, id, 'take'));
    ok(await finding(legal, id, v.items[0]!.itemId, 'legality', { verdict: 'problem', problem: 'wrong_entry', comment: '名称有误' }));
    const returned = ok(await move(legal, id, 'return')) as View;
    ok(await call(deputy, 'POST', `/api/v1/review/rectifications/${returned.rectifications[0]!.id}/response`, { response: '已更正' }));
    ok(await call(clerk, 'POST', `/api/v1/review/batches/${id}/items`, { itemCodes: ['HBJ-R-040'] }));
    ok(await move(head, id, 'resubmit'));
    // Submitted once, own work for good; and HBJ-R-040's revision 1 is the deputy's, though revision 2 is not.
    assert.equal(errorOf(await move(deputy, id, 'take')).code, 'review.own_work');
    ok(await move(legal, id, 'take'));
    assert.equal(errorOf(await call(deputy, 'POST', `/api/v1/review/batches/${id}/omissions`, { name: 'x', comment: 'y' })).code, 'review.own_work');
    const fromDeputy = await call(deputy, 'POST', `/api/v1/review/rectifications/${returned.rectifications[0]!.id}/accept`);
    assert.equal(errorOf(fromDeputy).code, 'review.own_work', 'a fix the reviewer reported itself');
    assert.match(errorOf(await finding(deputy, id, drafted.id, 'legality', { verdict: 'pass', problem: null, comment: null })).message, /HBJ-R-040|报送/);
  });

  test('an item ended during review is taken out of the returned batch, its open entries withdrawn', async () => {
    const item = await newItem('HBJ-R-050', '将被取消的事项');
    await newItem('HBJ-R-051', '保留的事项');
    const v = ok(
      await call(clerk, 'POST', '/api/v1/review/batches', { unitCode: 'HBJ-SP', title: '取消', itemCodes: ['HBJ-R-050', 'HBJ-R-051'] }),
      201,
    ) as View;
    const id = v.batch.id;
    ok(await move(head, id, 'submit'));
    ok(await move(legal, id, 'take'));
    ok(await finding(legal, id, item.id, 'necessity', { verdict: 'problem', problem: 'other', comment: '无保留必要' }));
    ok(await move(legal, id, 'return'));
    ok(await call(clerk, 'POST', `/api/v1/powers/${item.id}/end`, { ending: 'abolished', reason: '按审查意见取消' }));
    assert.match(errorOf(await move(head, id, 'resubmit')).message, /1 条整改未填写/, 'the abolished item still holds the batch');
    const removed = ok(await call(clerk, 'DELETE', `/api/v1/review/batches/${id}/items/${item.id}`)) as View;
    assert.deepEqual(
      removed.rectifications.map((e) => e.state),
      ['withdrawn'],
    );
    assert.equal((ok(await move(head, id, 'resubmit')) as View).batch.state, 'resubmitted');
    const blank = await call(clerk, 'POST', '/api/v1/review/batches', { unitCode: 'HBJ-SP', title: '   ', itemCodes: [] });
    assert.equal(blank.statusCode, 400, 'a title of spaces says nothing');
  });

  test('a finding recorded while the batch is being passed either lands before (and blocks the pass) or is refused', async () => {
    const item = await newItem('HBJ-R-060', '并发审查');
    const v = ok(await call(clerk, 'POST', '/api/v1/review/batches', { unitCode: 'HBJ-SP', title: '并发', itemCodes: ['HBJ-R-060'] }), 201) as View;
    const id = v.batch.id;
    ok(await move(head, id, 'submit'));
    ok(await move(legal, id, 'take'));
    await passAll(id, item.id);
    const [passed, problem] = await Promise.all([
      move(legal, id, 'pass'),
      finding(legal, id, item.id, 'legality', { verdict: 'problem', problem: 'wrong_entry', comment: '刚发现的问题' }),
    ]);
    const after = await view(legal, id);
    if (passed.statusCode === 200) {
      assert.equal(problem.statusCode, 409, 'the finding came too late');
      assert.equal(after.batch.state, 'passed');
    } else {
      assert.equal(problem.statusCode, 200);
      assert.equal(after.batch.state, 'in_review', 'the problem blocked the pass');
    }
  });
});
