// The public power list (portal search) over HTTP, on a county of 10,000 published items (1,000 with --quick) whose
// names and bases are combinations of the demo county's real ones. A real listening server (the whole Sunlit
// stack: helmet, cookies, the auth hook, validation, serialisation) is loaded from a separate process
// (public-search.load.ts), so that the load generator never shares the server's event loop.
//
// search.p99.<engine>: p99 latency (ms) of GET /api/v1/public/powers?q=… from 8 concurrent clients, over a mix of
//   one-character, two-character, longer and synonym queries (some with a unit or category filter or a later page).
//   Target ≤ 20 ms; latency, so no ratio (route.p99 with the same 8 clients is shown beside it).
// search.<engine>: requests/s of the same mix from 50 concurrent clients. Baseline route.<engine>: a bare Fastify
//   route (no plugins, no hooks) reading one power_item row by primary key through the same Kysely instance on the
//   same database, from the same 50 clients. Target ≥ 0.3.
// detail.<engine>: requests/s of GET /api/v1/public/powers/:code (the item page) against the same route. ≥ 0.5.
// Throughput rounds of the three are interleaved; each figure is the median round. The items are written straight
// into the catalogue's tables and indexed by the service's `reindexAll`. PostgreSQL runs in a scratch database that
// is dropped afterwards. On SQLite the portal reads through a read-only connection of its own with prepared
// statements kept (public-list.repository.ts); the baseline route reads through the application's Kysely instance.
import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import type { Engine } from '../src/db/kysely.ts';
import { buildServer } from '../src/http/server.ts';
import type { PowerContent } from '../src/modules/catalogue/power-item.rules.ts';
import { DEMO_POWERS } from '../src/modules/demo/demo-powers.data.ts';
import { uuidv7 } from '../src/shared/ids.ts';
import { createTestSunlit, type TestSunlit } from '../src/test/test-app.ts';
import {
  describeSamples,
  interleaved,
  latencyResult,
  median,
  nowMs,
  postgresProblem,
  rateResult,
  round3,
  type BenchContext,
  type BenchModule,
  type BenchResult,
} from './lib.ts';
import type { LoadJob, LoadResult } from './public-search.load.ts';

const ENGINE_NAME: Record<Engine, string> = { sqlite: 'sqlite', postgres: 'pg' };

/** Sub-items (子项) as counties list them: the same power split by case. */
const SUB_ITEMS = ['新办', '延续', '变更', '注销', '补证', '首次申请', '年度审核', '县级权限', '乡镇赋权', '简易程序', '一般程序', '告知承诺制'];

/** Where a name can be cut so that its two halves read as parts of other names. */
const CUTS = ['的', '和', '、', '对', '与', '及', '或者', '审批', '登记', '许可', '核发', '监督检查', '征收', '发放', '确认'];

/** Splices the head of one real name to the tail of another at a natural joint: 对排污单位…+…的处罚. */
function splice(a: string, b: string): string {
  const cut = (s: string, fromEnd: boolean) => {
    for (const c of CUTS) {
      const at = fromEnd ? s.lastIndexOf(c) : s.indexOf(c, 2);
      if (at > 1 && at < s.length - 1) return at;
    }
    return Math.ceil(s.length / 2);
  };
  return a.slice(0, cut(a, false)) + b.slice(cut(b, true));
}

/** `n` items in the demo units: the demo's own first, then sub-items and spliced names, with their real bases. */
export function generateItems(n: number): { unit: string; code: string; content: PowerContent }[] {
  const base = DEMO_POWERS;
  return Array.from({ length: n }, (_, i) => {
    const a = base[i % base.length]!;
    const k = Math.floor(i / base.length);
    const b = base[(i * 31 + 7) % base.length]!;
    const name = k === 0 ? a.content.name : k % 2 === 1 ? `${a.content.name}（${SUB_ITEMS[k % SUB_ITEMS.length]}）` : splice(a.content.name, b.content.name);
    const basis = k % 2 === 0 && k > 0 ? [...a.content.basis, b.content.basis[0]!] : a.content.basis;
    return { unit: a.unit, code: k === 0 ? a.code : `${a.code}-${k}`, content: { ...a.content, name, basis } };
  });
}

