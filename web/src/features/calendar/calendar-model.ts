// Civil dates as the calendar pages lay them out: a year's days by kind, months in weeks, holiday spans, and a
// deadline's explanation as rows from the start day to the due date. Pure, apart from loadYear's requests.
import type { Me } from '../../lib/api-types';
import { calendarApi, CALENDAR_YEARS, type DayKind, type Explanation } from './api';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a civil date (YYYY-MM-DD); NaN when it is not one. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t / DAY_MS : NaN;
}

export const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const isDate = (date: string): boolean => !Number.isNaN(dayNumber(date));
/** 0 Monday … 6 Sunday: the week starts on Monday in Chinese calendars. */
export const weekdayIndex = (date: string): number => (new Date(dayNumber(date) * DAY_MS).getUTCDay() + 6) % 7;

/** Today's civil date in Asia/Shanghai, where the legal clock runs. */
export function todayInShanghai(now: Date = new Date()): string {
  return isoOf(Math.floor((now.getTime() + 8 * 3_600_000) / DAY_MS));
}

/**
 * The years the year grid can show. The grid is counted through the year into the next one, so the calendar's last
 * year (2099) is left out: no working day after it exists to count to.
 */
export const GRID_YEARS = { from: CALENDAR_YEARS.from, to: CALENDAR_YEARS.to - 1 } as const;

/**
 * May this user add or replace a year's notice? A head or leader with a grant on the county itself, or the system
 * administrator (calendar-notice.rules.ts on the server, which checks again).
 */
export function canMaintainCalendar(me: Me): boolean {
  const county = me.account.county.code;
  return me.grants.some((g) => ['head', 'leader', 'sysadmin'].includes(g.role) && g.unit.code === county);
}

export interface YearDay {
  kind: DayKind;
  name: string | null;
}

/** A region's year day by day: the kind of every day that is not an ordinary working day. */
export interface YearCalendar {
  year: number;
  region: string;
  /** Days that are rest days or adjusted working days; every other day of the year is an ordinary working day. */
  days: Map<string, YearDay>;
  /** The year has no national notice yet: weekends only, 暂定. */
  provisional: boolean;
}

/** Reads a region's year from the API: its weekends, holidays (named) and adjusted working days. */
export async function loadYear(year: number, region: string, signal?: AbortSignal): Promise<YearCalendar> {
  const answer = await calendarApi.yearDays(year, region, signal);
  const days = new Map<string, YearDay>(answer.days.map((d) => [d.date, { kind: d.kind, name: d.name }]));
  return { year, region, days, provisional: answer.provisional };
}

export interface MonthCell {
  date: string;
  day: number;
  kind: DayKind;
  name: string | null;
}

/** A month as the grid draws it: blank cells before the 1st so that columns are Monday … Sunday. */
export function monthCells(cal: YearCalendar, month: number): { blanks: number; cells: MonthCell[] } {
  const mm = String(month).padStart(2, '0');
  const first = dayNumber(`${cal.year}-${mm}-01`);
  const cells: MonthCell[] = [];
  for (let d = first; isoOf(d).slice(5, 7) === mm; d++) {
    const date = isoOf(d);
    const info = cal.days.get(date);
    cells.push({ date, day: Number(date.slice(8)), kind: info?.kind ?? 'workday', name: info?.name ?? null });
  }
  return { blanks: weekdayIndex(`${cal.year}-${mm}-01`), cells };
}

/** A run of days shown as one line under a month: a holiday span with its name, or an adjusted working day. */
export interface DaySpan {
  kind: 'holiday' | 'adjusted_workday';
  from: string;
  to: string;
  name: string | null;
}

/** The month's holidays (consecutive days of one name as one span) and adjusted working days, in order. */
export function monthSpans(cells: readonly MonthCell[]): DaySpan[] {
  const spans: DaySpan[] = [];
  for (const c of cells) {
    if (c.kind !== 'holiday' && c.kind !== 'adjusted_workday') continue;
    const last = spans[spans.length - 1];
    if (c.kind === 'holiday' && last?.kind === 'holiday' && last.name === c.name && dayNumber(last.to) + 1 === dayNumber(c.date)) last.to = c.date;
    else spans.push({ kind: c.kind, from: c.date, to: c.date, name: c.name });
  }
  return spans;
}

/** One line of a deadline's day-by-day explanation; consecutive days of the same kind share a line. */
export type ExplanationRow =
  | { kind: 'start'; date: string }
  /** Ordinary working days counted: the `first`th to the `last`th. */
  | { kind: 'counted'; from: string; to: string; first: number; last: number; due: boolean }
  /** A weekend day worked (调休上班), counted as the `n`th. */
  | { kind: 'adjusted'; date: string; n: number; due: boolean }
  | { kind: 'weekend' | 'holiday' | 'suspended'; from: string; to: string; name: string | null; days: number };

/** The explanation as rows from the start day (not counted) to the due date. */
export function explanationRows(e: Explanation): ExplanationRow[] {
  const rows: ExplanationRow[] = [{ kind: 'start', date: e.startDate }];
  const skipped = new Map(e.skipped.map((s) => [s.date, s]));
  const adjusted = new Set(e.adjustedWorked);
  const start = dayNumber(e.startDate);
  const due = dayNumber(e.dueDate);
  let n = 0;
  for (let d = start + 1; d <= due; d++) {
    const date = isoOf(d);
    const last = rows[rows.length - 1]!;
    const skip = skipped.get(date);
    if (skip) {
      if (last.kind === skip.kind && last.name === skip.name && dayNumber(last.to) + 1 === d) {
        last.to = date;
        last.days++;
      } else rows.push({ kind: skip.kind, from: date, to: date, name: skip.name, days: 1 });
      continue;
    }
    n++;
    if (adjusted.has(date)) rows.push({ kind: 'adjusted', date, n, due: d === due });
    else if (last.kind === 'counted' && dayNumber(last.to) + 1 === d) {
      last.to = date;
      last.last = n;
      last.due = d === due;
    } else rows.push({ kind: 'counted', from: date, to: date, first: n, last: n, due: d === due });
  }
  return rows;
}
