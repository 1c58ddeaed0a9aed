import { createHash } from 'node:crypto';
import { BUSINESS_ROLES, type Actor, type Role } from '../../shared/actor.ts';
import { ManualClock, type Clock } from '../../shared/clock.ts';
import { DomainError } from '../../shared/errors.ts';
import { holdsRoleOn } from '../accounts/access.rules.ts';
import type { AuthService } from '../accounts/auth.service.ts';
import { computeDeadline, shanghaiDay, startOfShanghaiDay, type WorkCalendar } from '../calendar/calendar.rules.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { CatalogueService } from '../catalogue/catalogue.service.ts';
import type { PowerContent } from '../catalogue/power-item.rules.ts';
import { acceptanceDue, acceptanceOnAnswer, CASE_LAW, isCorrection } from '../cases/case-clock.rules.ts';
import { chartOf, completeStep, outcomesAfter, startRun, type Advance, type Chart } from '../cases/case-engine.rules.ts';
import type { Application, CaseView, TaskView } from '../cases/case.contract.ts';
import { newCaseRecord, type CaseRecord, type TaskRecord } from '../cases/case.repository.ts';
import type { CaseService } from '../cases/case.service.ts';
import { newReceipt } from '../cases/receipt.rules.ts';
import { DEFAULT_SEPARATIONS, findViolation, itemSeparation, type DoneStep, type SeparationRule } from '../cases/separation.rules.ts';
import type { OrgService } from '../org/org.service.ts';
import type { Unit } from '../org/unit.rules.ts';
import type { StepNode } from '../process/process.rules.ts';
import type { StepDuty } from '../process/process-vocabulary.data.ts';
import { DEMO_LIQUOR_LICENCE_CODE } from './demo-processes.data.ts';
import { DEMO_ACCOUNTS } from './demo.data.ts';

/**
 * 示范县's cases (办件), loaded with the power lists:
 *
 * - Two years of history: a few thousand finished cases over the published items, migrated as if from the county's
 *   former system (CaseService.loadHistory: one transaction, one audit event). Each is consistent — pinned to its
 *   item's published revision, its tasks a real path through that revision's process (walked with the engine's own
 *   functions and chosen outcomes), every step done by someone allowed to under the separation of duties, on working
 *   days, its clock and figures recomputed by the service. Mostly 办结, some refused or not accepted, some late,
 *   a few past the statutory limit; 住建局 markedly slower before the reform date than after (the reform page's
 *   "办理时效提高了近30%"). Generated from a fixed seed: the same county every time.
 * - Open cases in every state, run through the real CaseService on a clock set back to when each step happened:
 *   waiting for 受理, at various steps, the clock stopped for an expert review, yellow, red, past the statutory
 *   limit, one extended by the head, some finished — and the 经信局 酒类 case where 吴刚, having reviewed it, tries to
 *   take 许可 himself and is refused (audited, with an alert for the inspector).
 */
export const DEMO_CASES = Object.freeze({
  seed: 'sunlit-demo-cases-v1',
  /** Historical cases generated (items without a process or a published revision get none). */
  history: 3000,
  /** Months of history before today; more when needed for a year of it before the reform date. */
  months: 24,
  /** Handling speed before the reform date, as a multiple of the speed after it: 住建局 and everyone else. */
  slowerBefore: { ZJJ: 1.42, other: 1.08 },
  /** The bureau the reform page tells the story of. */
  reformUnit: 'ZJJ',
});

export interface DemoCaseDeps {
  org: OrgService;
  auth: AuthService;
  catalogue: CatalogueService;
  calendar: CalendarService;
  cases: CaseService;
  /** The same case service on another clock and source of randomness. */
  casesAt: (clock: Clock, random: (n: number) => Uint8Array) => CaseService;
  clock: Clock;
}

/** Loads the demo's cases once: `present` when the history and the last open case are already there. */
export async function loadDemoCases(deps: DemoCaseDeps, actor: Actor, reformOn: string): Promise<'loaded' | 'present'> {
  let ctx: Ctx | null = null;
  const context = async () => (ctx ??= await contextOf(deps, actor, reformOn));
  const history = await deps.cases.loadHistory(actor, async () => demoHistory(await context()));
  const live = await runStories(deps, actor, context);
  return history === 'loaded' || live ? 'loaded' : 'present';
}

// ── Seeded randomness ────────────────────────────────────────────────────────────────────

/** sfc32, seeded from a SHA-256 of the seed text: the same numbers on every machine. */
class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: string) {
    const h = createHash('sha256').update(seed).digest();
    [this.a, this.b, this.c, this.d] = [h.readUInt32LE(0), h.readUInt32LE(4), h.readUInt32LE(8), h.readUInt32LE(12)];
    for (let i = 0; i < 12; i++) this.next();
  }
  /** In [0, 1). */
  next(): number {
    const t0 = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    const t = (t0 + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }
}

