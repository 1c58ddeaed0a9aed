import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { actorLabel, type Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError, forbidden, type LocalizedText } from '../../shared/errors.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { UnitRepository } from '../org/unit.repository.ts';
import type { NewCalendarYear } from './calendar.contract.ts';
import { canMaintainCalendar, inCalendarRange, noticeProblems, provisionalReason } from './calendar-notice.rules.ts';
import type { CalendarNotice, CalendarRepository } from './calendar.repository.ts';
import {
  CALENDAR_RANGE,
  dayNumber,
  explainDeadline,
  isoOf,
  NATIONAL_REGION,
  shanghaiDay,
  startOfShanghaiDay,
  WorkCalendar,
  type CalendarYear,
  type DayInfo,
  type DeadlineExplanation,
} from './calendar.rules.ts';
import { IcsUnreadable, readIcs, type IcsReading } from './ics.reader.ts';
import { DeadlineRegister, type TrackedDeadline } from './deadline-register.ts';
import type { TrackedDeadlineRepository } from './tracked-deadline.repository.ts';

export interface CalendarDeps {
  db: Kysely<Database>;
  calendar: CalendarRepository;
  deadlines: TrackedDeadlineRepository;
  units: UnitRepository;
  audit: AuditLog;
  clock: Clock;
}

/** A deadline's explanation as the API and CLI give it: instants as ISO text, the region, and why it is 暂定. */
export type Explanation = Omit<DeadlineExplanation, 'due'> & { due: string; region: string; reason: LocalizedText | null };

export interface WorkdaysAnswer {
  date: string;
  n: number;
  region: string;
  result: string;
  provisional: boolean;
  provisionalYears: number[];
  reason: LocalizedText | null;
  explanation: Explanation;
}

export interface IcsImportResult extends StoredYear, Pick<IcsReading, 'events' | 'eventsOutsideYear' | 'daysOutsideYear' | 'skipped'> {}

/** A year to store, with where it came from and how the audit log names the change. */
/** A stored year's notice, and the deadlines of open work it moved. */
export interface StoredYear {
  notice: CalendarNotice;
  replaced: boolean;
  deadlinesMoved: TrackedDeadline[];
}

interface YearEntry {
  region: string;
  year: CalendarYear;
  replace: boolean;
  source: string;
  action: 'calendar.year_add' | 'calendar.year_import';
  /** More for the audit payload (an import's file hash and what it left out). */
  extra?: Record<string, unknown>;
}

/** Another server process's change reaches this one's cached calendars within this long. */
const CALENDAR_CACHE_MS = 10_000;

/** A module's recomputation of its own deadlines after a notice (see `whenNoticeStored`). */
export type NoticeListener = (trx: Kysely<Database>, actor: Actor, countyCode: string, calendar: WorkCalendar) => Promise<void>;

/**
 * The legal clock's calendars (法定工作日): a working calendar per region — the national notices plus, for a unit of
 * the county, that unit's own holidays — kept built in memory, and the notices behind them, added by hand or from
 * an ICS file.
 */
export class CalendarService {
  private readonly cache = new Map<string, { at: number; calendar: WorkCalendar }>();
  /** Bumped whenever a year is stored, so that a calendar built from older rows is not cached over a newer one. */
  private generation = 0;

  /** Deadlines of open work, recomputed here whenever a notice changes the calendar they count on. */
  readonly deadlines: DeadlineRegister;
  /** Modules that keep deadlines of their own (cases: warning instants) and recompute them when a notice comes. */
  private readonly noticeListeners: NoticeListener[] = [];

  constructor(private readonly deps: CalendarDeps) {
    this.deadlines = new DeadlineRegister({
      db: deps.db,
      deadlines: deps.deadlines,
      // A recomputation after a notice needs the calendar as its own transaction sees it; recording a deadline can
      // take the cached one (a miss is built in the caller's transaction, never read beside it).
      calendarFor: (q, countyCode, region, fresh) => {
        const cached = fresh ? undefined : this.cachedCalendar(countyCode, region ?? NATIONAL_REGION);
        return cached ? Promise.resolve(cached) : this.buildCalendar(q, countyCode, region ?? NATIONAL_REGION);
      },
      audit: deps.audit,
      clock: deps.clock,
    });
  }

  /**
   * Calls `listener` inside the transaction that stores a notice, after the register's recomputation, with the
   * county's calendar (national notices and the county's own holidays) as that transaction sees it.
   */
  whenNoticeStored(listener: NoticeListener): void {
    this.noticeListeners.push(listener);
  }

