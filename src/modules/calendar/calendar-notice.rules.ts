// Rules for a year's notice entered by hand or imported (放假安排): who may enter it, what makes it well formed, and how
// a count that depends on a year without one says so. Pure: no database, no clock.
import type { Actor, Role } from '../../shared/actor.ts';
import type { LocalizedText } from '../../shared/errors.ts';
import { holdsRoleOn } from '../accounts/access.rules.ts';
import { CALENDAR_RANGE, dayNumber, weekdayOf, type CalendarYear } from './calendar.rules.ts';

/**
 * The county's head or leader over the whole county decides its calendar; the system administrator keeps reference
 * data (三员分立 gives it no business role, but the calendar is reference data, like the units tree it also keeps).
 */
const CALENDAR_MAINTAINERS: readonly Role[] = ['head', 'leader', 'sysadmin'];

/** May the actor add or replace a year's notice? Only with a grant on the county root (`countyPath`). */
export const canMaintainCalendar = (actor: Actor, countyPath: string): boolean => holdsRoleOn(actor, CALENDAR_MAINTAINERS, countyPath);

export const inCalendarRange = (year: number): boolean => Number.isInteger(year) && year >= CALENDAR_RANGE.from && year <= CALENDAR_RANGE.to;

/** One thing wrong with an entered year: the field (as the API names it) and why, in both languages. */
export interface NoticeProblem {
  field: string;
  zh: string;
  en: string;
}

const HOLIDAY_NAME_MAX = 50;

/**
 * What is wrong with a year's notice: dates that are not dates or not in the year, a date listed twice, a date both
 * a holiday and an adjusted working day, an adjusted working day that is not a Saturday or Sunday (a weekday is one
 * already: listing it is a slip), a holiday without a name. Empty when it is well formed.
 */
export function noticeProblems(y: CalendarYear): NoticeProblem[] {
  const problems: NoticeProblem[] = [];
  if (!inCalendarRange(y.year)) {
    problems.push({
      field: 'year',
      zh: `年份须在 ${CALENDAR_RANGE.from}–${CALENDAR_RANGE.to} 之间`,
      en: `the year must be within ${CALENDAR_RANGE.from}–${CALENDAR_RANGE.to}`,
    });
    return problems;
  }
  const holidays = new Set<string>();
  y.holidays.forEach((h, i) => {
    const field = `holidays.${i}`;
    problems.push(...dateProblems(`${field}.date`, h.date, y.year));
    if (holidays.has(h.date)) problems.push({ field: `${field}.date`, zh: `${h.date} 重复列出`, en: `${h.date} is listed twice` });
    holidays.add(h.date);
    const name = h.name.trim();
    if (name === '' || [...name].length > HOLIDAY_NAME_MAX)
      problems.push({
        field: `${field}.name`,
        zh: `${h.date} 的节日名称须为 1–${HOLIDAY_NAME_MAX} 个字`,
        en: `the name of ${h.date} must be 1–${HOLIDAY_NAME_MAX} characters`,
      });
  });
  const workdays = new Set<string>();
  y.workdays.forEach((d, i) => {
    const field = `workdays.${i}`;
    const bad = dateProblems(field, d, y.year);
    problems.push(...bad);
    if (workdays.has(d)) problems.push({ field, zh: `${d} 重复列出`, en: `${d} is listed twice` });
    workdays.add(d);
    if (holidays.has(d)) problems.push({ field, zh: `${d} 不能既是假日又是调休上班日`, en: `${d} cannot be both a holiday and an adjusted working day` });
    if (bad.length === 0 && !isWeekend(d))
      problems.push({ field, zh: `${d} 不是周六或周日，无需调休上班`, en: `${d} is not a Saturday or Sunday: it is a working day already` });
  });
  return problems;
}

function dateProblems(field: string, date: string, year: number): NoticeProblem[] {
  try {
    dayNumber(date);
  } catch {
    return [{ field, zh: `${date} 不是有效日期`, en: `${date} is not a date` }];
  }
  if (Number(date.slice(0, 4)) !== year) return [{ field, zh: `${date} 不在 ${year} 年内`, en: `${date} is not in ${year}` }];
  return [];
}

const isWeekend = (date: string): boolean => [0, 6].includes(weekdayOf(dayNumber(date)));

/** Why a count is provisional (暂定): the years it depends on that have no national notice yet; null when none. */
export function provisionalReason(years: readonly number[]): LocalizedText | null {
  if (years.length === 0) return null;
  const verb = years.length === 1 ? 'has' : 'have';
  return {
    zh: `${years.join('、')} 年放假安排尚未发布，仅按周末计算`,
    en: `${years.join(', ')} ${verb} no State Council notice yet: weekends only`,
  };
}
