import { after, before } from 'node:test';
import { createSunlit, setUpInstallation, type Sunlit } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import type { Engine } from '../db/kysely.ts';
import { buildServer } from '../http/server.ts';
import type { Actor } from '../shared/actor.ts';
import { ManualClock } from '../shared/clock.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

export const TEST_KEY = Buffer.alloc(32, 7);
export const CLI_ACTOR: Actor = { kind: 'cli', osUser: 'test', countyCode: '990101' };

export interface TestSunlit {
  app: Sunlit;
  clock: ManualClock;
  database: TestDatabase;
  /** Closes the connection and drops the database. */
  dispose(): Promise<void>;
}

/** A migrated installation on a fresh database, its clock in the test's hands; with `demo`, 示范县 loaded. */
export async function createTestSunlit(engine: Engine, options: { demo?: boolean; now?: string; config?: Partial<Config> } = {}): Promise<TestSunlit> {
  const database = await createTestDatabase(engine);
  const clock = new ManualClock(options.now ?? '2026-03-02T01:00:00.000Z');
  const config = loadConfig({}, { databaseUrl: database.url, dataKey: TEST_KEY, clock, scryptLogN: 10, webDist: '/nonexistent', ...options.config });
  const app = createSunlit(config, database.open());
  await setUpInstallation(app, CLI_ACTOR);
  // The demo's 400 power items would crowd tests of the power list itself; `sunlit demo` loads them.
  if (options.demo) await app.demo.load(CLI_ACTOR, { powers: false });
  return {
    app,
    clock,
    database,
    dispose: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export async function createTestServer(t: TestSunlit) {
  return buildServer(t.app);
}

export type Server = Awaited<ReturnType<typeof createTestServer>>;
export type Reply = Awaited<ReturnType<Server['inject']>>;

/** The `error` object of an error answer. */
export const errorOf = (res: Reply) => (res.json() as { error: { code: string; message: string; details: Record<string, unknown> } }).error;

export interface Session {
  cookie: string;
  csrf: string;
  me: { account: { login: string }; grants: { role: string; unit: { code: string } }[] };
}

/** Signs in through the API and returns what a browser would hold: the cookie and the CSRF token. */
export async function signIn(http: Server, login: string, password = 'Sunlit@2026'): Promise<Session> {
  const res = await http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password } });
  if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'sunlit_session')!;
  const me = res.json();
  return { cookie: `sunlit_session=${cookie.value}`, csrf: me.csrfToken, me };
}

/** Request options for a signed-in call (writes carry the CSRF token). */
export const as = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

/**
 * A describe-suite's installation (with the demo county) and HTTP server, made before its tests and disposed after
 * them. Read `suite.t` and `suite.http` inside tests.
 */
export function httpSuite(engine: Engine): { t: TestSunlit; http: Server } {
  const suite = {} as { t: TestSunlit; http: Server };
  before(async () => {
    suite.t = await createTestSunlit(engine, { demo: true });
    suite.http = await createTestServer(suite.t);
  });
  after(async () => {
    await suite.http.close();
    await suite.t.dispose();
  });
  return suite;
}