  /** The working calendar of a region (CN when none is named): what every deadline of the county is counted on. */
  async workCalendar(countyCode: string, region: string = NATIONAL_REGION): Promise<WorkCalendar> {
    const cached = this.cachedCalendar(countyCode, region);
    if (cached) return cached;
    const generation = this.generation;
    const calendar = await this.buildCalendar(this.deps.db, countyCode, region);
    if (generation === this.generation) this.cache.set(`${countyCode}/${region}`, { at: performance.now(), calendar });
    return calendar;
  }

  private cachedCalendar(countyCode: string, region: string): WorkCalendar | undefined {
    const cached = this.cache.get(`${countyCode}/${region}`);
    return cached && performance.now() - cached.at < CALENDAR_CACHE_MS ? cached.calendar : undefined;
  }

  /**
   * The region's calendar as `q` sees it, never cached: inside a transaction that stores a year, the calendar with
   * that year (what recomputing the provisional deadlines of open work needs before the change commits).
   */
  async buildCalendar(q: Kysely<Database>, countyCode: string, region: string = NATIONAL_REGION): Promise<WorkCalendar> {
    await this.assertRegion(q, countyCode, region);
    const regions = region === NATIONAL_REGION ? [NATIONAL_REGION] : [NATIONAL_REGION, region];
    const rows = await this.deps.calendar.listByRegions(q, regions);
    const national = rows.find((r) => r.region === NATIONAL_REGION)?.years ?? [];
    return new WorkCalendar({ national, regional: rows.filter((r) => r.region !== NATIONAL_REGION) }, region);
  }

  /** The Nth working day after a date (the date itself not counted), with how it was counted. */
  async addWorkdays(actor: Actor, input: { date: string; n: number; region?: string }): Promise<WorkdaysAnswer> {
    const day = dayOf('date', input.date);
    const explanation = await this.explainFrom(actor, day, { days: input.n, field: 'n' }, input.region);
    return {
      date: isoOf(day),
      n: input.n,
      region: explanation.region,
      result: explanation.dueDate,
      provisional: explanation.provisional,
      provisionalYears: explanation.provisionalYears,
      reason: explanation.reason,
      explanation,
    };
  }

  /** Whether a day is a working day, and why (the holiday's name, 调休上班, a weekend), in a region. */
  async dayInfo(actor: Actor, date: string, region?: string): Promise<DayInfo & { reason: LocalizedText | null }> {
    const day = dayOf('date', date);
    const info = (await this.workCalendar(actor.countyCode, region)).dayInfo(day);
    return { ...info, reason: provisionalReason(info.provisional ? [Number(info.date.slice(0, 4))] : []) };
  }

  /** The caller's open deadlines, soonest first, each with what moved and its explanation (suspensions, extensions …). */
  async myDeadlines(actor: Actor): Promise<(Omit<TrackedDeadline, 'suspensions' | 'extensions'> & { explanation: Explanation })[]> {
    if (actor.kind !== 'user') return [];
    const now = this.deps.clock.now();
    const out = [];
    for (const { suspensions, extensions, ...d } of await this.deadlines.mine(actor.countyCode, actor.accountId)) {
      const region = d.region ?? NATIONAL_REGION;
      const e = explainDeadline(await this.workCalendar(actor.countyCode, region), { start: new Date(d.start), days: d.days, suspensions, extensions }, now);
      out.push({ ...d, explanation: asExplanation(e, region) });
    }
    return out;
  }

  /** A region's year day by day: every day that is not an ordinary working day (weekends, holidays, adjusted days). */
  async yearDays(actor: Actor, year: number, region?: string): Promise<{ year: number; provisional: boolean; days: DayInfo[] }> {
    if (!inCalendarRange(year)) throw invalid('year', yearRangeText());
    const calendar = await this.workCalendar(actor.countyCode, region);
    const days: DayInfo[] = [];
    for (let day = dayNumber(`${year}-01-01`); day <= dayNumber(`${year}-12-31`); day++) {
      const info = calendar.dayInfo(day);
      if (info.kind !== 'workday') days.push(info);
    }
    return { year, provisional: calendar.isProvisional(dayNumber(`${year}-01-01`)), days };
  }

  /** The explanation of a deadline: `start` (a date, or an instant whose Shanghai day counts) plus `days` working days. */
  async explain(actor: Actor, input: { start: string; days: number; region?: string }): Promise<Explanation> {
    return this.explainFrom(actor, startDayOf(input.start), { days: input.days, field: 'days' }, input.region);
  }

  /** The notices stored, with how many days each names: of one region, or of every region. */
  async years(_actor: Actor, region?: string): Promise<CalendarNotice[]> {
    return this.deps.calendar.listNotices(this.deps.db, region);
  }

