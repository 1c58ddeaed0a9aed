import { computeDeadline, endOfShanghaiDay, shanghaiDay, type Extension, type Suspension, type WorkCalendar } from '../calendar/calendar.rules.ts';

/** The law's numbers for a case's clock, with their sources. */
export const CASE_LAW = Object.freeze({
  /** 行政许可法 第三十二条: 申请材料不齐全…应当当场或者在五日内一次告知…逾期不告知的，自收到申请材料之日起即为受理. */
  acceptanceDays: 5,
  acceptanceSource: '《中华人民共和国行政许可法》第三十二条',
  /** 行政许可法 第四十二条: 经本行政机关负责人批准，可以延长十日，并应当将延长期限的理由告知申请人. */
  extensionDays: 10,
  extensionSource: '《中华人民共和国行政许可法》第四十二条',
  /** 行政许可法 第四十五条: 听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审所需时间不计算在期限内，应当书面告知申请人. */
  clockStopSource: '《中华人民共和国行政许可法》第四十五条',
  /** Only 行政许可 has the art. 42 extension. */
  extensionCategories: ['licensing'] as readonly string[],
  /** Yellow when this share of the limit is used (the county's 黄牌 rule; SUNLIT_CASE_YELLOW_RATIO overrides). */
  yellowRatio: 0.8,
});

export interface CaseLimits {
  statutoryLimit: number | null;
  promisedLimit: number | null;
}

/** The limit warnings count: the promise when there is one, else the statutory limit; none without either. */
export function warningLimit(l: CaseLimits): { days: number; kind: 'promised' | 'statutory' } | null {
  if (l.promisedLimit !== null) return { days: l.promisedLimit, kind: 'promised' };
  if (l.statutoryLimit !== null) return { days: l.statutoryLimit, kind: 'statutory' };
  return null;
}

export interface CaseClockInput extends CaseLimits {
  /** 受理: the day the clock starts (not itself counted). */
  acceptedAt: Date;
  suspensions: readonly Suspension[];
  extensions: readonly Extension[];
  yellowRatio: number;
}

export interface CaseDeadlines {
  due: Date | null;
  dueDate: string | null;
  yellowAt: Date | null;
  redAt: Date | null;
  statutoryDue: Date | null;
  provisional: boolean;
  limitDays: number | null;
  limitKind: 'promised' | 'statutory' | null;
}

/**
 * A case's deadlines on the legal clock. Red is the end of the limit's last working day; yellow the end of the
 * working day by which `yellowRatio` of it is used (rounded down to whole days, so a 5-day promise turns yellow at
 * the end of day 4 and a 3-day one at the end of day 2; a 1-day one from acceptance). Extensions lengthen the limit
 * the ratio is taken of; suspensions stop the clock for both.
 */
export function caseDeadlines(calendar: WorkCalendar, input: CaseClockInput, now: Date): CaseDeadlines {
  const limit = warningLimit(input);
  const run = (days: number) => computeDeadline(calendar, { start: input.acceptedAt, days, suspensions: input.suspensions, extensions: input.extensions }, now);
  const statutoryDue = input.statutoryLimit === null ? null : run(input.statutoryLimit).due;
  if (!limit) return { due: null, dueDate: null, yellowAt: null, redAt: null, statutoryDue, provisional: false, limitDays: null, limitKind: null };
  const due = run(limit.days);
  const extended = input.extensions.reduce((sum, e) => sum + e.days, 0);
  const yellowDays = Math.floor((limit.days + extended) * input.yellowRatio);
  const yellowAt =
    yellowDays === 0
      ? endOfShanghaiDay(shanghaiDay(input.acceptedAt))
      : computeDeadline(calendar, { start: input.acceptedAt, days: yellowDays, suspensions: input.suspensions }, now).due;
  return {
    due: due.due,
    dueDate: due.dueDate,
    yellowAt,
    redAt: due.due,
    statutoryDue,
    provisional: due.provisional,
    limitDays: limit.days,
    limitKind: limit.kind,
  };
}

export type Warning = 'none' | 'green' | 'yellow' | 'red';

/** Where an open case stands at `now`; a closed one by when it closed. */
export function warningAt(d: { yellowAt: Date | null; redAt: Date | null }, at: Date): Warning {
  if (!d.redAt || !d.yellowAt) return 'none';
  if (at >= d.redAt) return 'red';
  if (at >= d.yellowAt) return 'yellow';
  return 'green';
}

/** The day acceptance is due (第三十二条): five working days after the materials arrived. */
export function acceptanceDue(calendar: WorkCalendar, arrivedAt: Date): Date {
  return computeDeadline(calendar, { start: arrivedAt, days: CASE_LAW.acceptanceDays }).due;
}

/**
 * When the case counts as accepted: the day it was accepted, or — answered only after the five working days, or not
 * yet answered and past them — the day the materials arrived (逾期不告知的，自收到申请材料之日起即为受理).
 */
export function acceptanceOf(calendar: WorkCalendar, arrivedAt: Date, answeredAt: Date): { acceptedAt: Date; deemed: boolean } {
  return answeredAt >= acceptanceDue(calendar, arrivedAt) ? { acceptedAt: arrivedAt, deemed: true } : { acceptedAt: answeredAt, deemed: false };
}

/** The outcomes of 受理 that ask for the missing materials (一次性告知补正), as the templates and demo name them. */
export const CORRECTION_OUTCOMES: readonly string[] = ['需补正', '补正', '材料不齐全'];
export const isCorrection = (outcome: string | null): boolean => outcome !== null && CORRECTION_OUTCOMES.includes(outcome);

/**
 * When a case answered at `answeredAt` counts as accepted. After a correction asked in time the five days run from
 * the complete materials, which the system does not see arrive: acceptance then counts from the answer.
 */
export function acceptanceOnAnswer(calendar: WorkCalendar, arrivedAt: Date, correctionAsked: boolean, answeredAt: Date): { acceptedAt: Date; deemed: boolean } {
  return correctionAsked ? { acceptedAt: answeredAt, deemed: false } : acceptanceOf(calendar, arrivedAt, answeredAt);
}

/** Working days the case took on the clock: from the day after acceptance to the closing day, stops left out. */
export function workdaysTaken(calendar: WorkCalendar, acceptedAt: Date, closedAt: Date, suspensions: readonly Suspension[]): number {
  const from = shanghaiDay(acceptedAt);
  const to = shanghaiDay(closedAt);
  if (to <= from) return 0;
  // Parallel clock stops overlap: merge their spans so a shared day is left out once.
  const spans = suspensions
    .map((s) => ({ a: Math.max(from, shanghaiDay(s.from)), b: Math.min(to, shanghaiDay(s.to ?? closedAt)) }))
    .filter((s) => s.b > s.a)
    .sort((x, y) => x.a - y.a);
  let stopped = 0;
  let reach = from;
  for (const { a, b } of spans) {
    const start = Math.max(a, reach);
    if (b > start) stopped += calendar.workdaysBetween(start, b);
    reach = Math.max(reach, b);
  }
  return Math.max(0, calendar.workdaysBetween(from, to) - stopped);
}

/** Whether the item's category has the art. 42 extension. */
export const mayExtend = (category: string): boolean => CASE_LAW.extensionCategories.includes(category);
