// The legal clock's API (src/modules/calendar/calendar.contract.ts): working days, day info, a deadline's explanation
// and the notices (放假安排) behind them, as the web app sees them, with one call per endpoint.
import { query, request } from '../../lib/api-client';
import type { Label } from '../../lib/api-types';

/** The national calendar's region; any other region is a unit code of the county (its own holidays on top). */
export const NATIONAL_REGION = 'CN';

/** The years a calendar answers for (CALENDAR_RANGE on the server). */
export const CALENDAR_YEARS = { from: 2000, to: 2099 } as const;

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';

export interface DayInfo {
  date: string;
  workday: boolean;
  kind: DayKind;
  /** The holiday's name (春节 …), 调休上班 for an adjusted working day. */
  name: string | null;
  /** The region whose notice made it so (CN for the national one). */
  region: string | null;
  /** Its year has no national notice yet: weekends only. */
  provisional: boolean;
  reason: Label | null;
}

/** A deadline explained: `days` working days after `startDate` (not counted), due at 24:00 Asia/Shanghai of `dueDate`. */
export interface Explanation {
  region: string;
  startDate: string;
  days: number;
  /** Working days counted: the allowed days plus the extensions. */
  counted: number;
  /** 24:00 Asia/Shanghai of the due date, as a UTC instant. */
  due: string;
  dueDate: string;
  provisional: boolean;
  /** Years without a national notice the count depends on (weekends only, 暂定). */
  provisionalYears: number[];
  reason: Label | null;
  /** The clock is stopped now; the due date assumes it starts again today. */
  paused: boolean;
  /** Days after the start up to the due date that were not counted, and why. */
  skipped: { date: string; kind: 'weekend' | 'holiday' | 'suspended'; name: string | null }[];
  /** Weekend days counted because the notice made them working days (调休上班). */
  adjustedWorked: string[];
  notices: { year: number; notice: string }[];
  extensions: { days: number; approvedBy: string; reason: string }[];
  suspensions: { from: string; to: string | null; reason: string; workdaysStopped: number }[];
}

export interface WorkdaysAnswer {
  date: string;
  n: number;
  region: string;
  result: string;
  provisional: boolean;
  provisionalYears: number[];
  reason: Label | null;
  explanation: Explanation;
}

/** A deadline of open work the caller answers for, with what moved and its explanation. */
export interface TrackedDeadline {
  subject: string;
  title: string;
  region: string | null;
  start: string;
  days: number;
  due: string;
  dueDate: string;
  provisional: boolean;
  movedFrom: string | null;
  movedAt: string | null;
  explanation: Explanation;
}

/** A notice stored for a region and year, with how many holidays and adjusted working days it names. */
export interface CalendarNotice {
  region: string;
  year: number;
  notice: string;
  published: string | null;
  source: string;
  loadedAt: string;
  holidays: number;
  workdays: number;
}

export interface NewCalendarYear {
  region?: string;
  year: number;
  /** The notice's number or title, e.g. 国办发明电〔2026〕N号. */
  notice: string;
  published: string | null;
  holidays: { date: string; name: string }[];
  workdays: string[];
  /** Replace the region's notice for the year if there is one (otherwise 409). */
  replace?: boolean;
}

/** A deadline of open work that a new notice moved: where it was and where it is now. */
export interface MovedDeadline {
  subject: string;
  title: string;
  owner: string;
  dueDate: string;
  movedFrom: string | null;
  provisional: boolean;
}

export interface AddedYear {
  notice: CalendarNotice;
  replaced: boolean;
  /** The deadlines of open work the notice moved (recomputed in the same transaction). */
  deadlinesMoved: MovedDeadline[];
}

export interface IcsImportOptions {
  year: number;
  region?: string;
  /** What to record as the notice; the calendar's own name otherwise. */
  notice?: string;
  replace?: boolean;
}

export interface IcsImportResult extends AddedYear {
  events: number;
  eventsOutsideYear: number;
  daysOutsideYear: number;
  /** Events that could not be read as all-day events, with the line where each begins. */
  skipped: { line: number; summary: string | null; reason: string }[];
}

export const calendarApi = {
  workdays(date: string, n: number, region?: string, signal?: AbortSignal): Promise<WorkdaysAnswer> {
    return request('GET', `/calendar/workdays?${query({ date, n, region })}`, { signal });
  },
  day(date: string, region?: string, signal?: AbortSignal): Promise<DayInfo> {
    const q = query({ region });
    return request('GET', `/calendar/days/${encodeURIComponent(date)}${q ? `?${q}` : ''}`, { signal });
  },
  /** The open deadlines the caller answers for, soonest first. */
  myDeadlines(signal?: AbortSignal): Promise<{ items: TrackedDeadline[] }> {
    return request('GET', '/calendar/deadlines/mine', { signal });
  },
  /** A region's year: every day that is not an ordinary working day. */
  yearDays(year: number, region?: string, signal?: AbortSignal): Promise<{ year: number; provisional: boolean; days: Omit<DayInfo, 'reason'>[] }> {
    const q = query({ region });
    return request('GET', `/calendar/years/${year}/days${q ? `?${q}` : ''}`, { signal });
  },
  /** `start` is a date, or an instant with its offset (its day in Asia/Shanghai counts). */
  explain(start: string, days: number, region?: string, signal?: AbortSignal): Promise<Explanation> {
    return request('GET', `/calendar/explain?${query({ start, days, region })}`, { signal });
  },
  /** The notices stored: one region's, or every region's. */
  years(region?: string, signal?: AbortSignal): Promise<{ items: CalendarNotice[] }> {
    const q = query({ region });
    return request('GET', `/calendar/years${q ? `?${q}` : ''}`, { signal });
  },
  addYear(input: NewCalendarYear): Promise<AddedYear> {
    return request('POST', '/calendar/years', { body: input });
  },
  /** Refused files answer 422 `calendar.ics_refused`. */
  importIcs(file: Blob, options: IcsImportOptions): Promise<IcsImportResult> {
    const q = query({ year: options.year, region: options.region, notice: options.notice, replace: options.replace ? 'true' : undefined });
    return request('POST', `/calendar/years/import?${q}`, { file, contentType: 'text/calendar' });
  },
};