/** The query mix: a quarter each of one-character, two-character, longer and synonym queries, some filtered or paged. */
const QUERIES = {
  one: ['林', '水', '房', '矿', '药', '酒', '婚', '墓', '粮', '税', '桥', '烟', '渔', '车', '证', '村'],
  two: ['低保', '排污', '取水', '林木', '殡葬', '养老', '燃气', '宅基', '采砂', '救助', '食品', '广告', '道路', '消防', '地名', '抵押'],
  long: [
    '影响评价',
    '水土保持',
    '食品经营',
    '森林法',
    '规划许可证',
    '不动产登记',
    '特种设备',
    '社会救助暂行办法',
    '城乡规划法',
    '危险废物',
    '河道管理',
    '村民委员会',
    '养老机构',
    '建设工程 消防',
    '土地管理法 第七十七条',
    '排放 大气',
  ],
  synonym: ['环评', '危改', '公租房', '一书两证', '房产证', '水保', '营业执照', '社团', '五保', '结婚证', '采伐证', '粮补', '医保', '三资', '规划证', '能评'],
};

export function searchPaths(): string[] {
  const extras = ['', '', '', '&unit=ZJJ', '', '&category=penalty', '', '&page=2'];
  const paths: string[] = [];
  const lists = Object.values(QUERIES);
  for (let i = 0; i < 16; i++) {
    for (const [k, list] of lists.entries()) paths.push(`/api/v1/public/powers?q=${encodeURIComponent(list[i]!)}${extras[(i + k) % extras.length]}`);
  }
  return paths;
}

/**
 * Writes the items straight into the catalogue's tables as published revisions (multi-row inserts: importing and
 * reviewing 10,000 items through the services would take most of the time budget and is not what is measured
 * here), then builds the public index with the service's full rebuild, `reindexAll`.
 */
export async function loadPublished(
  t: TestSunlit,
  items: { unit: string; code: string; content: PowerContent }[],
): Promise<{ loadMs: number; indexMs: number }> {
  const db = t.app.db.kysely;
  const county = t.app.config.countyCode;
  const unitId = new Map((await db.selectFrom('unit').select(['id', 'code']).execute()).map((u) => [u.code, u.id]));
  const at = '2026-03-02T01:00:00.000Z';
  let started = nowMs();
  await db.transaction().execute(async (trx) => {
    for (let k = 0; k < items.length; k += 200) {
      const chunk = items.slice(k, k + 200).map((i) => ({ ...i, id: uuidv7() }));
      await trx
        .insertInto('power_item')
        .values(
          chunk.map((i) => ({
            id: i.id,
            county_code: county,
            code: i.code,
            unit_id: unitId.get(i.unit)!,
            status: 'active',
            status_date: null,
            status_reason: null,
            status_to: null,
            latest_revision: 1,
            created_at: at,
            published_revision: 1,
            published_at: at,
          })),
        )
        .execute();
      await trx
        .insertInto('power_item_revision')
        .values(
          chunk.map((i) => ({
            id: uuidv7(),
            item_id: i.id,
            county_code: county,
            revision: 1,
            state: 'published',
            name: i.content.name,
            category: i.content.category,
            content: JSON.stringify(i.content),
            created_at: at,
            created_by: 'bench',
            source: 'import',
          })),
        )
        .execute();
    }
  });
  const loadMs = nowMs() - started;
  started = nowMs();
  const indexed = await t.app.publicList.reindexAll(county);
  if (indexed !== items.length) throw new Error(`indexed ${indexed} of ${items.length}`);
  return { loadMs, indexMs: nowMs() - started };
}

class LoadGenerator {
  private constructor(private readonly child: ChildProcess) {}