  /** Adds a region's notice for a year (放假安排), or replaces it when `replace` says so; audited. */
  async addYear(actor: Actor, input: NewCalendarYear): Promise<StoredYear> {
    const { region = NATIONAL_REGION, replace = false, holidays, ...rest } = input;
    const year = { ...rest, holidays: holidays.map((h) => ({ date: h.date, name: h.name.trim() })) };
    return this.storeYear(actor, { region, year, replace, source: `entered by ${actorLabel(actor)}`, action: 'calendar.year_add' });
  }

  /** Reads a year's holidays and adjusted working days from an ICS file and stores them as the region's notice; audited. */
  async importIcs(actor: Actor, input: { ics: string; year: number; region?: string; notice?: string; replace?: boolean }): Promise<IcsImportResult> {
    const { year, region = NATIONAL_REGION, replace = false } = input;
    // The caller hears "not allowed" before anything about the file (checked again where it is stored).
    await this.assertMaintainer(this.deps.db, actor);
    if (!inCalendarRange(year)) throw invalid('year', yearRangeText());
    const reading = readIcsOrRefuse(input.ics, year);
    const sha256 = createHash('sha256').update(input.ics).digest('hex');
    const { events, eventsOutsideYear, daysOutsideYear, skipped } = reading;
    const stored = await this.storeYear(actor, {
      region,
      year: {
        year,
        notice: input.notice ?? reading.calendarName ?? `ICS ${sha256.slice(0, 12)}`,
        published: null,
        holidays: reading.holidays,
        workdays: reading.workdays,
      },
      replace,
      source: `ICS sha256:${sha256} imported by ${actorLabel(actor)}`,
      action: 'calendar.year_import',
      extra: { sha256, events, eventsOutsideYear, daysOutsideYear, skipped },
    });
    return { ...stored, events, eventsOutsideYear, daysOutsideYear, skipped };
  }

  /** `count.field` names the input the days came from, for the error when the count runs off the calendar. */
  private async explainFrom(actor: Actor, startDay: number, count: { days: number; field: string }, region = NATIONAL_REGION): Promise<Explanation> {
    const calendar = await this.workCalendar(actor.countyCode, region);
    let e: DeadlineExplanation;
    try {
      e = explainDeadline(calendar, { start: startOfShanghaiDay(startDay), days: count.days });
    } catch (err) {
      // Only a count running past the calendar's end (2099) gets here: dates were checked on the way in.
      if (err instanceof RangeError) throw invalid(count.field, { zh: `结果超出日历范围（${CALENDAR_RANGE.to} 年底）`, en: err.message });
      throw err;
    }
    return asExplanation(e, region);
  }

  private async storeYear(actor: Actor, entry: YearEntry): Promise<StoredYear> {
    const { region, year } = entry;
    const result = await this.deps.db.transaction().execute(async (trx) => {
      await this.assertMaintainer(trx, actor);
      await this.assertRegion(trx, actor.countyCode, region);
      assertWellFormed(year);
      const existing = await this.deps.calendar.findNotice(trx, region, year.year);
      if (existing && !entry.replace) throw yearPresent(region, year.year);
      // The trail keeps what a replacement overwrote, day by day: the notice can be put back from it.
      const previous = existing && { ...existing, ...(await this.storedYear(trx, region, year.year)) };
      if (existing) await this.deps.calendar.deleteYear(trx, region, year.year);
      await this.deps.calendar.insertYear(trx, region, year, entry.source, this.deps.clock.now().toISOString());
      await this.deps.audit.append(trx, actor, {
        action: entry.action,
        entity: `calendar:${region}:${year.year}`,
        // The national calendar is the installation's reference data; a unit's additions belong to its county.
        county: region === NATIONAL_REGION ? null : actor.countyCode,
        payload: { v: 1, region, ...year, replaced: previous ?? null, ...entry.extra },
      });
      // Open work counting on a year without a notice (暂定) is recomputed on the calendar as it now stands.
      const moved = await this.deadlines.recomputeProvisional(trx, actor, actor.countyCode);
      if (this.noticeListeners.length > 0) {
        // The county's own calendar (its root unit, coded as the county) carries the national notices too.
        const calendar = await this.buildCalendar(trx, actor.countyCode, actor.countyCode);
        for (const listener of this.noticeListeners) await listener(trx, actor, actor.countyCode, calendar);
      }
      return { notice: (await this.deps.calendar.findNotice(trx, region, year.year))!, replaced: existing !== undefined, deadlinesMoved: moved };
    });
    this.forget(region);
    return result;
  }

  private async storedYear(q: Kysely<Database>, region: string, year: number): Promise<CalendarYear | undefined> {
    return (await this.deps.calendar.listByRegions(q, [region]))[0]?.years.find((y) => y.year === year);
  }

