// steps.<engine>: step completions per second through the cases service (app.cases): a person takes the open task of
// a case and completes it — claimed and completed in one transaction, as when one works one's queue (claiming first
// and completing later is a second commit) — with the separation-of-duties check, step deadline from the legal clock,
// audit append and the next step opened, on a published five-step item (受理 → 审查 → 决定 → 送达 → 监督, one role each, no choices) worked by
// five different accounts, so duty separation never refuses. SQLite (WAL, synchronous=FULL, as openSqlite opens it)
// and PostgreSQL (a scratch database, synchronous_commit=on), each figure against two baselines measured in the same
// interleaved rounds:
//   bpmn.engine.5steps  — the npm package bpmn-engine running the same five user tasks in memory (one engine per case,
//                         the definition parsed once), counted as user-task signals per second;
//   insert.<engine>     — plain single-row insert transactions (one row of about the size of a task per
//                         transaction) into a bench table through the same Kysely instance, same durability.
// Targets: ≥ 2 × bpmn on SQLite, ≥ 1 × on PostgreSQL, ≥ 0.3 × insert on each. Each figure is the median round.
//
// steps.memory.<engine>: heap used (MB, after a full GC) once the case table holds 10 % of 100,000 cases (5,000 with
//   --quick), against the same when it holds all of them; ratio = end / start, so about 1 means flat. The table grows
//   in ten stages, a measured round after each: the cases the rounds work are registered through the service, and
//   the rest of each stage is copied in bulk from cases the service made (registering 100,000 cases one transaction
//   at a time would take most of the time budget, and is not what is measured).
import { randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Engine as BpmnEngine, type BpmnEngineOptions } from 'bpmn-engine';
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../src/db/kysely.ts';
import { end, flow, step } from '../src/modules/process/process-builders.ts';
import type { ProcessDefinition } from '../src/modules/process/process.rules.ts';
import type { Actor } from '../src/shared/actor.ts';
import { buildContent, publishLatest } from '../src/test/factories.ts';
import { CLI_ACTOR, createTestSunlit, type TestSunlit } from '../src/test/test-app.ts';
import {
  describeSamples,
  median,
  nowMs,
  postgresProblem,
  rateResult,
  round3,
  throughput,
  type BenchContext,
  type BenchModule,
  type BenchResult,
} from './lib.ts';

const ENGINE_NAME: Record<Engine, string> = { sqlite: 'sqlite', postgres: 'pg' };
/** Concurrent loops, the same for Sunlit and the insert baseline (bpmn-engine runs in memory, one loop). */
const WRITERS: Record<Engine, number> = { sqlite: 1, postgres: 1 };
const STAGES = 10;
const ITEM_CODE = 'BENCH-XK-001';
const UNIT_CODE = 'BENCH';

/** The five steps, in order: id, name, duty and the role that performs it (one account each). */
const STEPS = [
  { id: 'accept', name: '受理', duty: 'accept', role: 'clerk', days: 1 },
  { id: 'review', name: '审查', duty: 'review', role: 'section_chief', days: 5 },
  { id: 'decide', name: '决定', duty: 'decide', role: 'leader', days: 5 },
  { id: 'deliver', name: '送达', duty: 'deliver', role: 'clerk', days: 2 },
  { id: 'supervise', name: '监督', duty: 'supervise', role: 'inspector', days: 5 },
] as const;

const PROCESS: ProcessDefinition = {
  nodes: [{ id: 'start', kind: 'start', name: '申请' }, ...STEPS.map((s) => step(s.id, s.name, s.duty, s.role, s.days)), end('end', '办结')],
  flows: ['start', ...STEPS.map((s) => s.id)].map((from, i) => flow(from, STEPS[i]?.id ?? 'end')),
};

// ─── Baseline (a): bpmn-engine, the same five user tasks in memory ────────────────────────────────────────────────

const BPMN_XML = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="bench_steps" targetNamespace="http://sunlit.local/bench">
  <process id="five_steps" isExecutable="true">
    <startEvent id="start" />