  static async start(): Promise<LoadGenerator> {
    const child = fork(new URL('./public-search.load.ts', import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`load generator exited with ${code}`)));
    });
    return new LoadGenerator(child);
  }

  run(job: LoadJob): Promise<LoadResult> {
    return new Promise((resolve) => {
      this.child.once('message', (r) => resolve(r as LoadResult));
      this.child.send(job);
    });
  }

  stop(): void {
    this.child.send('exit');
  }
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function benchEngine(ctx: BenchContext, engine: Engine, load: LoadGenerator): Promise<BenchResult[]> {
  const n = ctx.quick ? 1000 : 10_000;
  const short = ENGINE_NAME[engine];
  const p99Rounds = ctx.quick ? 2 : 4;
  const p99Ms = ctx.quick ? 600 : 2000;
  const rateRounds = ctx.quick ? 3 : 5;
  const rateMs = ctx.quick ? 400 : 1000;

  const t = await createTestSunlit(engine, { demo: true });
  const sunlit = await buildServer(t.app);
  const bare = Fastify({ logger: false });
  try {
    const { loadMs, indexMs } = await loadPublished(t, generateItems(n));
    ctx.log(
      `  ${short}: ${n.toLocaleString('en-US')} published items written in ${(loadMs / 1000).toFixed(1)} s, indexed (reindexAll) in ${(indexMs / 1000).toFixed(1)} s`,
    );

    const db = t.app.db.kysely;
    bare.get<{ Params: { id: string } }>('/row/:id', async (req) => db.selectFrom('power_item').selectAll().where('id', '=', req.params.id).executeTakeFirst());
    await bare.listen({ port: 0, host: '127.0.0.1' });
    await sunlit.listen({ port: 0, host: '127.0.0.1' });
    const sunlitPort = (sunlit.server.address() as AddressInfo).port;
    const barePort = (bare.server.address() as AddressInfo).port;

    const sample = await db.selectFrom('power_item').select(['id', 'code']).orderBy('id').limit(1000).execute();
    const search = searchPaths();
    const detail = sample.map((r) => `/api/v1/public/powers/${encodeURIComponent(r.code)}`);
    const route = sample.map((r) => `/row/${r.id}`);

    // Every path answers 200 before anything is timed; the matches per query are logged for the record.
    for (const path of [...search, ...detail.slice(0, 5)]) {
      const res = await sunlit.inject({ url: path });
      if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
    }
    const totals = await Promise.all(search.slice(0, 64).map(async (p) => (await sunlit.inject({ url: p })).json().total as number));
    ctx.log(`  ${short}: matches per query: median ${median(totals)}, max ${Math.max(...totals)} of ${n}`);

    const job = (port: number, paths: string[], clients: number, durationMs: number) => load.run({ port, paths, clients, durationMs });

    // Latency with 8 clients.
    await job(sunlitPort, search, 8, 500);
    await job(barePort, route, 8, 300);
    const searchLat: number[] = [];
    const routeLat: number[] = [];
    let errors = 0;
    for (let r = 0; r < p99Rounds; r++) {
      const s = await job(sunlitPort, search, 8, p99Ms);
      const b = await job(barePort, route, 8, p99Ms / 2);
      searchLat.push(...s.latencies);
      routeLat.push(...b.latencies);
      errors += s.errors + b.errors;
      ctx.log(`    round ${r + 1}: search p50 ${round3(s.p50)} ms, p99 ${round3(s.p99)} ms (${Math.round(s.rate)}/s); route p99 ${round3(b.p99)} ms`);
    }
    const p99 = percentile(searchLat, 99);
    ctx.log(`  ${short} 8 clients: search p50 ${round3(percentile(searchLat, 50))} ms, p99 ${round3(p99)} ms over ${searchLat.length} requests`);

    // Throughput with 50 clients.
    await job(sunlitPort, detail, 50, 300);
    await job(barePort, route, 50, 300);
    const rateOf = async (port: number, paths: string[]) => {
      const r = await job(port, paths, 50, rateMs);
      errors += r.errors;
      return r.rate;
    };
    const rates = await interleaved(rateRounds, {
      search: () => rateOf(sunlitPort, search),
      detail: () => rateOf(sunlitPort, detail),
      route: () => rateOf(barePort, route),
    });
    if (errors > 0) throw new Error(`${errors} requests failed`);
    ctx.log(
      `  ${short} 50 clients: search ${describeSamples(rates.search, '/s')}, detail ${describeSamples(rates.detail, '/s')}, route ${describeSamples(rates.route, '/s')}`,
    );
    return [
      latencyResult(`search.p99.${short}`, p99, 'ms', `route.p99.${short}`, percentile(routeLat, 99)),
      rateResult(`search.${short}`, median(rates.search), 'req/s', `route.${short}`, median(rates.route)),
      rateResult(`detail.${short}`, median(rates.detail), 'req/s', `route.${short}`, median(rates.route)),
    ];
  } finally {
    await sunlit.close();
    await bare.close();
    await t.dispose();
  }
}

export const publicSearch: BenchModule = {
  title: 'public search — the portal power list over HTTP vs a bare Fastify route reading one row',
  async run(ctx) {
    const load = await LoadGenerator.start();
    try {
      const out = await benchEngine(ctx, 'sqlite', load);
      const problem = await postgresProblem();
      if (problem) ctx.skip('search.*.pg, detail.pg', problem);
      else out.push(...(await benchEngine(ctx, 'postgres', load)));
      return out;
    } finally {
      load.stop();
    }
  },
};