  /** A national year changes every region's calendar; a region's own year only its own. */
  private forget(region: string): void {
    this.generation++;
    for (const key of this.cache.keys()) if (region === NATIONAL_REGION || key.endsWith(`/${region}`)) this.cache.delete(key);
  }

  private async assertMaintainer(q: Kysely<Database>, actor: Actor): Promise<void> {
    const county = await this.deps.units.findRoot(q, actor.countyCode);
    if (!county || !canMaintainCalendar(actor, county.path)) throw forbidden();
  }

  /** A region is CN or a unit of the county (its code); anything else is a mistake the caller should hear about. */
  private async assertRegion(q: Kysely<Database>, countyCode: string, region: string): Promise<void> {
    if (region === NATIONAL_REGION || (await this.deps.units.findByCode(q, countyCode, region))) return;
    throw invalid('region', {
      zh: `没有代码为 ${region} 的地区或单位（全国为 CN）`,
      en: `No region or unit has the code ${region} (CN is the national calendar)`,
    });
  }
}

/** An explanation as the API and CLI give it: the due instant as ISO text, the region, and why it is 暂定. */
const asExplanation = (e: DeadlineExplanation, region: string): Explanation => ({
  ...e,
  due: e.due.toISOString(),
  region,
  reason: provisionalReason(e.provisionalYears),
});

const invalid = (field: string, text: LocalizedText) => new DomainError('validation', text, { fields: { [field]: text.en } });

const yearRangeText = (): LocalizedText => ({
  zh: `日历只覆盖 ${CALENDAR_RANGE.from}–${CALENDAR_RANGE.to} 年`,
  en: `The calendar covers ${CALENDAR_RANGE.from}–${CALENDAR_RANGE.to} only`,
});

/** A civil date within the calendar, as a day number; anything else is a validation error naming the field. */
function dayOf(field: string, date: string): number {
  let day: number;
  try {
    day = dayNumber(date);
  } catch {
    throw invalid(field, { zh: `${date} 不是有效日期（应为 YYYY-MM-DD）`, en: `${date} is not a date (YYYY-MM-DD)` });
  }
  if (!inCalendarRange(Number(date.slice(0, 4)))) throw invalid(field, yearRangeText());
  return day;
}

/** A start given as a date counts from that day; an instant from the day it falls on in Asia/Shanghai. */
function startDayOf(start: string): number {
  if (!start.includes('T')) return dayOf('start', start);
  const t = Date.parse(start);
  if (Number.isNaN(t)) throw invalid('start', { zh: `${start} 不是有效时刻`, en: `${start} is not an instant` });
  const day = shanghaiDay(new Date(t));
  if (!inCalendarRange(Number(isoOf(day).slice(0, 4)))) throw invalid('start', yearRangeText());
  return day;
}

function assertWellFormed(year: CalendarYear): void {
  const problems = noticeProblems(year);
  if (problems.length === 0) return;
  const shown = problems.slice(0, 5);
  const more = problems.length > shown.length ? problems.length - shown.length : 0;
  throw new DomainError(
    'validation',
    {
      zh: `${year.year} 年放假安排有误：${shown.map((p) => p.zh).join('；')}${more ? `；另有 ${more} 处` : ''}`,
      en: `The notice for ${year.year} does not fit: ${shown.map((p) => p.en).join('; ')}${more ? `; and ${more} more` : ''}`,
    },
    { fields: Object.fromEntries(problems.map((p) => [p.field, p.en])) },
  );
}

const yearPresent = (region: string, year: number) =>
  new DomainError(
    'conflict',
    {
      zh: `${region} 的 ${year} 年放假安排已经存在；如需更正，请以替换方式提交（replace: true，命令行 --replace）`,
      en: `${region} already has a notice for ${year}; to correct it, replace it (replace: true, or --replace on the command line)`,
    },
    { region, year },
  );

function readIcsOrRefuse(ics: string, year: number): IcsReading {
  let reading: IcsReading;
  try {
    reading = readIcs(ics, year);
  } catch (e) {
    if (!(e instanceof IcsUnreadable)) throw e;
    throw new DomainError('calendar.ics_refused', { zh: '这不是 iCalendar（ICS）文件', en: 'This is not an iCalendar (ICS) file' }, { reason: e.message });
  }
  if (reading.holidays.length === 0) {
    const { events, eventsOutsideYear, skipped } = reading;
    throw new DomainError(
      'calendar.ics_refused',
      { zh: `文件中没有 ${year} 年的全天假日`, en: `The file has no all-day holidays in ${year}` },
      { events, eventsOutsideYear, skipped },
    );
  }
  return reading;
}
