// Reads the holidays and adjusted working days of one year out of an iCalendar file (RFC 5545), as published by
// holiday feeds and exported by calendar apps: all-day VEVENTs (DTSTART;VALUE=DATE, DTEND exclusive or DURATION in
// days), named by their SUMMARY. A summary with 班 in it (上班, 补班, 调休上班) marks adjusted working days; any other
// names a holiday. Pure: text in, days out.
import { dayNumber, isoOf, type IsoDate } from './calendar.rules.ts';

/** What the file held for the year, and what was left out and why. */
export interface IcsReading {
  /** The calendar's own name (X-WR-CALNAME), if it has one. */
  calendarName: string | null;
  events: number;
  holidays: { date: IsoDate; name: string }[];
  workdays: IsoDate[];
  /** Events with no day in the year. */
  eventsOutsideYear: number;
  /** Days of events that straddle the year's edge, left out. */
  daysOutsideYear: number;
  /** Events that could not be read as all-day events (with the line where each begins). */
  skipped: { line: number; summary: string | null; reason: string }[];
}

/** The text is not an iCalendar file at all. */
export class IcsUnreadable extends Error {}

/** No holiday span is longer than this; a longer one is a mistake in the file, not a year off. */
const MAX_EVENT_DAYS = 366;
const NAME_MAX = 50;
const WORKDAY_MARK = /班/;

interface ContentLine {
  line: number;
  name: string;
  params: string;
  value: string;
}

interface RawEvent {
  line: number;
  props: Map<string, ContentLine>;
}

export function readIcs(text: string, year: number): IcsReading {
  const lines = unfold(text);
  if (!lines.some((l) => l.name === 'BEGIN' && l.value.trim().toUpperCase() === 'VCALENDAR')) throw new IcsUnreadable('no BEGIN:VCALENDAR');
  const reading: IcsReading = {
    calendarName: unescapeText(lines.find((l) => l.name === 'X-WR-CALNAME')?.value ?? '') || null,
    events: 0,
    holidays: [],
    workdays: [],
    eventsOutsideYear: 0,
    daysOutsideYear: 0,
    skipped: [],
  };
  const holidayDates = new Set<string>();
  const workdayDates = new Set<string>();
  for (const event of eventsOf(lines)) {
    reading.events++;
    const summary = unescapeText(event.props.get('SUMMARY')?.value ?? '').trim();
    const span = spanOf(event);
    if (typeof span === 'string') {
      reading.skipped.push({ line: event.line, summary: summary || null, reason: span });
      continue;
    }
    const inYear = span.filter((d) => Number(isoOf(d).slice(0, 4)) === year);
    if (inYear.length === 0) {
      reading.eventsOutsideYear++;
      continue;
    }
    reading.daysOutsideYear += span.length - inYear.length;
    const working = WORKDAY_MARK.test(summary);
    for (const day of inYear.map(isoOf)) {
      // Overlapping events name a day once; the first name wins.
      if (working && !workdayDates.has(day)) {
        workdayDates.add(day);
        reading.workdays.push(day);
      } else if (!working && !holidayDates.has(day)) {
        holidayDates.add(day);
        reading.holidays.push({ date: day, name: [...(summary || '节假日')].slice(0, NAME_MAX).join('') });
      }
    }
  }
  reading.holidays.sort((a, b) => a.date.localeCompare(b.date));
  reading.workdays.sort();
  return reading;
}

/** Content lines with folding undone (a line starting with a space or tab continues the one before). */
function unfold(text: string): ContentLine[] {
  const folded: { line: number; text: string }[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .forEach((raw, i) => {
      const last = folded[folded.length - 1];
      if ((raw.startsWith(' ') || raw.startsWith('\t')) && last) last.text += raw.slice(1);
      else folded.push({ line: i + 1, text: raw });
    });
  return folded.flatMap((l) => parseLine(l.line, l.text) ?? []);
}

/** `NAME;PARAM=X;PARAM=Y:VALUE` (the first colon outside quotes ends the name and parameters). */
function parseLine(line: number, text: string): ContentLine | null {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) {
      const head = text.slice(0, i);
      const semi = head.indexOf(';');
      const name = (semi < 0 ? head : head.slice(0, semi)).trim().toUpperCase();
      return { line, name, params: semi < 0 ? '' : head.slice(semi + 1).toUpperCase(), value: text.slice(i + 1) };
    }
  }
  return null;
}

/** The VEVENTs, each with its properties (the first of each name; alarms and other nested components skipped). */
function eventsOf(lines: ContentLine[]): RawEvent[] {
  const events: RawEvent[] = [];
  let event: RawEvent | null = null;
  let nested = 0;
  for (const l of lines) {
    const component = l.value.trim().toUpperCase();
    if (l.name === 'BEGIN' && component === 'VEVENT') {
      event = { line: l.line, props: new Map() };
      nested = 0;
    } else if (event && l.name === 'BEGIN') nested++;
    else if (event && l.name === 'END' && component !== 'VEVENT') nested--;
    else if (event && l.name === 'END') {
      events.push(event);
      event = null;
    } else if (event && nested === 0 && !event.props.has(l.name)) event.props.set(l.name, l);
  }
  return events;
}

/** The event's days (DTEND is exclusive; without it, one day or DURATION's days), or why it cannot be read. */
function spanOf(event: RawEvent): number[] | string {
  if (event.props.has('RRULE')) return 'repeating events (RRULE) are not read: list each year’s days';
  const start = dateOf(event.props.get('DTSTART'));
  if (start === null) return 'no DTSTART';
  if (typeof start === 'string') return start;
  let end = start + 1;
  const dtend = event.props.get('DTEND');
  const duration = event.props.get('DURATION');
  if (dtend) {
    const e = dateOf(dtend);
    if (typeof e === 'string' || e === null) return `DTEND: ${e ?? 'empty'}`;
    end = e;
  } else if (duration) {
    const m = /^P(?:(\d+)W|(\d+)D)$/.exec(duration.value.trim().toUpperCase());
    if (!m) return `DURATION ${duration.value} is not a whole number of days`;
    end = start + (m[1] ? Number(m[1]) * 7 : Number(m[2]));
  }
  if (end <= start) return 'DTEND is not after DTSTART';
  if (end - start > MAX_EVENT_DAYS) return `spans more than ${MAX_EVENT_DAYS} days`;
  return Array.from({ length: end - start }, (_, i) => start + i);
}

/** An all-day date value (YYYYMMDD) as a day number; a string says why it is not one. */
function dateOf(prop: ContentLine | undefined): number | string | null {
  if (!prop) return null;
  const value = prop.value.trim();
  if (/^\d{8}T/.test(value) || prop.params.includes('VALUE=DATE-TIME')) return 'not an all-day event (the date has a time)';
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!m) return `${value} is not a date`;
  try {
    return dayNumber(`${m[1]}-${m[2]}-${m[3]}`);
  } catch {
    return `${value} is not a date`;
  }
}

/** TEXT values escape backslash, semicolon, comma and line breaks. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c));
}
