import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { forEachEngine } from '../../test/test-db.ts';
import { as, CLI_ACTOR, createTestServer, createTestSunlit, signIn, type Session, errorOf, type Reply, httpSuite } from '../../test/test-app.ts';

const PASSWORD = 'Sunlit@2026';
const LOGIN = '/api/v1/auth/login';
const ME = '/api/v1/auth/me';
const LOGOUT = '/api/v1/auth/logout';
const MINUTE = 60_000;

forEachEngine('auth over HTTP', (engine) => {
  const suite = httpSuite(engine);

  // The login route is rate limited per client address (in real time, whatever the test clock says): attempts that
  // are not about the limit each come from their own address, so the tests do not spend each other's allowance.
  let ipSeq = 0;
  const nextIp = () => {
    ipSeq += 1;
    return `10.20.${ipSeq >> 8}.${ipSeq & 255}`;
  };
  const attempt = (login: string, password: string, options: { ip?: string; headers?: Record<string, string> } = {}) =>
    suite.http.inject({ method: 'POST', url: LOGIN, remoteAddress: options.ip ?? nextIp(), headers: options.headers ?? {}, payload: { login, password } });
  const me = (cookie: string, headers: Record<string, string> = {}) => suite.http.inject({ method: 'GET', url: ME, headers: { cookie, ...headers } });

  /** A fresh clerk on HBJ-SP, so that locking, disabling or re-passwording it disturbs no other test. */
  let accountSeq = 0;
  async function freshAccount(prefix: string): Promise<{ login: string; id: string }> {
    accountSeq += 1;
    const login = `${prefix}.${accountSeq}`;
    const created = await suite.t.app.accounts.createAccount(CLI_ACTOR, { name: '测试用户', login, password: PASSWORD, unitCode: 'HBJ-SP' }, [
      { role: 'clerk', unitCode: 'HBJ-SP' },
    ]);
    return { login, id: created.id };
  }

  /** Five wrong passwords in a row; returns the answer to the fifth. */
  async function lockOut(login: string): Promise<Reply> {
    for (let i = 1; i <= 4; i++) assert.equal((await attempt(login, `Wrong-password-${i}`)).statusCode, 401, `failed attempt ${i}`);
    return attempt(login, 'Wrong-password-5');
  }

  const accountRow = (id: string) => suite.t.app.db.kysely.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  describe('login and /auth/me', () => {
    test('login answers Me: the account, its grants with role labels, and a CSRF token', async () => {
      const res = await attempt('hbj.clerk', PASSWORD);
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.account.login, 'hbj.clerk');
      assert.equal(body.account.name, '王芳');
      assert.deepEqual(body.account.county, { code: '990101', name: '示范县' });
      assert.equal(body.grants.length, 1);
      assert.equal(body.grants[0].role, 'clerk');
      assert.deepEqual(body.grants[0].roleLabel, { zh: '承办人', en: 'Clerk' });
      assert.equal(body.grants[0].unit.code, 'HBJ-SP');
      assert.equal(typeof body.csrfToken, 'string');
      assert.ok(body.csrfToken.length >= 32, 'the CSRF token is long enough not to be guessed');
      assert.doesNotMatch(res.body, /scrypt|password/i, 'nothing about the password is sent back');
    });

    test('login sets the session cookie HttpOnly and SameSite=Strict', async () => {
      const res = await attempt('hbj.chief', PASSWORD);
      assert.equal(res.statusCode, 200);
      const cookie = res.cookies.find((c) => c.name === 'sunlit_session');
      assert.ok(cookie, 'a sunlit_session cookie is set');
      assert.ok(cookie.value.length >= 32);
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Strict');
      assert.equal(cookie.path, '/');
      const header = [res.headers['set-cookie']].flat().join('\n');
      assert.match(header, /HttpOnly/);
      assert.match(header, /SameSite=Strict/);
      assert.doesNotMatch(res.body, new RegExp(cookie.value), 'the session token stays out of reach of scripts');
    });

    test('/auth/me with the session cookie answers the same Me as the login', async () => {
      const session = await signIn(suite.http, 'hbj.head');
      const res = await me(session.cookie);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), session.me);
    });

    test('/auth/me without a session, or with an unknown one, is 401 auth.required', async () => {
      const none = await suite.http.inject({ method: 'GET', url: ME });
      assert.equal(none.statusCode, 401);
      assert.equal(errorOf(none).code, 'auth.required');
      const forged = await me('sunlit_session=not-a-real-session-token-at-all-0123456789');
      assert.equal(forged.statusCode, 401);
      assert.equal(errorOf(forged).code, 'auth.required');
    });

    test('a wrong password is 401 auth.invalid_credentials and sets no cookie', async () => {
      const res = await attempt('zjj.head', 'Not-the-password-1');
      assert.equal(res.statusCode, 401);
      assert.equal(errorOf(res).code, 'auth.invalid_credentials');
      assert.equal(
        res.cookies.find((c) => c.name === 'sunlit_session'),
        undefined,
      );
    });

    test('an unknown login is 401 with the same code and message as a wrong password', async () => {
      const unknown = await attempt('no.such.person', PASSWORD);
      const wrong = await attempt('zjj.head', 'Not-the-password-2');
      assert.equal(unknown.statusCode, 401);
      assert.deepEqual(errorOf(unknown), errorOf(wrong));
      assert.equal(errorOf(unknown).code, 'auth.invalid_credentials');
    });
  });

  describe('lockout', () => {
    test('the fifth failed login in a row locks the account: 423 auth.locked with lockedUntil 15 minutes on', async () => {
      const { login } = await freshAccount('lock');
      const fifth = await lockOut(login);
      assert.equal(fifth.statusCode, 423);
      const error = errorOf(fifth);
      assert.equal(error.code, 'auth.locked');
      assert.equal(error.details.lockedUntil, new Date(suite.t.clock.now().getTime() + 15 * MINUTE).toISOString());
    });

    test('while locked even the right password is refused with 423', async () => {
      const { login } = await freshAccount('lock');
      const lockedUntil = errorOf(await lockOut(login)).details.lockedUntil;
      suite.t.clock.advance(MINUTE);
      const res = await attempt(login, PASSWORD);
      assert.equal(res.statusCode, 423);
      assert.equal(errorOf(res).code, 'auth.locked');
      assert.equal(errorOf(res).details.lockedUntil, lockedUntil, 'the right password does not extend or lift the lock');
      assert.equal(
        res.cookies.find((c) => c.name === 'sunlit_session'),
        undefined,
      );
    });

    test('the lock lifts by itself 15 minutes after it was set', async () => {
      const { login } = await freshAccount('lock');
      assert.equal((await lockOut(login)).statusCode, 423);
      suite.t.clock.advance(15 * MINUTE - 1000);
      assert.equal((await attempt(login, PASSWORD)).statusCode, 423, 'still locked a second before the 15 minutes are up');
      suite.t.clock.advance(1000);
      const res = await attempt(login, PASSWORD);
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().account.login, login);
    });

    test('a successful login resets the count of failed logins', async () => {
      const { login } = await freshAccount('lock');
      for (let i = 1; i <= 4; i++) assert.equal((await attempt(login, `Wrong-password-${i}`)).statusCode, 401);
      assert.equal((await attempt(login, PASSWORD)).statusCode, 200);
      // Were the four earlier failures still counted, the next one would lock the account.
      for (let i = 1; i <= 4; i++) assert.equal((await attempt(login, `Wrong-password-${i}`)).statusCode, 401, `failure ${i} after the success`);
      assert.equal((await attempt(login, PASSWORD)).statusCode, 200);
    });

    test('the system administrator unlocks a locked account at once (and only the system administrator)', async () => {
      const { login, id } = await freshAccount('lock');
      assert.equal((await lockOut(login)).statusCode, 423);
      const secadmin = await signIn(suite.http, 'secadmin');
      const refused = await suite.http.inject({ method: 'POST', url: `/api/v1/accounts/${id}/unlock`, headers: as(secadmin) });
      assert.equal(refused.statusCode, 403);
      assert.equal(errorOf(refused).code, 'forbidden');
      assert.equal((await attempt(login, PASSWORD)).statusCode, 423);

      const sysadmin = await signIn(suite.http, 'sysadmin');
      const res = await suite.http.inject({ method: 'POST', url: `/api/v1/accounts/${id}/unlock`, headers: as(sysadmin) });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().lockedUntil, null);
      assert.equal((await attempt(login, PASSWORD)).statusCode, 200);
      const events = await suite.t.app.audit.listByEntity(`account:${id}`);
      assert.ok(
        events.some((e) => e.action === 'account.unlock' && e.actor === 'user:sysadmin'),
        'the unlock is in the audit log',
      );
      assert.ok(
        events.some((e) => e.action === 'auth.locked'),
        'so is the lock',
      );
    });
  });

  describe('sessions', () => {
    test('a session idle for 31 minutes has ended: /auth/me answers 401 auth.required', async () => {
      const { login } = await freshAccount('idle');
      const session = await signIn(suite.http, login);
      assert.equal((await me(session.cookie)).statusCode, 200);
      suite.t.clock.advance(31 * MINUTE);
      const res = await me(session.cookie);
      assert.equal(res.statusCode, 401);
      assert.equal(errorOf(res).code, 'auth.required');
      suite.t.clock.advance(MINUTE);
      assert.equal((await me(session.cookie)).statusCode, 401, 'an ended session does not come back');
    });

    test('a request every 20 minutes keeps the session alive well past 30 minutes', async () => {
      const { login } = await freshAccount('idle');
      const session = await signIn(suite.http, login);
      for (let i = 1; i <= 4; i++) {
        suite.t.clock.advance(20 * MINUTE);
        const res = await me(session.cookie);
        assert.equal(res.statusCode, 200, `request after ${i * 20} minutes`);
      }
    });

    test('logout ends the session: the cookie is cleared and no longer works', async () => {
      const { login } = await freshAccount('out');
      const session = await signIn(suite.http, login);
      const res = await suite.http.inject({ method: 'POST', url: LOGOUT, headers: as(session) });
      assert.equal(res.statusCode, 204);
      const cleared = res.cookies.find((c) => c.name === 'sunlit_session');
      assert.ok(cleared, 'the cookie is overwritten');
      assert.equal(cleared.value, '');
      assert.equal(cleared.maxAge, 0);
      const after = await me(session.cookie);
      assert.equal(after.statusCode, 401);
      assert.equal(errorOf(after).code, 'auth.required');
    });

    test('a disabled account cannot log in, and its open sessions end', async () => {
      const { login, id } = await freshAccount('off');
      const session = await signIn(suite.http, login);
      const sysadmin = await signIn(suite.http, 'sysadmin');

      const noReason = await suite.http.inject({ method: 'POST', url: `/api/v1/accounts/${id}/disable`, headers: as(sysadmin), payload: {} });
      assert.equal(noReason.statusCode, 400, 'a reason is required');
      assert.equal((await me(session.cookie)).statusCode, 200);

      const res = await suite.http.inject({ method: 'POST', url: `/api/v1/accounts/${id}/disable`, headers: as(sysadmin), payload: { reason: '调离本单位' } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().status, 'disabled');

      const old = await me(session.cookie);
      assert.equal(old.statusCode, 401);
      assert.equal(errorOf(old).code, 'auth.required');
      const again = await attempt(login, PASSWORD);
      assert.equal(again.statusCode, 403);
      assert.equal(errorOf(again).code, 'auth.disabled');
      assert.equal(
        again.cookies.find((c) => c.name === 'sunlit_session'),
        undefined,
      );

      const events = await suite.t.app.audit.listByEntity(`account:${id}`);
      const disable = events.find((e) => e.action === 'account.disable');
      assert.ok(disable, 'the disabling is in the audit log');
      assert.equal(disable.actor, 'user:sysadmin');
      assert.equal(JSON.parse(disable.payload).reason, '调离本单位');
    });
  });

  describe('CSRF and Origin', () => {
    /** A signed-in session of its own account, so that the writes below (logout) end nothing another test uses. */
    const ownSession = async () => signIn(suite.http, (await freshAccount('csrf')).login);
    const logout = (session: Session, headers: Record<string, string>) =>
      suite.http.inject({ method: 'POST', url: LOGOUT, headers: { cookie: session.cookie, ...headers } });
    /** The same length as the real token, one character different. */
    const tamper = (token: string, c: string) => (token[0] === c ? 'A' : c) + token.slice(1);

    test('a write with the session cookie but no X-CSRF-Token is 403 auth.csrf', async () => {
      const session = await ownSession();
      const res = await logout(session, {});
      assert.equal(res.statusCode, 403);
      assert.equal(errorOf(res).code, 'auth.csrf');
      assert.equal((await me(session.cookie)).statusCode, 200, 'the refused logout did not happen');
    });

    test("a write with a wrong X-CSRF-Token, or another session's, is 403 auth.csrf", async () => {
      const session = await ownSession();
      const other = await ownSession();
      for (const token of ['', 'wrong', tamper(session.csrf, 'x'), other.csrf]) {
        const res = await logout(session, { 'x-csrf-token': token });
        assert.equal(res.statusCode, 403, `token ${JSON.stringify(token)}`);
        assert.equal(errorOf(res).code, 'auth.csrf');
      }
      assert.equal((await me(session.cookie)).statusCode, 200);
    });

    test('a wrong X-CSRF-Token holding a non-ASCII character is 403 auth.csrf, not a server error', async () => {
      // Same length in characters as the real token, longer in bytes.
      const session = await ownSession();
      const res = await logout(session, { 'x-csrf-token': tamper(session.csrf, 'é') });
      assert.equal(res.statusCode, 403);
      assert.equal(errorOf(res).code, 'auth.csrf');
    });

    test('a write with the right X-CSRF-Token succeeds', async () => {
      const session = await ownSession();
      const res = await logout(session, { 'x-csrf-token': session.csrf });
      assert.equal(res.statusCode, 204);
      assert.equal((await me(session.cookie)).statusCode, 401);
    });

    test('login from a foreign Origin is 403 auth.origin and opens no session', async () => {
      const res = await attempt('zjj.clerk', PASSWORD, { headers: { origin: 'http://evil.example' } });
      assert.equal(res.statusCode, 403);
      assert.equal(errorOf(res).code, 'auth.origin');
      assert.equal(
        res.cookies.find((c) => c.name === 'sunlit_session'),
        undefined,
      );
    });

    test('login with an Origin equal to the Host the server is reached at is accepted, whatever that host is', async () => {
      for (const host of ['localhost:3000', '10.1.2.3:8080']) {
        const res = await attempt('zjj.clerk', PASSWORD, { headers: { host, origin: `http://${host}` } });
        assert.equal(res.statusCode, 200, `reached as ${host}`);
        assert.ok(res.cookies.find((c) => c.name === 'sunlit_session'));
      }
    });

    test('login with an Origin naming another port or host than the Host header is refused', async () => {
      for (const origin of ['http://localhost:3001', 'http://10.1.2.3:8080', 'https://localhost:3000', 'null']) {
        const res = await attempt('zjj.clerk', PASSWORD, { headers: { host: 'localhost:3000', origin } });
        assert.equal(res.statusCode, 403, `Origin ${origin}`);
        assert.equal(errorOf(res).code, 'auth.origin');
      }
    });

    test('a percent-encoded path does not get a foreign-Origin login past the Origin check', async () => {
      // `/%61pi/…` is routed as `/api/…`, but the auth hooks test the raw URL with startsWith('/api/').
      const res = await suite.http.inject({
        method: 'POST',
        url: '/%61pi/v1/auth/login',
        remoteAddress: nextIp(),
        headers: { origin: 'http://evil.example' },
        payload: { login: 'zjj.clerk', password: PASSWORD },
      });
      assert.notEqual(res.statusCode, 200, `answered ${res.statusCode}: ${res.body.slice(0, 120)}`);
      assert.equal(
        res.cookies.find((c) => c.name === 'sunlit_session'),
        undefined,
        'no session is opened',
      );
    });
  });

  describe('login rate limit', () => {
    test('20 login attempts within a minute from one address are all answered by the application', async () => {
      const ip = '192.0.2.20';
      for (let i = 1; i <= 20; i++) {
        const res = await attempt('no.such.person', `Wrong-password-${i}`, { ip });
        assert.ok([401, 423].includes(res.statusCode), `attempt ${i} answered ${res.statusCode}`);
        assert.equal(errorOf(res).code, 'auth.invalid_credentials');
      }
    });

    test('a burst of 40 attempts from one address is cut off with 429 rate_limited; other addresses are unaffected', async () => {
      const ip = '192.0.2.40';
      const statuses: number[] = [];
      let limited: Reply | undefined;
      for (let i = 1; i <= 40; i++) {
        const res = await attempt('no.such.person', `Wrong-password-${i}`, { ip });
        statuses.push(res.statusCode);
        if (res.statusCode === 429) limited ??= res;
      }
      assert.ok(
        statuses.slice(0, 20).every((s) => s === 401),
        `the first 20 are answered: ${statuses.join(',')}`,
      );
      assert.ok(limited, `some of the 40 are refused: ${statuses.join(',')}`);
      assert.equal(errorOf(limited).code, 'rate_limited');
      assert.equal(statuses[statuses.length - 1], 429, 'once limited, the address stays limited within the minute');
      assert.equal((await attempt('zjj.clerk', PASSWORD)).statusCode, 200, 'another address still logs in');
    });
  });

  describe('passwords', () => {
    const newAccount = async (sysadmin: Session, login: string, password: string) =>
      suite.http.inject({ method: 'POST', url: '/api/v1/accounts', headers: as(sysadmin), payload: { name: '新同事', login, password, unitCode: 'HBJ-SP' } });

    test('an account password shorter than 10 characters or of fewer than 3 kinds is 400 auth.password_policy', async () => {
      const sysadmin = await signIn(suite.http, 'sysadmin');
      const short = await newAccount(sysadmin, 'policy.short', 'short');
      assert.equal(short.statusCode, 400);
      assert.equal(errorOf(short).code, 'auth.password_policy');
      assert.ok((errorOf(short).details.problems as string[]).includes('too_short'));
      const oneKind = await newAccount(sysadmin, 'policy.lower', 'alllowercaseletters');
      assert.equal(oneKind.statusCode, 400);
      assert.equal(errorOf(oneKind).code, 'auth.password_policy');
      assert.deepEqual(errorOf(oneKind).details.problems, ['too_few_classes']);
      const logins = await suite.t.app.db.kysely.selectFrom('account').select('login').where('login', 'in', ['policy.short', 'policy.lower']).execute();
      assert.deepEqual(logins, [], 'no account was created');
    });

    test('a password of 10+ characters from 3 kinds is accepted: 201, and it logs in', async () => {
      const sysadmin = await signIn(suite.http, 'sysadmin');
      const res = await newAccount(sysadmin, 'policy.ok', 'Abcdefghij1');
      assert.equal(res.statusCode, 201);
      assert.equal(res.json().login, 'policy.ok');
      assert.equal(res.json().status, 'active');
      assert.equal((await attempt('policy.ok', 'Abcdefghij1')).statusCode, 200);
    });

    test("changing one's own password requires the current one", async () => {
      const { login } = await freshAccount('pw');
      const session = await signIn(suite.http, login);
      const change = (body: object) => suite.http.inject({ method: 'POST', url: '/api/v1/auth/password', headers: as(session), payload: body });

      const wrong = await change({ currentPassword: 'Not-the-password-1', newPassword: 'Brand-new-pass-1' });
      assert.equal(wrong.statusCode, 401);
      assert.equal(errorOf(wrong).code, 'auth.invalid_credentials');
      assert.equal((await attempt(login, 'Brand-new-pass-1')).statusCode, 401, 'the password did not change');

      const missing = await change({ newPassword: 'Brand-new-pass-1' });
      assert.equal(missing.statusCode, 400);
      assert.equal(errorOf(missing).code, 'validation');

      const ok = await change({ currentPassword: PASSWORD, newPassword: 'Brand-new-pass-1' });
      assert.equal(ok.statusCode, 204);
      assert.equal((await me(session.cookie)).statusCode, 401, 'the session ends with the change');
      assert.equal((await attempt(login, PASSWORD)).statusCode, 401, 'the old password no longer works');
      assert.equal((await attempt(login, 'Brand-new-pass-1')).statusCode, 200, 'the new one does');
    });

    test("wrong current passwords when changing one's password count towards the lockout and end the session", async () => {
      const { login } = await freshAccount('pwguess');
      const session = await signIn(suite.http, login);
      const guess = (i: number) =>
        suite.http.inject({
          method: 'POST',
          url: '/api/v1/auth/password',
          headers: as(session),
          payload: { currentPassword: `Guess-number-${i}`, newPassword: 'Brand-new-pass-1' },
        });
      for (let i = 1; i <= 4; i++) assert.equal((await guess(i)).statusCode, 401, `guess ${i}`);
      const fifth = await guess(5);
      assert.equal(fifth.statusCode, 423);
      assert.equal(errorOf(fifth).code, 'auth.locked');
      assert.equal((await me(session.cookie)).statusCode, 401, 'the lock ends the session that was guessing');
      assert.equal((await attempt(login, PASSWORD)).statusCode, 423, 'the account is locked for the right password too');
    });

    test('a new own password must meet the policy too', async () => {
      const { login, id } = await freshAccount('pw');
      const session = await signIn(suite.http, login);
      const before = (await accountRow(id)).password_hash;
      const res = await suite.http.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: as(session),
        payload: { currentPassword: PASSWORD, newPassword: 'short' },
      });
      assert.equal(res.statusCode, 400);
      assert.equal(errorOf(res).code, 'auth.password_policy');
      assert.equal((await accountRow(id)).password_hash, before);
      assert.equal((await me(session.cookie)).statusCode, 200);
    });
  });

  describe('errors and headers', () => {
    test('without a session, bad input to a signed-in route is 401 auth.required, not a validation answer', async () => {
      const res = await suite.http.inject({ method: 'GET', url: '/api/v1/units/not-a-uuid' });
      assert.equal(res.statusCode, 401);
      assert.equal(errorOf(res).code, 'auth.required');
    });

    test('a validation error names each missing and each unknown field', async () => {
      const login = await suite.http.inject({ method: 'POST', url: LOGIN, remoteAddress: nextIp(), payload: { login: 'hbj.clerk', remember: true } });
      assert.equal(login.statusCode, 400);
      const body = login.json();
      assert.deepEqual(Object.keys(body), ['error']);
      assert.deepEqual(Object.keys(body.error).sort(), ['code', 'details', 'message']);
      assert.equal(body.error.code, 'validation');
      assert.equal(typeof body.error.message, 'string');
      assert.deepEqual(Object.keys(body.error.details.fields).sort(), ['body.password', 'body.remember']);
      assert.equal(body.error.details.fields['body.remember'], 'is not allowed');

      const sysadmin = await signIn(suite.http, 'sysadmin');
      const account = await suite.http.inject({
        method: 'POST',
        url: '/api/v1/accounts',
        headers: as(sysadmin),
        payload: { login: 'v', password: 'Abcdefghij1', unitCode: 'HBJ-SP', role: 'clerk' },
      });
      assert.equal(account.statusCode, 400);
      const error = errorOf(account);
      assert.equal(error.code, 'validation');
      assert.deepEqual(Object.keys(error.details.fields as object).sort(), ['body.login', 'body.name', 'body.role']);
    });

    test('messages are in Chinese by default and in English for Accept-Language: en', async () => {
      const ask = (headers: Record<string, string>) => attempt('no.such.person', 'Wrong-password-1', { headers });
      assert.equal(errorOf(await ask({})).message, '登录名或密码错误');
      assert.equal(errorOf(await ask({ 'accept-language': 'en' })).message, 'Wrong login or password');
      assert.equal(errorOf(await ask({ 'accept-language': 'en-US,en;q=0.9' })).message, 'Wrong login or password');
      assert.equal(errorOf(await ask({ 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' })).message, '登录名或密码错误');
      const validation = await suite.http.inject({ method: 'POST', url: LOGIN, remoteAddress: nextIp(), headers: { 'accept-language': 'en' }, payload: {} });
      assert.equal(errorOf(validation).message, 'Some fields are not valid');
      const required = await suite.http.inject({ method: 'GET', url: ME, headers: { 'accept-language': 'en' } });
      assert.equal(errorOf(required).message, 'Please sign in');
    });

    test('no response body carries a stack trace or a file path', async () => {
      const session = await signIn(suite.http, 'hbj.clerk');
      const responses: Reply[] = [
        await suite.http.inject({
          method: 'POST',
          url: LOGIN,
          remoteAddress: nextIp(),
          headers: { 'content-type': 'application/json' },
          payload: '{"login": ',
        }),
        await suite.http.inject({ method: 'POST', url: LOGIN, remoteAddress: nextIp(), headers: { 'content-type': 'text/plain' }, payload: 'login=x' }),
        await suite.http.inject({ method: 'POST', url: LOGIN, remoteAddress: nextIp(), payload: { login: 1, password: [] } }),
        await suite.http.inject({ method: 'POST', url: LOGIN, remoteAddress: nextIp(), payload: { login: 'x', password: 'y'.repeat(2 * 1024 * 1024) } }),
        await attempt('no.such.person', 'Wrong-password-1'),
        await suite.http.inject({ method: 'GET', url: '/api/v1/nothing/here', headers: as(session) }),
        await suite.http.inject({ method: 'GET', url: '/api/v1/units/not-a-uuid', headers: as(session) }),
        await suite.http.inject({ method: 'GET', url: '/api/v1/audit/events', headers: as(session) }),
        await suite.http.inject({ method: 'GET', url: '/api/v1/audit/events?limit=-1', headers: as(session) }),
        await suite.http.inject({ method: 'POST', url: '/api/v1/accounts', headers: as(session), payload: {} }),
        await suite.http.inject({ method: 'POST', url: LOGOUT, headers: { cookie: session.cookie, 'x-csrf-token': 'é'.repeat(session.csrf.length) } }),
        await suite.http.inject({ method: 'GET', url: ME }),
      ];
      for (const res of responses) {
        assert.ok(res.statusCode >= 400, `${res.statusCode} ${res.body.slice(0, 80)}`);
        assert.doesNotMatch(res.body, /stack/i);
        assert.doesNotMatch(res.body, /node_modules|file:\/\/|\/work\/|\/home\/|\/tmp\/|[\w-]+\.[cm]?[jt]s:\d+|\bat [\w.<>]+ \(/);
        assert.ok(errorOf(res).code, 'errors keep the {error:{code,…}} shape');
      }
    });

    test('responses carry the security headers', async () => {
      const session = await signIn(suite.http, 'hbj.clerk');
      const responses = [
        await suite.http.inject({ method: 'GET', url: '/api/health' }),
        await suite.http.inject({ method: 'GET', url: ME, headers: as(session) }),
        await suite.http.inject({ method: 'GET', url: ME }),
        await attempt('no.such.person', 'Wrong-password-1'),
      ];
      for (const res of responses) {
        const csp = String(res.headers['content-security-policy'] ?? '');
        assert.match(csp, /default-src 'self'/, `CSP on ${res.statusCode}`);
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
        assert.ok(/frame-ancestors 'none'/.test(csp) || res.headers['x-frame-options'] !== undefined, 'framing is refused');
      }
    });
  });
});

test('the OpenAPI document lists the API with its input schemas', async () => {
  const t = await createTestSunlit('sqlite');
  try {
    const http = await createTestServer(t);
    type Operation = { requestBody?: unknown; parameters?: { in: string }[] };
    const doc = (await http.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
    for (const path of [
      '/api/v1/auth/me',
      '/api/v1/accounts',
      '/api/v1/grants',
      '/api/v1/units',
      '/api/v1/alerts',
      '/api/v1/audit/events',
      '/api/v1/public/home',
    ]) {
      assert.ok(doc.paths[path], `${path} is documented`);
    }
    // Every write that takes input documents its body; those that take none are the ones listed here.
    // The power-list and BPMN imports take the file itself as the raw body (documented in their descriptions).
    const noBody = new Set([
      '/api/v1/auth/logout',
      '/api/v1/accounts/{id}/unlock',
      '/api/v1/grants/{id}/revoke',
      '/api/v1/audit/checkpoints',
      '/api/v1/powers/import',
      '/api/v1/powers/{id}/bpmn',
      '/api/v1/review/rectifications/{id}/accept',
      '/api/v1/cases/uploads',
      '/api/v1/tasks/{taskId}/release',
      '/api/v1/public/uploads',
    ]);
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (ops.post && !noBody.has(path)) assert.ok(ops.post.requestBody, `POST ${path} documents its body`);
      if (path.includes('{id}'))
        for (const op of Object.values(ops))
          assert.ok(
            op.parameters?.some((p) => p.in === 'path'),
            `${path} documents its id`,
          );
    }
    await http.close();
  } finally {
    await t.dispose();
  }
});

test("behind a trusted reverse proxy the forwarded host is the server's own origin", async () => {
  const t = await createTestSunlit('sqlite', { demo: true, config: { trustProxy: true } });
  try {
    const http = await createTestServer(t);
    const res = await http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { host: '127.0.0.1:3000', 'x-forwarded-host': 'sunlit.example.gov.cn', 'x-forwarded-proto': 'https', origin: 'https://sunlit.example.gov.cn' },
      payload: { login: 'hbj.clerk', password: 'Sunlit@2026' },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['set-cookie']), /Secure/, "the cookie is Secure over the proxy's HTTPS");
    const foreign = await http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { host: '127.0.0.1:3000', 'x-forwarded-host': 'sunlit.example.gov.cn', 'x-forwarded-proto': 'https', origin: 'https://evil.example' },
      payload: { login: 'hbj.clerk', password: 'Sunlit@2026' },
    });
    assert.equal(foreign.statusCode, 403);
    await http.close();
  } finally {
    await t.dispose();
  }
});