${STEPS.map((s) => `    <userTask id="${s.id}" name="${s.name}" />`).join('\n')}
    <endEvent id="end" name="办结" />
${['start', ...STEPS.map((s) => s.id)].map((from, i) => `    <sequenceFlow id="flow${i}" sourceRef="${from}" targetRef="${STEPS[i]?.id ?? 'end'}" />`).join('\n')}
  </process>
</definitions>`;

interface Waiting {
  id: string;
  signal(message?: unknown): void;
}

/**
 * One bpmn-engine case at a time, driven as a task list would: each user task waits, is signalled, and the next one
 * waits. The definition is parsed and serialised once (the engine's own parser and serialiser; what a deployment would
 * cache) and every case gets an engine of its own, as bpmn-engine keeps one execution per engine. Falls back to
 * parsing the XML per case if those internals move.
 */
async function bpmnRunner(log: (m: string) => void, warmMs: number): Promise<() => Promise<number>> {
  const parser = new BpmnEngine() as unknown as {
    _getModdleContext?(s: string): Promise<unknown>;
    _serializeModdleContext?(c: unknown): BpmnEngineOptions['sourceContext'];
  };
  let source: Pick<BpmnEngineOptions, 'source' | 'sourceContext'> = { source: BPMN_XML };
  if (typeof parser._getModdleContext === 'function' && typeof parser._serializeModdleContext === 'function') {
    source = { sourceContext: parser._serializeModdleContext(await parser._getModdleContext(BPMN_XML)) };
  } else log('  bpmn-engine: no parser internals, the XML is parsed per case');
  let cases = 0;
  // Runs one case start to end and returns its signals (5).
  const runCase = async (): Promise<number> => {
    const engine = new BpmnEngine({ name: `case-${cases++}`, ...source });
    const listener = new EventEmitter();
    let waiting: Waiting | null = null;
    listener.on('wait', (api: Waiting) => {
      waiting = api;
    });
    const execution = await engine.execute({ listener });
    let signals = 0;
    for (const s of STEPS) {
      // The next user task waits as soon as the previous signal returns; a microtask turn is allowed for in case.
      for (let spin = 0; waiting === null && spin < 10; spin++) await Promise.resolve();
      const w = waiting as Waiting | null;
      if (w === null || w.id !== s.id) throw new Error(`bpmn-engine: expected ${s.id} to wait, found ${w?.id ?? 'nothing'}`);
      waiting = null;
      w.signal();
      signals += 1;
    }
    if (execution.state !== 'idle') await engine.waitFor('end');
    return signals;
  };
  await runCase(); // fails here, before anything is timed, if the engine does not behave as expected
  await bpmnRate(runCase, warmMs); // and warms up
  return runCase;
}

/** Signals per second of `runCase` for `durationMs`. */
async function bpmnRate(runCase: () => Promise<number>, durationMs: number): Promise<number> {
  let signals = 0;
  const start = nowMs();
  while (nowMs() - start < durationMs) signals += await runCase();
  return (signals * 1000) / (nowMs() - start);
}

// ─── Sunlit: the cases service (the one place that calls app.cases — adjust here if the API differs) ─────────────

/** A case being worked: which step is next and its open task. */
interface Cursor {
  caseId: string;
  step: number;
  taskId: string;
}

interface SunlitSteps {
  /** Registers one case through the service (clerk at the counter) and returns it at its first step. */
  register(): Promise<Cursor>;
  /** Claims and completes (one transaction) the cursor's task as that step's account; false once the case has ended. */
  completeStep(c: Cursor): Promise<boolean>;
}

/** Tables the service writes per case, copied in bulk to grow the case table for the memory figure. */
const CASE_TABLE = 'case_file';
const TASK_TABLE = 'case_task';

/** Sets up the item, the unit and its five accounts, and returns the two operations the bench uses. */
async function setUpSunlit(t: TestSunlit): Promise<SunlitSteps> {
  const app = t.app;
  const cases = app.cases;
  await app.org.addUnit(CLI_ACTOR, { code: UNIT_CODE, name: '基准测试局', type: 'department' });
  const actors: Actor[] = [];
  for (const [i, s] of STEPS.entries()) {
    const login = `bench.${s.id}`;
    await app.accounts.createAccount(CLI_ACTOR, { name: `基准${s.name}人${i + 1}`, login, password: 'Sunlit@2026', unitCode: UNIT_CODE }, [
      { role: s.role, unitCode: UNIT_CODE },
    ]);
    actors.push(await app.auth.actorForLogin(login));
  }
  await app.catalogue.createItem(CLI_ACTOR, {
    unitCode: UNIT_CODE,
    code: ITEM_CODE,
    content: buildContent({ name: '基准测试五步许可事项', statutoryLimit: 20, promisedLimit: 20, process: PROCESS }),
  });
  await publishLatest(app, [ITEM_CODE]);

  let n = 0;
  return {
    async register() {
      n += 1;
      const view = await cases.register(actors[0]!, {
        itemCode: ITEM_CODE,
        applicant: { name: `申请人${n}`, phone: '13800000000', organisation: `基准测试建设有限公司${n % 100}` },
        summary: '基准测试申请',
      });
      const taskId = view.tasks.find((k) => k.state === 'open')?.id;
      if (!taskId) throw new Error(`case ${view.id} registered without an open task`);
      return { caseId: view.id, step: 0, taskId };
    },
    async completeStep(c) {
      // A person working their queue completes the open step: claimed and completed in one transaction.
      const actor = actors[c.step]!;
      const done = await cases.complete(actor, c.taskId, { outcome: null, comment: `${STEPS[c.step]!.name}完成` });
      c.step += 1;
      if (c.step === STEPS.length) return false;
      const next = done.opened[0]?.taskId;
      if (!next) throw new Error(`case ${c.caseId}: no open task after ${STEPS[c.step - 1]!.id}`);
      c.taskId = next;
      return true;
    },
  };
}

// ─── Growing the case table in bulk (for the memory figure) ──────────────────────────────────────────────────────

type Row = Record<string, unknown>;

/** A column value as it can be inserted again (a value the driver parsed into an object goes back as JSON text). */
const reinsertable = (v: unknown): unknown => (v !== null && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v) ? JSON.stringify(v) : v);

/**
 * Copies of cases the service made — nine finished ones to one still open — with fresh ids and receipt codes,
 * inserted with multi-row statements in one transaction per call.
 */
class CaseCopier {
  private copied = 0;
  private constructor(
    private readonly db: Kysely<Record<string, Row>>,
    private readonly finished: { file: Row; tasks: Row[] }[],
    private readonly open: { file: Row; tasks: Row[] }[],
  ) {}

  static async from(db: Kysely<Record<string, Row>>): Promise<CaseCopier> {
    const files = await db.selectFrom(CASE_TABLE).selectAll().execute();
    const tasks = await db.selectFrom(TASK_TABLE).selectAll().execute();
    const byCase = new Map<string, Row[]>();
    for (const k of tasks) byCase.set(k.case_id as string, [...(byCase.get(k.case_id as string) ?? []), k]);
    const templates = files.map((file) => ({ file, tasks: byCase.get(file.id as string) ?? [] }));
    const finished = templates.filter((x) => x.file.state === 'done');
    const open = templates.filter((x) => x.file.state !== 'done');
    if (finished.length === 0 && open.length === 0) throw new Error('no cases to copy');
    return new CaseCopier(db, finished.length ? finished : open, open.length ? open : finished);
  }

  async copy(count: number): Promise<void> {
    const batch = 200;
    await this.db.transaction().execute(async (trx) => {
      for (let done = 0; done < count; done += batch) {
        const files: Row[] = [];
        const tasks: Row[] = [];
        for (let i = 0; i < Math.min(batch, count - done); i++) {
          const k = this.copied++;
          const pool = k % 10 === 9 ? this.open : this.finished;
          const template = pool[k % pool.length]!;
          const caseId = randomUUID();
          files.push({ ...mapValues(template.file), id: caseId, receipt: receiptCopy(k) });
          for (const task of template.tasks) tasks.push({ ...mapValues(task), id: randomUUID(), case_id: caseId });
        }
        await trx.insertInto(CASE_TABLE).values(files).execute();
        for (let j = 0; j < tasks.length; j += 5 * batch) {
          await trx
            .insertInto(TASK_TABLE)
            .values(tasks.slice(j, j + 5 * batch))
            .execute();
        }
      }
    });
  }
}

const mapValues = (row: Row): Row => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, reinsertable(v)]));
/** A receipt code no real one can collide with: 12 characters, starting with Z and a random tag per run. */
const RUN_TAG = randomBytes(2).toString('hex').toUpperCase();
const receiptCopy = (k: number): string => `Z${RUN_TAG}${k.toString(36).toUpperCase().padStart(7, '0')}`;

/** 500, 10k, 100k. */
const count = (n: number): string => (n >= 1000 ? `${round3(n / 1000)}k` : String(Math.round(n)));

// ─── Heap after a full collection ────────────────────────────────────────────────────────────────────────────────

/** gc() whether or not node runs with --expose-gc (the flag can be set at run time; a fresh context then sees it). */
const collect: () => void = (() => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

function heapMb(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

// ─── The run ─────────────────────────────────────────────────────────────────────────────────────────────────────

async function benchEngine(ctx: BenchContext, engine: Engine, runBpmnCase: () => Promise<number>): Promise<BenchResult[]> {
  const short = ENGINE_NAME[engine];
  const writers = WRITERS[engine];
  const totalCases = ctx.quick ? 5_000 : 100_000;
  const roundMs = ctx.quick ? 300 : 1000;
  const warmMs = ctx.quick ? 300 : 1000;

  const t = await createTestSunlit(engine);
  try {
    const db = t.app.db.kysely;
    await sql`create table bench_insert (id text primary key, case_id text not null, payload text not null)`.execute(db);
    const bench = db.withTables<{ bench_insert: { id: string; case_id: string; payload: string } }>();
    let i = 0;
    const insert = () =>
      bench.transaction().execute((trx) =>
        trx
          .insertInto('bench_insert')
          .values({ id: randomUUID(), case_id: randomUUID(), payload: taskPayload(i++) })
          .execute(),
      );

    const sunlit = await setUpSunlit(t);

    // Cases being worked, shared by the loops: each takes one, does its next step and puts it back unless it ended.
    const queue: Cursor[] = [];
    let completions = 0;
    let finishedCases = 0;
    const oneStep = async () => {
      const c = queue.shift() ?? (await sunlit.register());
      if (await sunlit.completeStep(c)) queue.push(c);
      else finishedCases += 1;
      completions += 1;
    };
    /** Registers cases (untimed) until the queue holds enough for a round at `rate` completions per second. */
    const topUp = async (rate: number) => {
      const want = Math.ceil(((rate * roundMs) / 1000 / STEPS.length) * 1.5) + 4 * writers;
      while (queue.length < want) queue.push(await sunlit.register());
    };
    const countCases = async () => Number((await sql<{ n: number }>`select count(*) as n from case_file`.execute(db)).rows[0]!.n);

    // Warm-up, then the templates for the bulk copies are whatever the service has made by then.
    await topUp(200);
    let lastRate = await throughput(oneStep, writers, warmMs);
    await throughput(insert, writers, warmMs);
    await topUp(lastRate);
    const copier = await CaseCopier.from(db as unknown as Kysely<Record<string, Row>>);

    const s = { sunlit: [] as number[], bpmn: [] as number[], insert: [] as number[] };
    let heapStart = 0;
    let heapEnd = 0;
    let copyMs = 0;
    for (let stage = 1; stage <= STAGES; stage++) {
      // Grow the table to this stage's share of the cases: what the round will register, the rest copied.
      await topUp(lastRate);
      const target = Math.round((totalCases * stage) / STAGES);
      const c0 = nowMs();
      await copier.copy(Math.max(0, target - (await countCases())));
      // PostgreSQL's autovacuum analyzes a table as it grows over the weeks such growth takes in a county; the copies
      // come in seconds, so the statistics (and the plans kept by the named statements) are brought up to date here.
      if (engine === 'postgres') await sql`analyze case_file, case_task, audit_event`.execute(db);
      copyMs += nowMs() - c0;

      const contenders: Record<'sunlit' | 'bpmn' | 'insert', () => Promise<number>> = {
        sunlit: async () => (lastRate = await throughput(oneStep, writers, roundMs)),
        bpmn: () => bpmnRate(runBpmnCase, roundMs),
        insert: () => throughput(insert, writers, roundMs),
      };
      const order = (['sunlit', 'bpmn', 'insert'] as const).slice();
      if (stage % 2 === 0) order.reverse();
      for (const k of order) s[k].push(await contenders[k]());
      const heap = heapMb();
      if (stage === 1) heapStart = heap;
      if (stage === STAGES) heapEnd = heap;
      ctx.log(
        `    stage ${stage}: ${(await countCases()).toLocaleString('en-US')} cases, heap ${round3(heap)} MB; steps ${round3(s.sunlit.at(-1)!)}/s, bpmn ${round3(s.bpmn.at(-1)!)}/s, insert ${round3(s.insert.at(-1)!)}/s`,
      );
    }

    const cases = await countCases();
    ctx.log(`  ${short} (${writers} writer${writers === 1 ? '' : 's'}): steps ${describeSamples(s.sunlit, '/s')}`);
    ctx.log(`    bpmn-engine ${describeSamples(s.bpmn, ' signals/s')}, insert ${describeSamples(s.insert, '/s')}`);
    ctx.log(
      `    ${completions.toLocaleString('en-US')} steps completed (${finishedCases} cases to the end) through the service; ${cases.toLocaleString('en-US')} cases in the table (copies written in ${(copyMs / 1000).toFixed(1)} s)`,
    );
    ctx.log(
      `    heap after GC: ${round3(heapStart)} MB at ${Math.round(totalCases / STAGES).toLocaleString('en-US')} cases, ${round3(heapEnd)} MB at ${cases.toLocaleString('en-US')}`,
    );
    return [
      rateResult(`steps.${short}`, median(s.sunlit), 'steps/s', 'bpmn.engine.5steps', median(s.bpmn)),
      rateResult(`steps.${short}`, median(s.sunlit), 'steps/s', `insert.${short}`, median(s.insert)),
      {
        name: `steps.memory.${short}`,
        value: round3(heapEnd),
        unit: `MB heap, ${count(cases)} cases`,
        baseline_name: `heap.at_${count(totalCases / STAGES)}_cases`,
        baseline_value: round3(heapStart),
        ratio: Math.round((heapEnd / heapStart) * 1000) / 1000,
      },
    ];
  } finally {
    await t.dispose();
  }
}

/** About the size of a task row: ids, step, role, times and a short comment. */
function taskPayload(i: number): string {
  return JSON.stringify({
    step_id: STEPS[i % STEPS.length]!.id,
    step_name: STEPS[i % STEPS.length]!.name,
    duty: STEPS[i % STEPS.length]!.duty,
    unit_id: '0193a0c4-7d2e-7000-8000-000000000001',
    role: STEPS[i % STEPS.length]!.role,
    state: 'done',
    created_at: '2026-03-02T01:00:00.000Z',
    due_at: '2026-03-09T16:00:00.000Z',
    completed_by: 'user:bench.review',
    completed_at: '2026-03-03T02:30:00.000Z',
    comment: '材料齐全，符合法定形式，同意。',
  });
}

export const stepsBench: BenchModule = {
  title: 'steps — case step completions through the cases service vs bpmn-engine in memory and plain insert transactions',
  async run(ctx) {
    const runBpmnCase = await bpmnRunner(ctx.log, ctx.quick ? 500 : 1000);
    const out = await benchEngine(ctx, 'sqlite', runBpmnCase);
    const problem = await postgresProblem();
    if (problem) ctx.skip('steps.pg, steps.memory.pg', problem);
    else out.push(...(await benchEngine(ctx, 'postgres', runBpmnCase)));
    return out;
  },
};
