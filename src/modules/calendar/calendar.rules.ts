// The legal clock (法定工作日): which days are working days on the official calendar, and deadlines counted in them.
// Pure: the calendar data and the instants come in; nothing here reads a clock or a database.
//
// 行政许可法 第八十二条: 本法规定的行政机关实施行政许可的期限以工作日计算，不含法定节假日. A working day is a
// Monday to Friday that is not a statutory holiday, or a Saturday or Sunday the State Council notice makes a working
// day (调休上班). A year's notice comes out around November of the year before; until then a year counts weekends
// only and every date that depends on it is provisional (暂定).

/** The national calendar's region code; a county's own holidays are the region of its unit code. */
export const NATIONAL_REGION = 'CN';

/** A civil date, YYYY-MM-DD (in Asia/Shanghai, where it matters). */
export type IsoDate = string;

const DAY_MS = 86_400_000;
/** China has kept UTC+8 all year since 1991: an instant's civil date there is a fixed shift away. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
/** The days a calendar can answer for: enough for any case's history and any deadline ahead. */
export const CALENDAR_RANGE = { from: 2000, to: 2099 } as const;

/** Days since 1970-01-01 of a civil date. */
export function dayNumber(date: IsoDate): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) throw new RangeError(`not a date: ${date}`);
  return t / DAY_MS;
}
const ISO_BASE = Date.UTC(1970, 0, 1) / DAY_MS;
const isoCache: IsoDate[] = [];
/** The civil date of a day number (cached: deadlines are recomputed by the million). */
export function isoOf(day: number): IsoDate {
  const i = day - ISO_BASE;
  return (isoCache[i] ??= new Date(day * DAY_MS).toISOString().slice(0, 10));
}
/** 0 Sunday … 6 Saturday. */
export const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;
const yearOf = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();
/** The civil date in Asia/Shanghai of an instant. */
export const shanghaiDay = (instant: Date): number => Math.floor((instant.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
/** 00:00 Asia/Shanghai at the start of a day, as an instant. */
export const startOfShanghaiDay = (day: number): Date => new Date(day * DAY_MS - SHANGHAI_OFFSET_MS);
/** 24:00 Asia/Shanghai at the end of a day, as an instant. */
export const endOfShanghaiDay = (day: number): Date => new Date((day + 1) * DAY_MS - SHANGHAI_OFFSET_MS);

/** One year's notice for a region: its rest days and its adjusted working days. */
export interface CalendarYear {
  year: number;
  /** The notice's number, e.g. 国办发明电〔2023〕7号. */
  notice: string;
  published: string | null;
  holidays: { date: IsoDate; name: string }[];
  workdays: IsoDate[];
}

/** A region's calendar: the national notices, and a county's own holidays on top (some provinces have their own). */
export interface CalendarData {
  national: CalendarYear[];
  /** Regional additions (a county's or autonomous region's holidays), by region code. */
  regional?: { region: string; years: CalendarYear[] }[];
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';

export interface DayInfo {
  date: IsoDate;
  workday: boolean;
  kind: DayKind;
  /** The holiday's name (春节 …), 调休上班 for an adjusted working day. */
  name: string | null;
  /** The region whose notice made it so (CN for the national one). */
  region: string | null;
  /** Its year has no national notice yet: weekends only, 暂定. */
  provisional: boolean;
}

/**
 * Working days of one region from 2000 to 2099, answered in constant time: each day's kind, and the ordinal of
 * working days (how many fall on or before a day) with its inverse, so that "the Nth working day after" is one lookup.
 */
export class WorkCalendar {
  private readonly first = dayNumber(`${CALENDAR_RANGE.from}-01-01`);
  private readonly last = dayNumber(`${CALENDAR_RANGE.to}-12-31`);
  private readonly kinds: Uint8Array;
  private readonly names = new Map<number, { name: string; region: string }>();
  /** Working days on or before each day (index day − first). */
  private readonly ordinal: Int32Array;
  /** The day of the k-th working day (1-based; index 0 unused). */
  private readonly workdayAt: Int32Array;
  /** Days without a national notice on or before each day (index day − first): a span is 暂定 when it holds one. */
  private readonly unnoticed: Int32Array;
  /** Years the national notice covers. */
  readonly noticeYears: ReadonlySet<number>;
  readonly notices: ReadonlyMap<number, { notice: string; published: string | null }>;

  constructor(data: CalendarData, region: string | null = null) {
    const size = this.last - this.first + 1;
    this.kinds = new Uint8Array(size);
    for (let i = 0; i < size; i++) {
      const wd = weekdayOf(this.first + i);
      this.kinds[i] = wd === 0 || wd === 6 ? KIND.weekend : KIND.workday;
    }
    const apply = (years: CalendarYear[], from: string) => {
      for (const y of years) {
        for (const h of y.holidays) this.set(dayNumber(h.date), KIND.holiday, h.name, from);
        for (const d of y.workdays) this.set(dayNumber(d), KIND.adjusted_workday, '调休上班', from);
      }
    };
    apply(data.national, NATIONAL_REGION);
    for (const r of data.regional ?? []) if (r.region === region) apply(r.years, r.region);
    this.noticeYears = new Set(data.national.map((y) => y.year));
    this.notices = new Map(data.national.map((y) => [y.year, { notice: y.notice, published: y.published }]));

    this.ordinal = new Int32Array(size);
    this.unnoticed = new Int32Array(size);
    const at: number[] = [0];
    let count = 0;
    let unnoticed = 0;
    for (let i = 0; i < size; i++) {
      if (this.kinds[i] === KIND.workday || this.kinds[i] === KIND.adjusted_workday) {
        count++;
        at.push(this.first + i);
      }
      if (!this.noticeYears.has(yearOf(this.first + i))) unnoticed++;
      this.ordinal[i] = count;
      this.unnoticed[i] = unnoticed;
    }
    this.workdayAt = Int32Array.from(at);
  }

  private set(day: number, kind: number, name: string, region: string): void {
    if (day < this.first || day > this.last) return;
    this.kinds[day - this.first] = kind;
    this.names.set(day, { name, region });
  }

  private index(day: number): number {
    if (!Number.isInteger(day) || day < this.first || day > this.last)
      throw new RangeError(`${Number.isInteger(day) ? isoOf(day) : day} is outside the calendar (${CALENDAR_RANGE.from}–${CALENDAR_RANGE.to})`);
    return day - this.first;
  }

  isWorkday(day: number): boolean {
    const k = this.kinds[this.index(day)];
    return k === KIND.workday || k === KIND.adjusted_workday;
  }

  /** The day's year has no national notice yet. */
  isProvisional(day: number): boolean {
    return !this.noticeYears.has(yearOf(day));
  }

  dayInfo(day: number): DayInfo {
    const kind = KIND_NAMES[this.kinds[this.index(day)]!]!;
    const named = this.names.get(day);
    return {
      date: isoOf(day),
      workday: kind === 'workday' || kind === 'adjusted_workday',
      kind,
      name: named?.name ?? null,
      region: named?.region ?? null,
      provisional: this.isProvisional(day),
    };
  }

  /** Working days in (from, to]: after `from`, up to and including `to` (0 when to ≤ from). */
  workdaysBetween(from: number, to: number): number {
    if (to <= from) return 0;
    return this.ordinal[this.index(to)]! - this.ordinal[this.index(from)]!;
  }

  /** The Nth working day after `day` (the day itself not counted); `day` itself for n = 0. */
  addWorkdays(day: number, n: number): number {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`the number of working days must be a whole number ≥ 0, not ${n}`);
    if (n === 0) return day;
    const k = this.ordinal[this.index(day)]! + n;
    if (k >= this.workdayAt.length) throw new RangeError(`${n} working days after ${isoOf(day)} is past the calendar's end (${CALENDAR_RANGE.to})`);
    return this.workdayAt[k]!;
  }

  /** Whether a count over (from, to] depends on a day of a year without a national notice. */
  dependsOnUnnoticed(from: number, to: number): boolean {
    return to > from && this.unnoticed[this.index(to)]! - this.unnoticed[this.index(from)]! > 0;
  }

  /** Years in (from, to] that have no national notice: the days a count over that span depends on are 暂定. */
  provisionalYears(from: number, to: number): number[] {
    const out: number[] = [];
    for (let y = yearOf(from + 1); y <= yearOf(Math.max(from + 1, to)); y++) if (!this.noticeYears.has(y)) out.push(y);
    return out;
  }
}

const KIND = { workday: 0, weekend: 1, holiday: 2, adjusted_workday: 3 } as const;
const KIND_NAMES: DayKind[] = ['workday', 'weekend', 'holiday', 'adjusted_workday'];

/** The clock stopped between two instants (行政许可法 第四十五条: 听证、检验、鉴定、专家评审 …), with the reason. */
export interface Suspension {
  from: Date;
  /** When the clock started again; null while it is still stopped (counted up to `now`). */
  to: Date | null;
  reason: string;
}

/** More working days granted (第四十二条: 经本行政机关负责人批准，可以延长十日), by whom and why. */
export interface Extension {
  days: number;
  approvedBy: string;
  reason: string;
}

export interface DeadlineInput {
  /** When the time started (受理): the start day itself is not counted. */
  start: Date;
  /** Working days allowed. */
  days: number;
  suspensions?: readonly Suspension[];
  extensions?: readonly Extension[];
}

export interface Deadline {
  /** 24:00 Asia/Shanghai at the end of the last working day. */
  due: Date;
  dueDate: IsoDate;
  /** It depends on a year without a national notice: it may move when the notice comes. */
  provisional: boolean;
  /** The clock is stopped now (a suspension without an end): the due date assumes it starts again today. */
  paused: boolean;
}

export interface DeadlineExplanation extends Deadline {
  startDate: IsoDate;
  /** Working days counted: the allowed days plus the extensions. */
  counted: number;
  days: number;
  extensions: Extension[];
  suspensions: { from: IsoDate; to: IsoDate | null; reason: string; workdaysStopped: number }[];
  /** Days between the start and the due date that were not counted, and why. */
  skipped: { date: IsoDate; kind: 'weekend' | 'holiday' | 'suspended'; name: string | null }[];
  /** Weekend days that were counted because the notice made them working days (调休上班). */
  adjustedWorked: IsoDate[];
  /** Years without a national notice the count depends on (weekends only, 暂定). */
  provisionalYears: number[];
  /** The notices the count relied on, by year. */
  notices: { year: number; notice: string }[];
}

const NONE: readonly Suspension[] = [];

/** The clock-stopped spans in day numbers, (stopDay, resumeDay], merged and in order. */
function stoppedSpans(suspensions: readonly Suspension[], now: Date): { from: number; to: number }[] {
  const spans = suspensions
    .map((s) => ({ from: shanghaiDay(s.from), to: shanghaiDay(s.to ?? now) }))
    .filter((s) => s.to > s.from)
    .sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else merged.push({ ...s });
  }
  return merged;
}

/**
 * The deadline: the end (24:00 Asia/Shanghai) of the Nth working day after the start day, N being the allowed days
 * plus extensions; working days while the clock is stopped — after the day it stopped, up to and including the day
 * it started again — are not counted. `now` stands in for the end of a suspension still running.
 */
export function computeDeadline(calendar: WorkCalendar, input: DeadlineInput, now: Date = input.start): Deadline {
  const startDay = shanghaiDay(input.start);
  let counted = input.days;
  for (const e of input.extensions ?? []) counted += e.days;
  let cursor = startDay;
  let remaining = counted;
  let due: number | null = null;
  const suspensions = input.suspensions ?? NONE;
  for (const span of suspensions.length === 0 ? [] : stoppedSpans(suspensions, now)) {
    if (span.to <= cursor) continue;
    const from = Math.max(span.from, cursor);
    const available = calendar.workdaysBetween(cursor, from);
    if (available >= remaining) {
      due = calendar.addWorkdays(cursor, remaining);
      break;
    }
    remaining -= available;
    cursor = span.to;
  }
  due ??= calendar.addWorkdays(cursor, remaining);
  return {
    due: endOfShanghaiDay(due),
    dueDate: isoOf(due),
    provisional: calendar.dependsOnUnnoticed(startDay, due),
    paused: suspensions.some((s) => s.to === null),
  };
}

/** The deadline with everything that made it: days counted, skipped weekends and holidays, adjusted days, suspensions. */
export function explainDeadline(calendar: WorkCalendar, input: DeadlineInput, now: Date = input.start): DeadlineExplanation {
  const deadline = computeDeadline(calendar, input, now);
  const startDay = shanghaiDay(input.start);
  const dueDay = dayNumber(deadline.dueDate);
  const spans = stoppedSpans(input.suspensions ?? [], now);
  const stopped = (day: number) => spans.some((s) => day > s.from && day <= s.to);
  const skipped: DeadlineExplanation['skipped'] = [];
  const adjustedWorked: IsoDate[] = [];
  for (let day = startDay + 1; day <= dueDay; day++) {
    const info = calendar.dayInfo(day);
    if (info.kind === 'weekend' || info.kind === 'holiday') skipped.push({ date: info.date, kind: info.kind, name: info.name });
    else if (stopped(day)) skipped.push({ date: info.date, kind: 'suspended', name: null });
    else if (info.kind === 'adjusted_workday') adjustedWorked.push(info.date);
  }
  const years = new Set<number>();
  for (let y = yearOf(startDay + 1); y <= yearOf(Math.max(startDay + 1, dueDay)); y++) years.add(y);
  return {
    ...deadline,
    startDate: isoOf(startDay),
    days: input.days,
    counted: input.days + (input.extensions ?? []).reduce((sum, e) => sum + e.days, 0),
    extensions: [...(input.extensions ?? [])],
    suspensions: (input.suspensions ?? []).map((s) => {
      const from = shanghaiDay(s.from);
      const to = shanghaiDay(s.to ?? now);
      return { from: isoOf(from), to: s.to ? isoOf(to) : null, reason: s.reason, workdaysStopped: calendar.workdaysBetween(from, to) };
    }),
    skipped,
    adjustedWorked,
    provisionalYears: calendar.provisionalYears(startDay, dueDay),
    notices: [...years].flatMap((y) => {
      const n = calendar.notices.get(y);
      return n ? [{ year: y, notice: n.notice }] : [];
    }),
  };
}

/** A day-by-day count, the obvious way: the benchmark's baseline and the property tests' reference. */
export function addWorkdaysNaively(isWorkday: (day: number) => boolean, day: number, n: number): number {
  let d = day;
  for (let left = n; left > 0;) {
    d++;
    if (isWorkday(d)) left--;
  }
  return d;
}