/** A UUIDv7-shaped id for `ms` with seeded bits. */
function seededId(rng: Prng, ms: number): string {
  const b = Buffer.from(rng.bytes(16));
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A stable id for a colleague the demo has no account for (who did steps in the former system). */
function colleagueId(key: string): string {
  const h = createHash('sha256').update(`sunlit-demo-person:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// ── What the cases run over ─────────────────────────────────────────────────────────────

interface DemoItem {
  id: string;
  code: string;
  unit: Unit;
  revision: number;
  content: PowerContent;
  chart: Chart;
  steps: Map<string, StepNode>;
  separations: SeparationRule[];
}

interface Person {
  id: string;
  login: string;
  actor: Actor;
}

interface Ctx {
  county: string;
  now: Date;
  /** The Shanghai day of `now`. */
  today: number;
  calendar: WorkCalendar;
  items: DemoItem[];
  unitById: Map<string, Unit>;
  unitByCode: Map<string, Unit>;
  people: Person[];
  reformDay: number;
  seal: CaseService['sealApplicant'];
}

async function contextOf(deps: DemoCaseDeps, actor: Actor, reformOn: string): Promise<Ctx> {
  const units = await deps.org.listUnits(actor);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const listed = (await deps.catalogue.listItems(actor, {}, { offset: 0, limit: 100_000 })).items;
  const items: DemoItem[] = [];
  for (const i of listed) {
    if (i.status !== 'active' || i.publishedRevision === null) continue;
    const content =
      i.latest.revision === i.publishedRevision
        ? i.latest.content
        : (await deps.catalogue.listRevisions(actor, i.id)).find((r) => r.revision === i.publishedRevision)!.content;
    const process = content.process;
    if (!process || !process.nodes.some((n) => n.kind === 'step')) continue;
    items.push({
      id: i.id,
      code: i.code,
      unit: unitById.get(i.unitId)!,
      revision: i.publishedRevision,
      content,
      chart: chartOf(process),
      steps: new Map(process.nodes.flatMap((n) => (n.kind === 'step' ? [[n.id, n] as const] : []))),
      separations: [...DEFAULT_SEPARATIONS, ...(process.separations ?? []).map(itemSeparation)],
    });
  }
  const people: Person[] = [];
  for (const a of DEMO_ACCOUNTS) {
    const found = await deps.auth.actorForLogin(a.login).catch(() => null);
    if (found?.kind === 'user') people.push({ id: found.accountId, login: found.login, actor: found });
  }
  const now = deps.clock.now();
  return {
    county: actor.countyCode,
    now,
    today: shanghaiDay(now),
    calendar: await deps.calendar.workCalendar(actor.countyCode, actor.countyCode),
    items: items.sort((a, b) => a.code.localeCompare(b.code)),
    unitById,
    unitByCode,
    people,
    reformDay: shanghaiDay(new Date(`${reformOn}T00:00:00+08:00`)),
    seal: (applicant) => deps.cases.sealApplicant(applicant),
  };
}

/** The unit a step's task goes to, as the service decides it. */
function performerUnit(ctx: Ctx, item: DemoItem, step: StepNode): Unit {
  if (step.performer.unit === 'parent') return (item.unit.parentId && ctx.unitById.get(item.unit.parentId)) || item.unit;
  if (step.performer.unit === 'named') return (step.performer.unitCode && ctx.unitByCode.get(step.performer.unitCode)) || item.unit;
  return item.unit;
}

const familyOf = (unitCode: string) => unitCode.split('-')[0]!;

// ── Time on working days (Shanghai minutes from midnight) ──────────────────────────────────

const OPENS = 9 * 60;
const CLOSES = 17 * 60 + 30;
const MINUTE = 60_000;

interface At {
  day: number;
  minute: number;
}
const instantOf = (at: At) => new Date(startOfShanghaiDay(at.day).getTime() + at.minute * MINUTE);

/** The `n`th working day before `day` (n ≥ 1). */
function workdaysBefore(calendar: WorkCalendar, day: number, n: number): number {
  let d = day;
  for (let k = 0; k < n;) if (calendar.isWorkday(--d)) k++;
  return d;
}

function workdayOnOrAfter(calendar: WorkCalendar, day: number): number {
  let d = day;
  while (!calendar.isWorkday(d)) d++;
  return d;
}

/** `days` working days later at some office hour; 0 days is later the same day (the next morning after closing). */
function later(calendar: WorkCalendar, rng: Prng, from: At, days: number): At {
  if (days > 0) return { day: calendar.addWorkdays(from.day, days), minute: rng.int(OPENS, CLOSES - 30) };
  const minute = from.minute + rng.int(10, 150);
  if (minute <= CLOSES) return { day: from.day, minute };
  return { day: calendar.addWorkdays(from.day, 1), minute: OPENS + rng.int(0, 60) };
}

// ── Choosing the way through a process ───────────────────────────────────────────────────

/** How a case is meant to go: accepted and granted, refused in the decision, or not accepted at all. */
type Course = 'granted' | 'refused' | 'not_accepted';

const NEGATIVE = /不|有异议|发现问题|调解不成/;

/**
 * The outcome to record at a step, for the course the case takes: corrections asked for once when `correct`, a
 * hearing when `hearing`, a refusal only at a decision, otherwise the way forward.
 */
function chooseOutcome(outcomes: readonly string[], duty: StepDuty, how: { course: Course; correct: boolean; hearing: boolean }): string | null {
  if (outcomes.length === 0) return null;
  const find = (re: RegExp) => outcomes.find((o) => re.test(o));
  if (duty === 'accept' || outcomes.some((o) => o.includes('补正'))) {
    if (how.correct && find(/补正/)) return find(/补正/)!;
    if (how.course === 'not_accepted' && find(/不予受理/)) return find(/不予受理/)!;
  }
  if (outcomes.includes('要求听证')) return how.hearing ? '要求听证' : '放弃听证';
  if (duty === 'decide' && how.course === 'refused' && find(/^不予/)) return find(/^不予/)!;
  return outcomes.find((o) => !NEGATIVE.test(o) && !o.includes('补正')) ?? outcomes[0]!;
}

interface Move {
  stepId: string;
  outcome: string | null;
  advance: Advance;
}

/**
 * The steps a case completes, in order, with their outcomes: the engine's own walk (start, then each open step in
 * the order it opened). Null when the process cannot take this course (a step loops or a join never fills).
 */
function walkOf(item: DemoItem, how: { course: Course; correct: boolean; hearing: boolean }): { opened: string[]; moves: Move[] } | null {
  try {
    const start = startRun(item.chart);
    const queue = start.opened.map((s) => s.id);
    let state = start.state;
    const moves: Move[] = [];
    let corrected = false;
    for (let guard = 0; queue.length > 0 && guard < 40; guard++) {
      const stepId = queue.shift()!;
      const step = item.steps.get(stepId)!;
      const outcome = chooseOutcome(outcomesAfter(item.chart, stepId), step.duty ?? 'other', { ...how, correct: how.correct && !corrected });
      if (outcome?.includes('补正')) corrected = true;
      const advance = completeStep(item.chart, state, stepId, outcome);
      moves.push({ stepId, outcome, advance });
      if (advance.end) return { opened: start.opened.map((s) => s.id), moves };
      state = advance.state;
      queue.push(...advance.opened.map((s) => s.id));
    }
    return null;
  } catch (e) {
    if (e instanceof DomainError) return null;
    throw e;
  }
}

// ── Who did a step ──────────────────────────────────────────────────────────────────────

const STAFF: readonly Role[] = BUSINESS_ROLES;

/**
 * The person for a step: a demo account holding the step's role on its unit (most of the time), else a colleague
 * of that unit, role and duty; never someone the separation rules forbid given what they already did in the case.
 * A colleague does one duty only, so a colleague always fits.
 */
function personFor(ctx: Ctx, rng: Prng, item: DemoItem, unit: Unit, step: StepNode, done: readonly DoneStep[]): string {
  const duty = step.duty ?? 'other';
  const roles = step.performer.role ? [step.performer.role as Role] : STAFF;
  const colleague = colleagueId(`${unit.code}:${step.performer.role ?? '*'}:${duty}`);
  const accounts = ctx.people.filter((p) => holdsRoleOn(p.actor, roles, unit.path)).map((p) => p.id);
  const order = rng.chance(0.8) ? [...accounts, colleague] : [colleague, ...accounts];
  return order.find((id) => !findViolation(item.separations, done, id, duty)) ?? colleague;
}

// ── Applicants ──────────────────────────────────────────────────────────────────────────

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国志红玉兰德福海燕晨鹏辉宇浩然欣怡子涵梓萱'];
const FIRMS = ['宏达', '鑫源', '华盛', '恒通', '金石', '绿洲', '天元', '瑞丰', '永安', '兴业', '广厦', '汇川', '德润', '正泰', '博远', '明珠', '龙腾', '福源'];
const TRADES: Record<string, string[]> = {
  HB: ['环保科技有限公司', '化工有限公司', '建材有限公司', '养殖专业合作社'],
  ZJ: ['建筑工程有限公司', '房地产开发有限公司', '燃气有限公司', '物业服务有限公司', '市政工程有限公司'],
  JX: ['酒业商行', '副食超市', '烟酒商行', '商贸有限公司'],
  SL: ['水利工程有限公司', '砂石有限公司', '农业开发有限公司'],
  GA: ['商贸有限公司', '旅馆', '印章刻制有限公司'],
  SC: ['商贸有限公司', '餐饮店', '食品有限公司', '超市'],
  ZR: ['置业有限公司', '矿业有限公司', '农业开发有限公司'],
};
const ORG_CATEGORIES = new Set(['licensing', 'penalty', 'coercion', 'levy', 'inspection', 'non_licensing_approval']);

function personName(rng: Prng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.6) ? rng.pick(GIVEN) : '');
}

/** A made-up 18-digit identity number of the demo county (990101), with its ISO 7064 check character. */
function idNumber(rng: Prng, county: string): string {
  const birth = `${rng.int(1950, 2003)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
  const body = `${county}${birth}${String(rng.int(0, 999)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

function applicantFor(rng: Prng, county: string, item: DemoItem): Application['applicant'] {
  const name = personName(rng);
  const phone = `1${rng.pick(['38', '39', '58', '59', '87', '88'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
  if (ORG_CATEGORIES.has(item.content.category) && rng.chance(0.75)) {
    const trades = TRADES[item.code.slice(0, 2)] ?? ['商贸有限公司', '农业专业合作社'];
    return { name, phone, idNumber: null, organisation: `示范县${rng.pick(FIRMS)}${rng.pick(trades)}` };
  }
  return { name, phone, idNumber: idNumber(rng, county), organisation: null };
}

// ── History ─────────────────────────────────────────────────────────────────────────────

/** How many cases an item gets: applications most, enforcement and village matters fewer; 住建局 the most. */
const WEIGHT: Record<string, number> = {
  licensing: 3,
  non_licensing_approval: 3,
  confirmation: 3,
  benefit: 3,
  public_service: 3,
  other: 1.5,
  levy: 1.5,
  penalty: 1,
  inspection: 1,
  adjudication: 0.6,
  village_micro: 0.5,
  coercion: 0.4,
  reward: 0.3,
};

/** Comments as staff write them, by duty and outcome. */
function commentFor(rng: Prng, duty: StepDuty, outcome: string | null): string | null {
  if (outcome?.includes('补正')) return '材料不齐全，已一次性告知需补正的材料';
  if (outcome === '不予受理') return '申请事项不属于本机关职权范围，不予受理';
  if (outcome?.startsWith('不予')) return '经审查不符合法定条件';
  if (!rng.chance(0.35)) return null;
  switch (duty) {
    case 'accept':
      return '材料齐全，符合法定形式，予以受理';
    case 'review':
      return rng.pick(['经审查，申请材料真实、完整，符合法定条件', '已核查，情况属实', '审查通过，建议准予']);
    case 'decide':
      return rng.pick(['同意', '同意，按程序办理', '同意审查意见']);
    case 'deliver':
      return rng.pick(['已送达申请人', '申请人已现场签收', '已邮寄送达']);
    default:
      return null;
  }
}

/** Working days a clock-stop step takes (the time is told to the applicant and not counted). */
const stopDays = (rng: Prng, reason: string) => (reason === '听证' ? rng.int(5, 20) : reason === '专家评审' ? rng.int(5, 15) : rng.int(10, 25));

/**
 * A finished case that arrived on `arrival`, taking the course drawn for it, handled at the `pace` quantile of the
 * usual speeds (0 fastest, 1 slowest); null when it would not be over by today.
 */
function historicalCase(ctx: Ctx, rng: Prng, item: DemoItem, arrival: At, pace: number): { c: CaseRecord; tasks: TaskRecord[] } | null {
  const steps = [...item.steps.values()];
  const decides = steps.some((s) => s.duty === 'decide' && outcomesAfter(item.chart, s.id).some((o) => o.startsWith('不予')));
  const roll = rng.next();
  const course: Course = roll < 0.03 ? 'not_accepted' : roll < 0.09 && decides ? 'refused' : 'granted';
  const how = { course, correct: rng.chance(0.08), hearing: rng.chance(0.25) };
  const walk = walkOf(item, how);
  if (!walk) return null;

  // Steps before acceptance take a day or two; clock stops their own time; the rest share the working days from
  // acceptance to the end: a share of the item's limit, slower before the reform date (much slower at 住建局), now
  // and then late, and a few past the statutory limit.
  const kinds = phasesOf(item, walk.moves);
  const onClock = walk.moves.filter((_m, k) => kinds[k] === 'clock').map((m) => item.steps.get(m.stepId)!);
  const nominal = onClock.reduce((sum, s) => sum + (s.limitDays ?? 1), 0);
  const limit = item.content.promisedLimit ?? item.content.statutoryLimit ?? Math.max(1, nominal);
  // The usual speed: a triangular spread of 35%–95% of the limit, most cases near two thirds.
  let speed = 0.35 + 0.6 * (pace < 0.5 ? Math.sqrt(pace / 2) : 1 - Math.sqrt((1 - pace) / 2));
  const late = rng.next();
  if (late < 0.02 && item.content.statutoryLimit !== null) speed = (item.content.statutoryLimit + rng.int(1, 6)) / limit;
  else if (late < 0.07) speed = 1.05 + 0.5 * rng.next();
  if (arrival.day < ctx.reformDay) speed *= familyOf(item.unit.code) === DEMO_CASES.reformUnit ? DEMO_CASES.slowerBefore.ZJJ : DEMO_CASES.slowerBefore.other;
  const share = apportion(
    Math.round(speed * limit),
    onClock.map((s) => s.limitDays ?? 1),
  );

  const arrivedAt = instantOf(arrival).toISOString();
  const c = newCaseRecord({
    id: seededId(rng, instantOf(arrival).getTime()),
    countyCode: ctx.county,
    itemId: item.id,
    itemCode: item.code,
    itemName: item.content.name,
    category: item.content.category,
    revision: item.revision,
    unitId: item.unit.id,
    receipt: newReceipt((n) => rng.bytes(n)),
    channel: 'counter',
    applicantSealed: '',
    applicantMasked: '',
    summary: null,
    materials: item.content.materials.filter((m) => m.required).map((m) => ({ name: m.name, fileIds: [] })),
    arrivedAt,
    acceptanceDueAt: acceptanceDue(ctx.calendar, new Date(arrivedAt)).toISOString(),
    createdBy: 'migrated:former-system',
  });

  const tasks: TaskRecord[] = [];
  const byStep = new Map<string, TaskRecord>();
  const openedAt = new Map<string, At>();
  const open = (stepIds: string[], at: At) => {
    const iso = instantOf(at).toISOString();
    for (const stepId of stepIds) {
      const step = item.steps.get(stepId)!;
      const t: TaskRecord = {
        id: seededId(rng, instantOf(at).getTime()),
        caseId: c.id,
        countyCode: c.countyCode,
        stepId,
        stepName: step.name,
        duty: step.duty ?? 'other',
        unitId: performerUnit(ctx, item, step).id,
        role: step.performer.role,
        clockStop: step.clockStop,
        state: 'open',
        createdAt: iso,
        dueAt:
          step.limitDays === null || step.clockStop ? null : computeDeadline(ctx.calendar, { start: instantOf(at), days: step.limitDays }).due.toISOString(),
        claimedBy: null,
        claimedAt: null,
        completedBy: null,
        completedAt: null,
        outcome: null,
        comment: null,
        notice: null,
        attachments: [],
      };
      if (step.clockStop)
        c.suspensions.push({
          from: iso,
          to: null,
          reason: `${step.clockStop}（${CASE_LAW.acceptanceSource.replace('第三十二条', '第四十五条')}）`,
          notice: null,
          taskId: t.id,
        });
      tasks.push(t);
      byStep.set(stepId, t);
      openedAt.set(stepId, at);
    }
  };

  open(walk.opened, arrival);
  const done: DoneStep[] = [];
  let cursor = arrival;
  let clockIndex = 0;
  walk.moves.forEach((move, k) => {
    const step = item.steps.get(move.stepId)!;
    const task = byStep.get(move.stepId)!;
    const opened = openedAt.get(move.stepId)!;
    const from = instantOf(opened) > instantOf(cursor) ? opened : cursor;
    const days =
      kinds[k] === 'stop'
        ? stopDays(rng, step.clockStop!)
        : kinds[k] === 'clock'
          ? share[clockIndex++]!
          : c.correctionAsked && step.duty === 'accept'
            ? rng.int(1, 4)
            : step.duty === 'accept' && rng.chance(0.01)
              ? rng.int(6, 8) // answered after the five days: deemed accepted on arrival (第三十二条)
              : rng.next() < 0.55
                ? 0
                : rng.int(1, 2);
    const end = later(ctx.calendar, rng, from, days);
    const endAt = instantOf(end);
    const fromAt = instantOf(from);
    const claimedAt = new Date(Math.min(fromAt.getTime() + rng.int(5, 90) * MINUTE, fromAt.getTime() + (endAt.getTime() - fromAt.getTime()) / 2));
    const person = personFor(ctx, rng, item, performerUnit(ctx, item, step), step, done);
    done.push({ stepId: step.id, stepName: step.name, duty: step.duty ?? 'other', person });
    const iso = endAt.toISOString();
    task.state = 'done';
    task.claimedBy = person;
    task.claimedAt = claimedAt.toISOString();
    task.completedBy = person;
    task.completedAt = iso;
    task.outcome = move.outcome;
    task.comment = commentFor(rng, step.duty ?? 'other', move.outcome);
    // As CaseService.complete: acceptance within five working days counts from its day, later from arrival.
    const correction = step.duty === 'accept' && isCorrection(move.outcome);
    if (step.duty === 'accept' && c.state === 'pending' && !correction && !move.advance.end) {
      const accepted = acceptanceOnAnswer(ctx.calendar, new Date(c.arrivedAt), c.correctionAsked, endAt);
      c.acceptedAt = accepted.acceptedAt.toISOString();
      c.deemedAccepted = accepted.deemed;
      c.state = 'running';
    }
    if (correction) c.correctionAsked = true;
    const suspension = c.suspensions.find((s) => s.taskId === task.id);
    if (suspension) {
      suspension.notice = `${step.clockStop}所需时间约 ${days} 个工作日，不计入办理期限，已书面告知申请人`;
      suspension.to = iso;
      task.notice = suspension.notice;
    }
    for (const stepId of move.advance.cancelled) {
      const t = byStep.get(stepId);
      if (t && t.state === 'open') t.state = 'cancelled';
    }
    if (move.advance.end) {
      c.state = 'done';
      c.outcome = move.advance.end.name;
      c.closedAt = iso;
      for (const s of c.suspensions) s.to ??= iso;
    } else
      open(
        move.advance.opened.map((s) => s.id),
        end,
      );
    cursor = end;
  });
  if (c.state !== 'done' || new Date(c.closedAt!) >= startOfShanghaiDay(ctx.today)) return null;
  return { c, tasks };
}

/**
 * What each move's time counts as: before acceptance (`pre`: 受理 and the 补正 loop), a clock stop (`stop`), or on
 * the clock. An item without a 受理 step is on the clock from the start.
 */
function phasesOf(item: DemoItem, moves: readonly Move[]): ('pre' | 'stop' | 'clock')[] {
  let pending = [...item.steps.values()].some((s) => s.duty === 'accept');
  return moves.map((m) => {
    const step = item.steps.get(m.stepId)!;
    const kind = step.clockStop ? 'stop' : pending ? 'pre' : 'clock';
    if (pending && step.duty === 'accept' && !m.outcome?.includes('补正') && !m.advance.end) pending = false;
    return kind;
  });
}

/** `total` split in proportion to `weights` (largest remainder), whole days that sum to `total`. */
function apportion(total: number, weights: number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum === 0 ? total / weights.length : (total * w) / sum));
  const days = exact.map(Math.floor);
  let left = total - days.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    days[i]! += 1;
    left -= 1;
  }
  return days;
}

/** 0 … n−1 in a seeded order. */
function shuffled(rng: Prng, n: number): number[] {
  const list = Array.from({ length: Math.max(0, n) }, (_, i) => i);
  for (let i = list.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/** The months before `now` as a Shanghai day. */
function monthsBefore(now: Date, months: number): number {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return shanghaiDay(d);
}

/**
 * The demo's two years of finished cases and their tasks. Each item gets its share of the cases by its weight, half
 * before the reform date and half after, spread evenly over each side (each case in its own slice of it) with the
 * same spread of speeds on both: every unit's cases mix alike before and after, so its medians compare like with
 * like and differ by how much faster it became (住建局 markedly, the others a little).
 */
function demoHistory(ctx: Ctx): { cases: CaseRecord[]; tasks: TaskRecord[] } {
  const rng = new Prng(`${DEMO_CASES.seed}:${ctx.county}:history`);
  const cases: CaseRecord[] = [];
  const tasks: TaskRecord[] = [];
  // Two years back from today — and, when the reform date falls in them, at least a year before that date.
  let start = monthsBefore(ctx.now, DEMO_CASES.months);
  if (ctx.reformDay > start && ctx.reformDay < ctx.today) start = Math.min(start, monthsBefore(startOfShanghaiDay(ctx.reformDay), 12));
  const first = workdayOnOrAfter(ctx.calendar, start);
  const last = workdaysBefore(ctx.calendar, ctx.today, 3);
  const days: number[] = [];
  for (let d = first; d <= last; d++) if (ctx.calendar.isWorkday(d)) days.push(d);
  if (ctx.items.length === 0 || days.length === 0) return { cases, tasks };
  const before = days.filter((d) => d < ctx.reformDay);
  const after = days.filter((d) => d >= ctx.reformDay);
  // Cases in pairs: one of each before the reform date and one after, when the window spans it.
  const counts = apportion(
    Math.round(DEMO_CASES.history / 2),
    ctx.items.map((i) => (WEIGHT[i.content.category] ?? 1) * (familyOf(i.unit.code) === DEMO_CASES.reformUnit ? 2.5 : 1)),
  ).map((n) => 2 * n);
  ctx.items.forEach((item, k) => {
    const n = counts[k]!;
    const split = before.length > 0 && after.length > 0;
    const first = split ? n / 2 : n;
    // Paces spread evenly too, shuffled over the slices: each side of the date gets the whole range of speeds.
    const paces = [shuffled(rng, first), shuffled(rng, n - first)];
    for (let j = 0; j < n; j++) {
      // The j-th case of a side in the j-th slice of that side of the reform date.
      const [pool, slot, slots] = j < first ? [split ? before : days, j, first] : [after, j - first, n - first];
      const pace = (paces[j < first ? 0 : 1]![slot]! + rng.next()) / slots;
      for (let attempt = 0; attempt < 3; attempt++) {
        const day = pool[Math.min(pool.length - 1, Math.floor(((slot + rng.next()) / slots) * pool.length))]!;
        const made = historicalCase(ctx, rng, item, { day, minute: rng.int(OPENS, CLOSES - 40) }, pace);
        if (!made) continue;
        Object.assign(made.c, ctx.seal(applicantFor(rng, ctx.county, item)));
        cases.push(made.c);
        tasks.push(...made.tasks);
        break;
      }
    }
  });
  return { cases, tasks };
}

// ── Open cases, through the service ─────────────────────────────────────────────────────

/** How a step goes: the way forward, 补正, a refusal in the decision, or 不予受理. */
type Intent = 'ok' | 'correct' | 'refuse' | 'reject';

/** What someone did, `ago` working days before today. */
type StoryMove =
  | { ago: number; step: string; by: string; act?: 'complete' | 'claim'; intent?: Intent; notice?: string }
  | { ago: number; step: string; by: string; act: 'refused' }
  | { ago: number; act: 'extend'; by: string; reason: string; toldApplicant: string };

interface Story {
  key: string;
  item: string;
  clerk: string;
  /** Working days before today the application was registered. */
  arrive: number;
  applicant: Application['applicant'];
  summary: string;
  moves: StoryMove[];
}

const org = (organisation: string, name: string, phone: string): Application['applicant'] => ({ name, phone, idNumber: null, organisation });
const citizen = (name: string, phone: string): Application['applicant'] => ({ name, phone, idNumber: null, organisation: null });
const EXPERT_NOTICE = '本项目环境影响报告书须组织专家评审，所需时间约十五个工作日，不计入审批期限（行政许可法第四十五条），特此书面告知';

/**
 * The open (and a few recently finished) cases, by the demo's people, in the order they happened. The yellow and red
 * ones are so by their dates: 住建局 has no 股长 among the demo accounts, so its cases wait at 审查 and age.
 */
export const DEMO_STORIES: readonly Story[] = [
  // Waiting for 受理.
  {
    key: 'p1',
    item: 'HB-XK-002',
    clerk: 'hbj.clerk',
    arrive: 1,
    applicant: org('示范县鑫源化工有限公司', '钱立新', '13812340001'),
    summary: '新建年产2万吨水性涂料项目排污许可证申领',
    moves: [],
  },
  {
    key: 'p2',
    item: 'HB-QR-002',
    clerk: 'hbj.clerk',
    arrive: 2,
    applicant: org('示范县恒通燃气有限公司', '孙海峰', '13812340002'),
    summary: '突发环境事件应急预案（2026年修订版）备案',
    moves: [],
  },
  {
    key: 'p3',
    item: 'ZJ-XK-002',
    clerk: 'zjj.clerk',
    arrive: 1,
    applicant: org('示范县广厦房地产开发有限公司', '郭志强', '13812340003'),
    summary: '锦绣家园3号、4号楼商品房预售许可',
    moves: [],
  },
  {
    key: 'p4',
    item: 'ZJ-QR-005',
    clerk: 'zjj.clerk',
    arrive: 8,
    applicant: org('示范县德润物业服务有限公司', '罗春燕', '13812340004'),
    summary: '商业综合楼室内装修工程消防验收备案',
    moves: [],
  },
  {
    key: 'p5',
    item: 'DC-QR-001',
    clerk: 'dcz.clerk',
    arrive: 3,
    applicant: citizen('张桂兰', '13812340005'),
    summary: '申请最低生活保障（家庭人口3人）',
    moves: [],
  },
  {
    key: 'p6',
    item: 'JX-QR-001',
    clerk: 'jxj.clerk',
    arrive: 1,
    applicant: org('示范县福源烟酒商行', '叶文华', '13812340006'),
    summary: '酒类零售经营备案登记',
    moves: [],
  },
  {
    key: 'p7',
    item: 'DC-GG-003',
    clerk: 'dcz.clerk',
    arrive: 2,
    applicant: citizen('李建国', '13812340007'),
    summary: '残疾人证申领（肢体残疾）初审',
    moves: [],
  },
  // Accepted and at various steps.
  {
    key: 'r1',
    item: 'HB-XK-002',
    clerk: 'hbj.clerk',
    arrive: 4,
    applicant: org('示范县华盛建材有限公司', '徐国平', '13812340011'),
    summary: '水泥粉磨站排污许可证申领',
    moves: [{ ago: 3, step: 'accept', by: 'hbj.clerk' }],
  },
  {
    key: 'r2',
    item: 'HB-XK-003',
    clerk: 'hbj.clerk',
    arrive: 7,
    applicant: org('示范县绿洲养殖专业合作社', '马德福', '13812340012'),
    summary: '养殖场尾水入河排污口设置',
    moves: [
      { ago: 6, step: 'accept', by: 'hbj.clerk' },
      { ago: 5, step: 'review', by: 'hbj.chief', act: 'claim' },
    ],
  },
  {
    key: 'r3',
    item: 'HB-XK-002',
    clerk: 'hbj.clerk',
    arrive: 10,
    applicant: org('示范县金石建材有限公司', '高晓东', '13812340013'),
    summary: '商品混凝土搅拌站排污许可证申领',
    moves: [
      { ago: 9, step: 'accept', by: 'hbj.clerk' },
      { ago: 5, step: 'review', by: 'hbj.chief' },
      { ago: 4, step: 'site_check', by: 'hbj.clerk', act: 'claim' },
    ],
  },
  {
    key: 'r4',
    item: 'HB-XK-003',
    clerk: 'hbj.clerk',
    arrive: 14,
    applicant: org('示范县瑞丰农业开发有限公司', '林海涛', '13812340014'),
    summary: '农产品加工园区污水处理站入河排污口设置',
    moves: [
      { ago: 13, step: 'accept', by: 'hbj.clerk' },
      { ago: 9, step: 'review', by: 'hbj.chief' },
      { ago: 6, step: 'site_check', by: 'hbj.clerk' },
    ],
  },
  {
    key: 'r5',
    item: 'HB-QR-002',
    clerk: 'hbj.clerk',
    arrive: 6,
    applicant: org('示范县天元化工有限公司', '唐明辉', '13812340015'),
    summary: '危险化学品仓库突发环境事件应急预案备案',
    moves: [
      { ago: 5, step: 'accept', by: 'hbj.clerk' },
      { ago: 4, step: 'review', by: 'hbj.chief' },
    ],
  },
  {
    key: 'r6',
    item: 'HB-XK-001',
    clerk: 'hbj.clerk',
    arrive: 9,
    applicant: org('示范县正泰建材有限公司', '邓宇航', '13812340016'),
    summary: '年产30万立方米加气混凝土砌块生产线环境影响报告表审批',
    moves: [
      { ago: 8, step: 'accept', by: 'hbj.clerk' },
      { ago: 6, step: 'review', by: 'hbj.chief', act: 'claim' },
    ],
  },
  {
    key: 'r7',
    item: 'ZJ-XK-002',
    clerk: 'zjj.clerk',
    arrive: 3,
    applicant: org('示范县兴业房地产开发有限公司', '曹丽娟', '13812340017'),
    summary: '滨河花园一期1号至3号楼商品房预售许可',
    moves: [{ ago: 2, step: 'accept', by: 'zjj.clerk' }],
  },
  {
    key: 'r8',
    item: 'ZJ-XK-003',
    clerk: 'zjj.clerk',
    arrive: 7,
    applicant: org('示范县明珠食品有限公司', '彭晓红', '13812340018'),
    summary: '食品加工厂污水排入城镇排水管网许可',
    moves: [{ ago: 6, step: 'accept', by: 'zjj.clerk' }],
  },
  {
    key: 'r9',
    item: 'ZJ-XK-007',
    clerk: 'zjj.clerk',
    arrive: 10,
    applicant: org('示范县龙腾市政工程有限公司', '袁志刚', '13812340019'),
    summary: '老旧小区改造工程建筑垃圾处置核准',
    moves: [{ ago: 9, step: 'accept', by: 'zjj.clerk' }],
  },
  {
    key: 'r10',
    item: 'ZJ-QR-002',
    clerk: 'zjj.clerk',
    arrive: 18,
    applicant: org('示范县博远建筑工程有限公司', '蒋文斌', '13812340020'),
    summary: '第二小学教学楼工程竣工验收备案',
    moves: [{ ago: 17, step: 'accept', by: 'zjj.clerk' }],
  },
  {
    key: 'r11',
    item: 'DC-QR-002',
    clerk: 'dcz.clerk',
    arrive: 5,
    applicant: citizen('王秀英', '13812340021'),
    summary: '特困人员救助供养申请（本人无劳动能力、无生活来源）',
    moves: [{ ago: 4, step: 'accept', by: 'dcz.clerk' }],
  },
  {
    key: 'r12',
    item: 'HB-XK-002',
    clerk: 'hbj.clerk',
    arrive: 12,
    applicant: org('示范县汇川环保科技有限公司', '潘家豪', '13812340022'),
    summary: '医疗废物集中处置中心排污许可证申领',
    moves: [
      { ago: 11, step: 'accept', by: 'hbj.clerk' },
      { ago: 8, step: 'review', by: 'hbj.chief' },
      { ago: 4, step: 'site_check', by: 'hbj.clerk' },
      { ago: 2, step: 'decide', by: 'county.leader' },
    ],
  },
  {
    key: 'r13',
    item: 'JX-QR-001',
    clerk: 'jxj.clerk',
    arrive: 2,
    applicant: org('示范县永安副食超市', '董春梅', '13812340023'),
    summary: '酒类批发、零售经营备案登记',
    moves: [{ ago: 2, step: 'accept', by: 'jxj.clerk' }],
  },
  {
    key: 'r14',
    item: 'HB-QR-003',
    clerk: 'hbj.clerk',
    arrive: 2,
    applicant: org('示范县宏达化工有限公司', '蔡永军', '13812340024'),
    summary: '锅炉房固定污染源排污登记',
    moves: [{ ago: 2, step: 'accept', by: 'hbj.clerk' }],
  },
  // The clock stopped for an expert review (第四十五条), the notice to the applicant recorded.
  {
    key: 's1',
    item: 'HB-XK-001',
    clerk: 'hbj.clerk',
    arrive: 12,
    applicant: org('示范县德润化工有限公司', '余国庆', '13812340031'),
    summary: '年产5000吨精细化工中间体项目环境影响报告书审批',
    moves: [
      { ago: 11, step: 'accept', by: 'hbj.clerk' },
      { ago: 4, step: 'review', by: 'hbj.chief' },
      { ago: 3, step: 'expert', by: 'hbj.chief', act: 'claim', notice: EXPERT_NOTICE },
    ],
  },
  {
    key: 's2',
    item: 'HB-XK-001',
    clerk: 'hbj.clerk',
    arrive: 15,
    applicant: org('示范县金石矿业有限公司', '杜永红', '13812340032'),
    summary: '建筑用石料矿开采项目环境影响报告书审批',
    moves: [
      { ago: 14, step: 'accept', by: 'hbj.clerk' },
      { ago: 10, step: 'review', by: 'hbj.chief' },
      { ago: 9, step: 'expert', by: 'hbj.chief', act: 'claim', notice: EXPERT_NOTICE },
    ],
  },
  // Extended once by the head (第四十二条).
  {
    key: 'e1',
    item: 'HB-XK-002',
    clerk: 'hbj.clerk',
    arrive: 22,
    applicant: org('示范县恒通化工有限公司', '沈国栋', '13812340041'),
    summary: '化工园区污水处理厂排污许可证申领',
    moves: [
      { ago: 21, step: 'accept', by: 'hbj.clerk' },
      { ago: 15, step: 'review', by: 'hbj.chief' },
      { ago: 12, step: 'site_check', by: 'hbj.clerk' },
      {
        ago: 3,
        act: 'extend',
        by: 'hbj.head',
        reason: '现场核查发现排污口在线监测设施尚未联网，需企业整改后复核，经局长批准延长十个工作日',
        toldApplicant: '因在线监测设施需整改后复核，本许可的审批期限依法延长十个工作日，特此告知',
      },
    ],
  },
  // Finished recently.
  {
    key: 'd1',
    item: 'HB-QR-002',
    clerk: 'hbj.clerk',
    arrive: 12,
    applicant: org('示范县永安建材有限公司', '吕建华', '13812340051'),
    summary: '突发环境事件应急预案备案',
    moves: [
      { ago: 12, step: 'accept', by: 'hbj.clerk' },
      { ago: 11, step: 'review', by: 'hbj.chief' },
      { ago: 10, step: 'decide', by: 'county.leader' },
      { ago: 10, step: 'issue', by: 'hbj.clerk' },
    ],
  },
  {
    key: 'd2',
    item: 'HB-XK-003',
    clerk: 'hbj.clerk',
    arrive: 25,
    applicant: org('示范县广厦建材有限公司', '丁志伟', '13812340052'),
    summary: '砂石加工场入河排污口设置',
    moves: [
      { ago: 24, step: 'accept', by: 'hbj.clerk' },
      { ago: 19, step: 'review', by: 'hbj.chief' },
      { ago: 16, step: 'site_check', by: 'hbj.clerk' },
      { ago: 14, step: 'decide', by: 'county.leader', intent: 'refuse' },
      { ago: 13, step: 'refuse', by: 'hbj.clerk' },
    ],
  },
  {
    key: 'd3',
    item: 'HB-XK-002',
    clerk: 'hbj.clerk',
    arrive: 8,
    applicant: org('示范县龙腾商贸有限公司', '任晓峰', '13812340053'),
    summary: '汽车维修厂排污许可证申领',
    moves: [{ ago: 8, step: 'accept', by: 'hbj.clerk', intent: 'reject' }],
  },
  {
    key: 'd4',
    item: 'HB-QR-001',
    clerk: 'hbj.clerk',
    arrive: 3,
    applicant: org('示范县福源餐饮店', '姚丽', '13812340054'),
    summary: '餐饮店油烟净化设施建设项目环境影响登记表备案',
    moves: [
      { ago: 3, step: 'accept', by: 'hbj.clerk' },
      { ago: 3, step: 'decide', by: 'hbj.chief' },
      { ago: 3, step: 'issue', by: 'hbj.clerk' },
    ],
  },
  {
    key: 'd5',
    item: 'HB-XK-002',
    clerk: 'hbj.clerk',
    arrive: 35,
    applicant: org('示范县博远环保科技有限公司', '韩志明', '13812340055'),
    summary: '危险废物贮存设施排污许可证申领',
    moves: [
      { ago: 34, step: 'accept', by: 'hbj.clerk', intent: 'correct' },
      { ago: 34, step: 'notify', by: 'hbj.clerk' },
      { ago: 31, step: 'accept', by: 'hbj.clerk' },
      { ago: 25, step: 'review', by: 'hbj.chief' },
      { ago: 22, step: 'site_check', by: 'hbj.clerk' },
      { ago: 16, step: 'decide', by: 'county.leader' },
      { ago: 14, step: 'issue', by: 'hbj.clerk' },
    ],
  },
  // 吴刚, 经信局's leader who is also its 股长, reviews a liquor application and then tries to grant it himself.
  {
    key: 'x1',
    item: DEMO_LIQUOR_LICENCE_CODE,
    clerk: 'jxj.clerk',
    arrive: 3,
    applicant: org('示范县瑞丰酒业商行', '程玉兰', '13812340061'),
    summary: '白酒、啤酒批发经营备案登记',
    moves: [
      { ago: 3, step: 'accept', by: 'jxj.clerk' },
      { ago: 2, step: 'review', by: 'jxj.leader' },
      { ago: 1, step: 'decide', by: 'jxj.leader', act: 'refused' },
    ],
  },
];

const storySeed = (county: string, key: string) => `${DEMO_CASES.seed}:${county}:story:${key}`;

/** The receipt a story's case gets: the service draws it from the story's seeded randomness. */
export function storyReceipt(county: string, key: string): string {
  const rng = new Prng(storySeed(county, key));
  return newReceipt((n) => rng.bytes(n));
}

/**
 * Runs the stories not yet told (a story is told when its receipt exists; the last one told means all are). True
 * when any was told now.
 */
async function runStories(deps: DemoCaseDeps, actor: Actor, context: () => Promise<Ctx>): Promise<boolean> {
  const county = actor.countyCode;
  const exists = async (key: string) => {
    try {
      await deps.cases.getByReceipt(actor, storyReceipt(county, key));
      return true;
    } catch (e) {
      if (e instanceof DomainError && e.code === 'not_found') return false;
      throw e;
    }
  };
  if (await exists(DEMO_STORIES[DEMO_STORIES.length - 1]!.key)) return false;
  const ctx = await context();
  const clock = new ManualClock(ctx.now);
  let rng = new Prng('');
  const service = deps.casesAt(clock, (n) => rng.bytes(n));
  let told = false;
  for (const story of DEMO_STORIES) {
    if (await exists(story.key)) continue;
    rng = new Prng(storySeed(county, story.key));
    await tell(ctx, service, clock, rng, story);
    told = true;
  }
  return told;
}

async function tell(ctx: Ctx, service: CaseService, clock: ManualClock, rng: Prng, story: Story): Promise<void> {
  const item = ctx.items.find((i) => i.code === story.item);
  if (!item) throw new Error(`demo case ${story.key}: item ${story.item} is not published with a process`);
  const who = (login: string) => {
    const p = ctx.people.find((x) => x.login === login);
    if (!p) throw new Error(`demo case ${story.key}: no account ${login}`);
    return p.actor;
  };
  let last = 0;
  /** `ago` working days before today, after whatever this story did before. */
  const at = (ago: number) => {
    const day = workdaysBefore(ctx.calendar, ctx.today, ago);
    let t = instantOf({ day, minute: OPENS + 20 + ((story.key.charCodeAt(1) * 17) % 90) }).getTime();
    if (t <= last) t = last + 25 * MINUTE;
    last = t;
    clock.set(new Date(t));
  };
  at(story.arrive);
  let view: CaseView = await service.register(who(story.clerk), {
    itemCode: story.item,
    applicant: story.applicant,
    summary: story.summary,
    materials: item.content.materials.filter((m) => m.required).map((m) => ({ name: m.name, fileIds: [] })),
  });
  const taskAt = (step: string): TaskView => {
    const t = view.tasks.find((x) => x.stepId === step && (x.state === 'open' || x.state === 'claimed'));
    if (!t) throw new Error(`demo case ${story.key}: no open step ${step}`);
    return t;
  };
  for (const move of story.moves) {
    at(move.ago);
    if (move.act === 'extend') {
      view = await service.extend(who(move.by), view.id, { reason: move.reason, toldApplicant: move.toldApplicant });
      continue;
    }
    const person = who(move.by);
    let task = taskAt(move.step);
    if (move.act === 'refused') {
      const refused = await service.claim(person, task.id).then(
        () => null,
        (e: unknown) => e,
      );
      if (!(refused instanceof DomainError && refused.code === 'sod.violation'))
        throw new Error(`demo case ${story.key}: ${move.by} was expected to be refused ${move.step}`, { cause: refused });
      continue;
    }
    if (task.state === 'open') {
      await service.claim(person, task.id, { notice: 'notice' in move ? (move.notice ?? null) : null });
      task = await service.getTask(person, task.id);
      view = { ...view, tasks: view.tasks.map((t) => (t.id === task.id ? task : t)) };
    }
    if (move.act === 'claim') continue;
    clock.set(new Date((last += 20 * MINUTE)));
    const intent = ('intent' in move ? move.intent : undefined) ?? 'ok';
    const outcome = chooseOutcome(task.outcomes, task.duty, {
      course: intent === 'refuse' ? 'refused' : intent === 'reject' ? 'not_accepted' : 'granted',
      correct: intent === 'correct',
      hearing: false,
    });
    await service.complete(person, task.id, { outcome, comment: commentFor(rng, task.duty, outcome) });
    view = await service.getCase(person, view.id);
  }
}
