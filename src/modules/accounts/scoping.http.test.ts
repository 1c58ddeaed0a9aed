import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { FieldCipher } from '../../shared/field-crypto.ts';
import { forEachEngine } from '../../test/test-db.ts';
import { as, CLI_ACTOR, signIn, TEST_KEY, type Session, errorOf, type Reply, httpSuite } from '../../test/test-app.ts';

const PASSWORD = 'Sunlit@2026';
const COUNTY = '990101';

const codesOf = (res: Reply) => (res.json() as { items: { code: string }[] }).items.map((u) => u.code).sort();

forEachEngine('scoped roles and 三员分立 over HTTP', (engine) => {
  const suite = httpSuite(engine);

  // One session per login for the whole suite: grants are read afresh on every request, so a cached session sees
  // grants and revocations at once, and the login rate limit (per address, real time) is not spent.
  const sessions = new Map<string, Promise<Session>>();
  const sessionOf = (login: string): Promise<Session> => {
    if (!sessions.has(login)) sessions.set(login, signIn(suite.http, login));
    return sessions.get(login)!;
  };
  const get = async (login: string, url: string) => suite.http.inject({ method: 'GET', url, headers: as(await sessionOf(login)) });
  const post = async (login: string, url: string, payload?: object) =>
    suite.http.inject({ method: 'POST', url, headers: as(await sessionOf(login)), ...(payload === undefined ? {} : { payload }) });

  const unitOf = async (code: string) => {
    const unit = await suite.t.app.org.findUnitByCode(COUNTY, code);
    assert.ok(unit, `unit ${code} exists`);
    return unit;
  };
  const allUnits = () => suite.t.app.org.listUnits(CLI_ACTOR);

  let accountSeq = 0;
  /** A fresh business account (clerk on HBJ-SP unless told), so that granting to it disturbs no other test. */
  async function freshAccount(prefix: string, grant: { role: 'clerk' | 'head'; unitCode: string } = { role: 'clerk', unitCode: 'HBJ-SP' }) {
    accountSeq += 1;
    const login = `${prefix}.${accountSeq}`;
    const created = await suite.t.app.accounts.createAccount(CLI_ACTOR, { name: '测试用户', login, password: PASSWORD, unitCode: grant.unitCode }, [grant]);
    return { login, id: created.id };
  }

  /** The audit events about `entity`, checked to include `action` by `actor`. */
  async function assertAudited(entity: string, action: string, actor: string) {
    const events = await suite.t.app.audit.listByEntity(entity);
    const found = events.find((e) => e.action === action);
    assert.ok(found, `${action} on ${entity} is in the audit log (found: ${events.map((e) => e.action).join(', ') || 'nothing'})`);
    assert.equal(found.actor, actor);
    return JSON.parse(found.payload) as Record<string, unknown>;
  }

  describe('units by scope', () => {
    test('a clerk on HBJ-SP lists only HBJ-SP', async () => {
      const res = await get('hbj.clerk', '/api/v1/units');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(codesOf(res), ['HBJ-SP']);
    });

    test('a clerk reading a unit outside its scope gets 404 not_found, the same answer as for no unit at all', async () => {
      const outside = await get('hbj.clerk', `/api/v1/units/${(await unitOf('SLJ')).id}`);
      assert.equal(outside.statusCode, 404);
      assert.equal(errorOf(outside).code, 'not_found');
      const missing = await get('hbj.clerk', '/api/v1/units/00000000-0000-7000-8000-000000000000');
      assert.equal(missing.statusCode, 404);
      assert.deepEqual(outside.json(), missing.json(), 'existence does not leak');

      const own = await get('hbj.clerk', `/api/v1/units/${(await unitOf('HBJ-SP')).id}`);
      assert.equal(own.statusCode, 200);
      assert.equal(own.json().code, 'HBJ-SP');
      assert.equal(own.json().name, '行政审批股');
    });

    test('a clerk cannot read the parent of its own unit either', async () => {
      const res = await get('hbj.clerk', `/api/v1/units/${(await unitOf('HBJ')).id}`);
      assert.equal(res.statusCode, 404);
      assert.equal(errorOf(res).code, 'not_found');
    });

    test('a leader over HBJ, SLJ and ZJJ sees those three subtrees and nothing else', async () => {
      const roots = await Promise.all(['HBJ', 'SLJ', 'ZJJ'].map(unitOf));
      const expected = (await allUnits())
        .filter((u) => roots.some((r) => u.path.startsWith(r.path)))
        .map((u) => u.code)
        .sort();
      const res = await get('county.leader', '/api/v1/units');
      assert.equal(res.statusCode, 200);
      const seen = codesOf(res);
      assert.deepEqual(seen, expected);
      for (const code of ['HBJ', 'HBJ-SP', 'HBJ-JC', 'SLJ', 'SLJ-GC', 'SLJ-CW', 'ZJJ', 'ZJJ-SP', 'ZJJ-CJ']) assert.ok(seen.includes(code), code);
      for (const code of [COUNTY, 'JXJ', 'GAJ-HZ', 'DCZ', 'DCZ-DG', 'SJJ']) assert.ok(!seen.includes(code), `${code} is outside`);
      const outside = await get('county.leader', `/api/v1/units/${(await unitOf('JXJ')).id}`);
      assert.equal(outside.statusCode, 404);
    });

    test('the inspector sees every unit of the county', async () => {
      const res = await get('inspector', '/api/v1/units');
      assert.equal(res.statusCode, 200);
      const all = (await allUnits()).map((u) => u.code).sort();
      assert.ok(all.length >= 32, 'the county and the 31 demo units');
      assert.deepEqual(codesOf(res), all);
    });

    test('the auditor may not list units: 403 forbidden', async () => {
      const res = await get('auditor', '/api/v1/units');
      assert.equal(res.statusCode, 403);
      assert.equal(errorOf(res).code, 'forbidden');
    });
  });

  describe("the audit log is the auditor's alone", () => {
    test('the auditor reads the events and verifies the chain', async () => {
      const events = await get('auditor', '/api/v1/audit/events?limit=500');
      assert.equal(events.statusCode, 200);
      const body = events.json();
      assert.ok(body.items.length > 0);
      assert.equal(body.items[0].seq, 1);
      assert.equal(body.items[0].action, 'county.create');
      assert.equal(typeof body.head.hash, 'string');
      assert.ok(body.head.seq >= body.items.length);

      const verify = await get('auditor', '/api/v1/audit/verify');
      assert.equal(verify.statusCode, 200);
      assert.equal(verify.json().ok, true);
    });

    test('the system administrator, security administrator, inspector, heads and clerks get 403 on the audit log', async () => {
      for (const login of ['sysadmin', 'secadmin', 'inspector', 'hbj.head', 'hbj.clerk', 'zjj.clerk']) {
        for (const url of ['/api/v1/audit/events', '/api/v1/audit/verify']) {
          const res = await get(login, url);
          assert.equal(res.statusCode, 403, `${login} ${url}`);
          assert.equal(errorOf(res).code, 'forbidden');
        }
      }
    });

    test("each county's auditor reads its own county's events and the installation-wide ones, never another county's", async () => {
      const other = { kind: 'cli' as const, osUser: 'test', countyCode: '990102' };
      await suite.t.app.org.ensureCounty(other, '990102', '邻县');
      await suite.t.app.accounts.createAccount(other, { name: '邻县审计员', login: 'other.auditor', password: PASSWORD, unitCode: '990102' }, [
        { role: 'auditor', unitCode: '990102' },
      ]);
      const seen = async (login: string) => {
        const items: { payload: { county?: string } }[] = [];
        for (let after = 0; ;) {
          const page = (await get(login, `/api/v1/audit/events?afterSeq=${after}&limit=500`)).json() as {
            items: { seq: number; payload: { county?: string } }[];
          };
          items.push(...page.items);
          if (page.items.length < 500) return items;
          after = page.items[page.items.length - 1]!.seq;
        }
      };
      const ours = await seen('auditor');
      const theirs = await seen('other.auditor');
      assert.ok(ours.length > 0 && theirs.length > 0);
      assert.ok(
        ours.every((e) => e.payload.county === COUNTY || e.payload.county === undefined),
        'the demo auditor sees no 990102 event',
      );
      assert.ok(
        theirs.every((e) => e.payload.county === '990102' || e.payload.county === undefined),
        'the other auditor sees no 990101 event',
      );
      assert.ok(theirs.some((e) => e.payload.county === '990102'));
    });

    test('a percent-encoded path does not open the audit log to anyone but the auditor', async () => {
      // `/%61pi/v1/audit/events` is routed like `/api/v1/audit/events`, but the auth hooks test the raw URL.
      const clerk = await sessionOf('hbj.clerk');
      for (const url of ['/%61pi/v1/audit/events', '/%61pi/v1/audit/verify', '/api/v1/%61udit/events']) {
        for (const headers of [{}, as(clerk)]) {
          const res = await suite.http.inject({ method: 'GET', url, headers });
          assert.ok(
            [401, 403, 404].includes(res.statusCode),
            `${url} ${'cookie' in headers ? 'as hbj.clerk' : 'anonymously'} answered ${res.statusCode}: ${res.body.slice(0, 100)}`,
          );
          assert.doesNotMatch(res.body, /"items"|"headHash"/);
        }
      }
    });
  });

  describe('accounts and grants under 三员分立', () => {
    test('the system administrator creates accounts but may not grant roles', async () => {
      const res = await post('sysadmin', '/api/v1/accounts', { name: '新同事', login: 'sys.made', password: 'Abcdefghij1', unitCode: 'HBJ-JC' });
      assert.equal(res.statusCode, 201);
      assert.equal(res.json().login, 'sys.made');
      assert.deepEqual(res.json().grants, []);
      await assertAudited(`account:${res.json().id}`, 'account.create', 'user:sysadmin');

      const grant = await post('sysadmin', '/api/v1/grants', { login: 'sys.made', role: 'clerk', unitCode: 'HBJ-JC' });
      assert.equal(grant.statusCode, 403);
      assert.equal(errorOf(grant).code, 'forbidden');
      assert.deepEqual((await suite.t.app.accounts.getAccount(CLI_ACTOR, res.json().id)).grants, []);
    });

    test('the system administrator may not reset the password of, or disable, the security administrator or the auditor', async () => {
      const sys = await sessionOf('sysadmin');
      const accounts = (await suite.http.inject({ method: 'GET', url: '/api/v1/accounts', headers: as(sys) })).json().items as { id: string; login: string }[];
      for (const login of ['secadmin', 'auditor']) {
        const id = accounts.find((a) => a.login === login)!.id;
        const reset = await suite.http.inject({
          method: 'POST',
          url: `/api/v1/accounts/${id}/password-reset`,
          headers: as(sys),
          payload: { password: 'Taken-over-123' },
        });
        assert.equal(reset.statusCode, 403, login);
        const disable = await suite.http.inject({ method: 'POST', url: `/api/v1/accounts/${id}/disable`, headers: as(sys), payload: { reason: 'silence' } });
        assert.equal(disable.statusCode, 403, login);
        // The holder still signs in with the old password.
        assert.equal(
          (
            await suite.http.inject({
              method: 'POST',
              url: '/api/v1/auth/login',
              remoteAddress: `10.9.9.${login.length}`,
              payload: { login, password: 'Sunlit@2026' },
            })
          ).statusCode,
          200,
        );
      }
      const clerk = accounts.find((a) => a.login === 'dcz.clerk')!.id;
      const ok = await suite.http.inject({
        method: 'POST',
        url: `/api/v1/accounts/${clerk}/password-reset`,
        headers: as(sys),
        payload: { password: 'Reset-by-admin-1' },
      });
      assert.equal(ok.statusCode, 200, 'an ordinary account can be reset');
    });

    test('the security administrator grants roles but may not create accounts', async () => {
      const { login, id } = await freshAccount('grantee');
      const res = await post('secadmin', '/api/v1/grants', { login, role: 'clerk', unitCode: 'HBJ-JC' });
      assert.equal(res.statusCode, 201);
      const added = res.json().grants.find((g: { unit: { code: string } }) => g.unit.code === 'HBJ-JC');
      assert.ok(added, 'the new grant is listed');
      assert.equal(added.role, 'clerk');
      const payload = await assertAudited(`grant:${added.id}`, 'grant.create', 'user:secadmin');
      assert.equal(payload.account, id);

      const create = await post('secadmin', '/api/v1/accounts', { name: '新同事', login: 'sec.made', password: 'Abcdefghij1', unitCode: 'HBJ-JC' });
      assert.equal(create.statusCode, 403);
      assert.equal(errorOf(create).code, 'forbidden');
      assert.equal(await suite.t.app.db.kysely.selectFrom('account').select('id').where('login', '=', 'sec.made').executeTakeFirst(), undefined);
    });

    test('a security administrator over one department cannot grant to, or learn about, accounts outside it', async () => {
      await suite.t.app.accounts.createAccount(CLI_ACTOR, { name: '环保安全员', login: 'hbj.secadmin', password: PASSWORD, unitCode: 'HBJ' }, [
        { role: 'secadmin', unitCode: 'HBJ' },
      ]);
      const res = await post('hbj.secadmin', '/api/v1/grants', { login: 'zjj.clerk', role: 'clerk', unitCode: 'HBJ-JC' });
      assert.equal(res.statusCode, 404);
      assert.equal(errorOf(res).code, 'not_found');
      assert.ok(!res.body.includes('陈静'), 'no data about the account comes back');
      const unknown = await post('hbj.secadmin', '/api/v1/grants', { login: 'nobody.at.all', role: 'clerk', unitCode: 'HBJ-JC' });
      assert.equal(unknown.statusCode, 404, 'the same answer as for a login that does not exist');
    });

    test('a grant refused for 三员分立 is itself recorded in the audit log', async () => {
      const { login } = await freshAccount('refused');
      assert.equal((await post('secadmin', '/api/v1/grants', { login, role: 'auditor', unitCode: COUNTY })).statusCode, 409);
      const events = await suite.t.app.audit.listByEntity(`login:${login}`);
      assert.deepEqual(
        events.map((e) => [e.action, e.actor, JSON.parse(e.payload).role]),
        [['grant.refused', 'user:secadmin', 'auditor']],
      );
    });

    test('granting auditor to a clerk is refused: 409 grant.separation_of_duties', async () => {
      const before = (await get('hbj.clerk', '/api/v1/auth/me')).json().grants;
      const res = await post('secadmin', '/api/v1/grants', { login: 'hbj.clerk', role: 'auditor', unitCode: COUNTY });
      assert.equal(res.statusCode, 409);
      assert.equal(errorOf(res).code, 'grant.separation_of_duties');
      assert.deepEqual((await get('hbj.clerk', '/api/v1/auth/me')).json().grants, before);
    });

    test('granting a business role to the system administrator is refused: 409 grant.separation_of_duties', async () => {
      const res = await post('secadmin', '/api/v1/grants', { login: 'sysadmin', role: 'clerk', unitCode: 'HBJ-SP' });
      assert.equal(res.statusCode, 409);
      assert.equal(errorOf(res).code, 'grant.separation_of_duties');
      const grants = (await get('sysadmin', '/api/v1/auth/me')).json().grants;
      assert.deepEqual(
        grants.map((g: { role: string }) => g.role),
        ['sysadmin'],
      );
    });

    test('the security administrator cannot grant a role to itself', async () => {
      const res = await post('secadmin', '/api/v1/grants', { login: 'secadmin', role: 'secadmin', unitCode: 'HBJ' });
      assert.equal(res.statusCode, 409);
      assert.equal(errorOf(res).code, 'grant.separation_of_duties');
      const grants = (await get('secadmin', '/api/v1/auth/me')).json().grants;
      assert.deepEqual(
        grants.map((g: { role: string; unit: { code: string } }) => [g.role, g.unit.code]),
        [['secadmin', COUNTY]],
      );
    });

    test('a business account can receive a second business role', async () => {
      const { login } = await freshAccount('second');
      const res = await post('secadmin', '/api/v1/grants', { login, role: 'section_chief', unitCode: 'HBJ-JC' });
      assert.equal(res.statusCode, 201);
      const me = (await get(login, '/api/v1/auth/me')).json();
      assert.deepEqual(me.grants.map((g: { role: string; unit: { code: string } }) => [g.role, g.unit.code]).sort(), [
        ['clerk', 'HBJ-SP'],
        ['section_chief', 'HBJ-JC'],
      ]);
      assert.deepEqual(codesOf(await get(login, '/api/v1/units')), ['HBJ-JC', 'HBJ-SP']);
    });

    test("a revoked grant disappears from the holder's /auth/me at once", async () => {
      const { login } = await freshAccount('revokee');
      const granted = await post('secadmin', '/api/v1/grants', { login, role: 'clerk', unitCode: 'SLJ-GC' });
      assert.equal(granted.statusCode, 201);
      const grant = granted.json().grants.find((g: { unit: { code: string } }) => g.unit.code === 'SLJ-GC');
      assert.ok((await get(login, '/api/v1/auth/me')).json().grants.some((g: { id: string }) => g.id === grant.id));
      assert.ok(codesOf(await get(login, '/api/v1/units')).includes('SLJ-GC'));

      const sysadminTries = await post('sysadmin', `/api/v1/grants/${grant.id}/revoke`);
      assert.equal(sysadminTries.statusCode, 403, "revoking is the security administrator's");

      const res = await post('secadmin', `/api/v1/grants/${grant.id}/revoke`);
      assert.equal(res.statusCode, 204);
      const me = (await get(login, '/api/v1/auth/me')).json();
      assert.ok(!me.grants.some((g: { id: string }) => g.id === grant.id), 'the grant is gone');
      assert.deepEqual(
        me.grants.map((g: { role: string; unit: { code: string } }) => [g.role, g.unit.code]),
        [['clerk', 'HBJ-SP']],
      );
      assert.deepEqual(codesOf(await get(login, '/api/v1/units')), ['HBJ-SP'], 'and so is what it let the holder see');
      await assertAudited(`grant:${grant.id}`, 'grant.revoke', 'user:secadmin');

      const again = await post('secadmin', `/api/v1/grants/${grant.id}/revoke`);
      assert.equal(again.statusCode, 404);
    });
  });

  describe('organisation', () => {
    test('the system administrator adds a section under HBJ, and the head of HBJ then sees it', async () => {
      const res = await post('sysadmin', '/api/v1/units', { code: 'HBJ-FG', name: '法规宣教股', type: 'section', parentCode: 'HBJ' });
      assert.equal(res.statusCode, 201);
      const unit = res.json();
      assert.equal(unit.code, 'HBJ-FG');
      assert.equal(unit.parentId, (await unitOf('HBJ')).id);
      assert.equal(unit.status, 'active');
      assert.ok(codesOf(await get('hbj.head', '/api/v1/units')).includes('HBJ-FG'));
      assert.equal((await get('hbj.head', `/api/v1/units/${unit.id}`)).statusCode, 200);
      assert.ok(!codesOf(await get('zjj.head', '/api/v1/units')).includes('HBJ-FG'));
      assert.ok(!codesOf(await get('hbj.clerk', '/api/v1/units')).includes('HBJ-FG'));
      const payload = await assertAudited(`unit:${unit.id}`, 'unit.create', 'user:sysadmin');
      assert.equal(payload.parent, 'HBJ');
    });

    test('a clerk or a head may not add units: 403', async () => {
      for (const login of ['hbj.clerk', 'hbj.head']) {
        const res = await post(login, '/api/v1/units', { code: `X-${login.replace('.', '-')}`, name: '不该有的股', type: 'section', parentCode: 'HBJ' });
        assert.equal(res.statusCode, 403, login);
        assert.equal(errorOf(res).code, 'forbidden');
      }
      assert.equal(await suite.t.app.org.findUnitByCode(COUNTY, 'X-hbj-clerk'), undefined);
    });

    test('an abolished unit stays readable, with status abolished and its end date', async () => {
      const created = await post('sysadmin', '/api/v1/units', { code: 'SLJ-LS', name: '临时股', type: 'section', parentCode: 'SLJ' });
      assert.equal(created.statusCode, 201);
      const id = created.json().id;

      const noReason = await post('sysadmin', `/api/v1/units/${id}/end`, {});
      assert.equal(noReason.statusCode, 400);
      const byLeader = await post('county.leader', `/api/v1/units/${id}/end`, { reason: '机构改革' });
      assert.equal(byLeader.statusCode, 403);

      const ended = await post('sysadmin', `/api/v1/units/${id}/end`, { reason: '机构改革' });
      assert.equal(ended.statusCode, 200);
      const today = new Date(suite.t.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
      for (const unit of [ended.json(), (await get('sysadmin', `/api/v1/units/${id}`)).json(), (await get('county.leader', `/api/v1/units/${id}`)).json()]) {
        assert.equal(unit.code, 'SLJ-LS');
        assert.equal(unit.status, 'abolished');
        assert.equal(unit.effectiveTo, today);
        assert.equal(unit.statusReason, '机构改革');
      }
      const listed = (await get('county.leader', '/api/v1/units')).json().items.find((u: { id: string }) => u.id === id);
      assert.equal(listed?.status, 'abolished', 'it is still listed');
      await assertAudited(`unit:${id}`, 'unit.abolish', 'user:sysadmin');

      const twice = await post('sysadmin', `/api/v1/units/${id}/end`, { reason: '再次撤销' });
      assert.equal(twice.statusCode, 409);
      assert.equal(errorOf(twice).code, 'conflict');
    });
  });

  describe('merging units', () => {
    test('a unit merges only into an active unit of the same type, and stays readable as merged', async () => {
      const a = (await post('sysadmin', '/api/v1/units', { code: 'ZRJ-A', name: '甲股', type: 'section', parentCode: 'ZRJ' })).json();
      const b = (await post('sysadmin', '/api/v1/units', { code: 'ZRJ-B', name: '乙股', type: 'section', parentCode: 'ZRJ' })).json();
      const village = await unitOf('DCZ-DG');
      const wrongType = await post('sysadmin', `/api/v1/units/${a.id}/end`, { reason: '合并', mergeIntoId: village.id });
      assert.equal(wrongType.statusCode, 400);
      assert.equal(errorOf(wrongType).code, 'validation');
      const self = await post('sysadmin', `/api/v1/units/${a.id}/end`, { reason: '合并', mergeIntoId: a.id });
      assert.equal(self.statusCode, 400);
      const merged = await post('sysadmin', `/api/v1/units/${a.id}/end`, { reason: '职能整合', mergeIntoId: b.id });
      assert.equal(merged.statusCode, 200);
      assert.deepEqual([merged.json().status, merged.json().mergedIntoId], ['merged', b.id]);
    });
  });

  describe('alerts', () => {
    let alertSeq = 0;
    async function openAlert(unitCode: string) {
      alertSeq += 1;
      const unitId = (await unitOf(unitCode)).id;
      const subject = `测试预警 ${alertSeq}：办件超期`;
      return suite.t.app.db.kysely
        .transaction()
        .execute((trx) => suite.t.app.alerts.open(trx, CLI_ACTOR, COUNTY, { kind: 'case.overdue', severity: 'high', subject, unitId }));
    }
    const alertIds = async (login: string, status = 'all') => {
      const res = await get(login, `/api/v1/alerts?status=${status}`);
      assert.equal(res.statusCode, 200, `${login} lists alerts`);
      return (res.json() as { items: { id: string }[] }).items.map((a) => a.id);
    };

    test('an alert on HBJ is seen by the inspector and the head of HBJ, not by the head of ZJJ', async () => {
      const alert = await openAlert('HBJ');
      const inspector = await get('inspector', '/api/v1/alerts');
      assert.equal(inspector.statusCode, 200);
      const seen = inspector.json().items.find((a: { id: string }) => a.id === alert.id);
      assert.ok(seen, 'the inspector sees it');
      assert.equal(seen.kind, 'case.overdue');
      assert.deepEqual(seen.kindLabel, { zh: '办件超期', en: 'Case overdue' });
      assert.equal(seen.unit.code, 'HBJ');
      assert.equal(seen.closedAt, null);
      assert.ok((await alertIds('hbj.head')).includes(alert.id), 'the head of HBJ sees it');
      assert.ok((await alertIds('county.leader')).includes(alert.id), 'the leader over HBJ sees it');
      assert.ok(!(await alertIds('zjj.head')).includes(alert.id), 'the head of ZJJ does not');
    });

    test('a clerk may not read alerts: 403 forbidden', async () => {
      await openAlert('HBJ-SP');
      for (const login of ['hbj.clerk', 'auditor']) {
        const res = await get(login, '/api/v1/alerts');
        assert.equal(res.statusCode, 403, login);
        assert.equal(errorOf(res).code, 'forbidden');
      }
    });

    test('the inspector closes an alert with an outcome; closing it again is 409', async () => {
      const alert = await openAlert('HBJ');
      const res = await post('inspector', `/api/v1/alerts/${alert.id}/close`, { outcome: '已核实，责令限期办结' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().outcome, '已核实，责令限期办结');
      assert.equal(res.json().closedBy, 'user:inspector');
      assert.equal(res.json().closedAt, suite.t.clock.now().toISOString());
      assert.ok(!(await alertIds('inspector', 'open')).includes(alert.id));
      assert.ok((await alertIds('inspector', 'closed')).includes(alert.id));
      const payload = await assertAudited(`alert:${alert.id}`, 'alert.close', 'user:inspector');
      assert.equal(payload.outcome, '已核实，责令限期办结');

      const twice = await post('inspector', `/api/v1/alerts/${alert.id}/close`, { outcome: '再次处理' });
      assert.equal(twice.statusCode, 409);
      assert.equal(errorOf(twice).code, 'conflict');
    });

    test('a head may not close an alert, even on its own unit: 403', async () => {
      const alert = await openAlert('HBJ');
      const res = await post('hbj.head', `/api/v1/alerts/${alert.id}/close`, { outcome: '自行处理' });
      assert.equal(res.statusCode, 403);
      assert.equal(errorOf(res).code, 'forbidden');
      assert.ok((await alertIds('inspector', 'open')).includes(alert.id), 'the alert stays open');
      assert.ok(!(await suite.t.app.audit.listByEntity(`alert:${alert.id}`)).some((e) => e.action === 'alert.close'));
    });
  });

  describe('personal data', () => {
    test("a new account's phone and identity number are kept encrypted: never in clear in person rows or audit events", async () => {
      const phone = '13812345678';
      const idNumber = '11010519491231002X';
      const res = await post('sysadmin', '/api/v1/accounts', {
        name: '钱多多',
        login: 'pii.person',
        password: 'Abcdefghij1',
        unitCode: 'MZJ-JZ',
        phone,
        idNumber,
      });
      assert.equal(res.statusCode, 201);
      assert.ok(!res.body.includes(phone) && !res.body.includes(idNumber), 'not echoed back either');

      const persons = (await sql<Record<string, unknown>>`select * from person`.execute(suite.t.app.db.kysely)).rows;
      assert.ok(persons.length > 0);
      for (const row of persons) {
        const text = JSON.stringify(row);
        assert.ok(!text.includes(phone), 'no person row holds the phone number in clear');
        assert.ok(!text.includes(idNumber) && !text.includes(idNumber.toLowerCase()), 'no person row holds the identity number in clear');
      }
      // The data was kept, though, and can be read back with the key.
      const mine = (
        await sql<{
          phone_enc: string;
          id_number_enc: string;
        }>`select p.phone_enc, p.id_number_enc from person p join account a on a.person_id = p.id where a.login = ${'pii.person'}`.execute(
          suite.t.app.db.kysely,
        )
      ).rows[0];
      assert.ok(mine);
      const cipher = new FieldCipher(TEST_KEY);
      assert.equal(cipher.decrypt(mine.phone_enc), phone);
      assert.equal(cipher.decrypt(mine.id_number_enc), idNumber);

      const events = (await sql<{ seq: number; payload: string }>`select seq, payload from audit_event`.execute(suite.t.app.db.kysely)).rows;
      assert.ok(events.length > 0);
      for (const e of events) {
        const text = typeof e.payload === 'string' ? e.payload : JSON.stringify(e.payload);
        assert.ok(!text.includes(phone) && !text.includes(idNumber), `audit event ${e.seq} holds no personal number`);
      }
      const created = await assertAudited(`account:${res.json().id}`, 'account.create', 'user:sysadmin');
      assert.equal(created.phoneGiven, true);
      assert.equal(created.idNumberGiven, true);
    });
  });
});
