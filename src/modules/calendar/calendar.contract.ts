import { Type, type Static } from 'typebox';
import { LabelSchema } from '../../shared/contract.ts';
import { UNIT_CODE_PATTERN } from '../org/unit.rules.ts';
import { CALENDAR_RANGE } from './calendar.rules.ts';

/** A civil date; whether it exists (no 02-30) and lies within 2000–2099 is the service's check, with a clear message. */
const DATE = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
/** A date, or an instant with its offset (2024-09-27T10:30:00+08:00): the day it falls on in Asia/Shanghai counts. */
const DATE_OR_INSTANT = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2}))?$',
  description: 'YYYY-MM-DD, or an ISO 8601 instant with Z or an offset',
});
/** CN for the national calendar, or a unit code of the county (its own holidays on top of the national ones). */
const REGION = Type.String({ pattern: UNIT_CODE_PATTERN, description: 'CN (national, the default) or a unit code of the county' });
const YEAR = Type.Integer({ minimum: CALENDAR_RANGE.from, maximum: CALENDAR_RANGE.to });
/** Working days asked for: ten years' worth is more than any legal limit. */
const DAYS = Type.Integer({ minimum: 0, maximum: 2500 });
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([Type.Null(), t]);

export const WorkdaysQuery = Type.Object({ date: DATE, n: DAYS, region: Type.Optional(REGION) }, { additionalProperties: false });
export const DayParams = Type.Object({ date: DATE }, { additionalProperties: false });
export const RegionQuery = Type.Object({ region: Type.Optional(REGION) }, { additionalProperties: false });
export const ExplainQuery = Type.Object({ start: DATE_OR_INSTANT, days: DAYS, region: Type.Optional(REGION) }, { additionalProperties: false });

export const DayInfoSchema = Type.Object({
  date: Type.String(),
  workday: Type.Boolean(),
  kind: Type.Union([Type.Literal('workday'), Type.Literal('weekend'), Type.Literal('holiday'), Type.Literal('adjusted_workday')]),
  name: nullable(Type.String()),
  region: nullable(Type.String()),
  provisional: Type.Boolean(),
  /** Why the answer is provisional (暂定); null when the year has its notice. */
  reason: nullable(LabelSchema),
});

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2099 }) }, { additionalProperties: false });

/** A region's year: every day that is not an ordinary working day (weekends, holidays with names, adjusted days). */
export const YearDaysSchema = Type.Object({
  year: Type.Integer(),
  provisional: Type.Boolean(),
  days: Type.Array(Type.Omit(DayInfoSchema, ['reason'])),
});

export const ExplanationSchema = Type.Object({
  region: Type.String(),
  startDate: Type.String(),
  days: Type.Integer(),
  counted: Type.Integer(),
  /** 24:00 Asia/Shanghai of the due date, as a UTC instant. */
  due: Type.String(),
  dueDate: Type.String(),
  provisional: Type.Boolean(),
  provisionalYears: Type.Array(Type.Integer()),
  reason: nullable(LabelSchema),
  paused: Type.Boolean(),
  skipped: Type.Array(
    Type.Object({
      date: Type.String(),
      kind: Type.Union([Type.Literal('weekend'), Type.Literal('holiday'), Type.Literal('suspended')]),
      name: nullable(Type.String()),
    }),
  ),
  adjustedWorked: Type.Array(Type.String()),
  notices: Type.Array(Type.Object({ year: Type.Integer(), notice: Type.String() })),
  extensions: Type.Array(Type.Object({ days: Type.Integer(), approvedBy: Type.String(), reason: Type.String() })),
  suspensions: Type.Array(Type.Object({ from: Type.String(), to: nullable(Type.String()), reason: Type.String(), workdaysStopped: Type.Integer() })),
});

export const WorkdaysAnswerSchema = Type.Object({
  date: Type.String(),
  n: Type.Integer(),
  region: Type.String(),
  /** The Nth working day after `date` (the date itself not counted). */
  result: Type.String(),
  provisional: Type.Boolean(),
  provisionalYears: Type.Array(Type.Integer()),
  reason: nullable(LabelSchema),
  explanation: ExplanationSchema,
});

export const CalendarNoticeSchema = Type.Object({
  region: Type.String(),
  year: Type.Integer(),
  notice: Type.String(),
  published: nullable(Type.String()),
  source: Type.String(),
  loadedAt: Type.String(),
  holidays: Type.Integer(),
  workdays: Type.Integer(),
});

export const CalendarYearsSchema = Type.Object({ items: Type.Array(CalendarNoticeSchema) });

export const NewCalendarYearBody = Type.Object(
  {
    region: Type.Optional(REGION),
    year: YEAR,
    /** The notice's number or title, e.g. 国办发明电〔2026〕N号. */
    notice: Type.String({ minLength: 1, maxLength: 200 }),
    published: nullable(DATE),
    holidays: Type.Array(Type.Object({ date: DATE, name: Type.String({ minLength: 1, maxLength: 50 }) }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 366,
    }),
    workdays: Type.Array(DATE, { maxItems: 366 }),
    /** Replace the region's notice for the year if there is one (otherwise that is a 409). */
    replace: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type NewCalendarYear = Static<typeof NewCalendarYearBody>;

/** A deadline in the register of open work, as its owner sees it. */
export const TrackedDeadlineSchema = Type.Object({
  subject: Type.String(),
  title: Type.String(),
  region: nullable(Type.String()),
  start: Type.String(),
  days: Type.Integer(),
  due: Type.String(),
  dueDate: Type.String(),
  provisional: Type.Boolean(),
  movedFrom: nullable(Type.String()),
  movedAt: nullable(Type.String()),
  explanation: ExplanationSchema,
});

/** A deadline of open work that a new notice moved: where it was and where it is now. */
export const MovedDeadlineSchema = Type.Object({
  subject: Type.String(),
  title: Type.String(),
  owner: Type.String(),
  dueDate: Type.String(),
  movedFrom: nullable(Type.String()),
  provisional: Type.Boolean(),
});

export const AddedYearSchema = Type.Object({ notice: CalendarNoticeSchema, replaced: Type.Boolean(), deadlinesMoved: Type.Array(MovedDeadlineSchema) });

export const IcsImportQuery = Type.Object(
  {
    year: YEAR,
    region: Type.Optional(REGION),
    /** What to record as the notice; the calendar's own name (X-WR-CALNAME) otherwise. */
    notice: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    replace: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** An ICS file is text and small: a year of holidays is a few kilobytes. */
export const MAX_ICS_BYTES = 1024 * 1024;
export const IcsBody = Type.String({ minLength: 1, maxLength: MAX_ICS_BYTES, description: 'The iCalendar file (Content-Type text/calendar)' });

export const IcsImportResultSchema = Type.Object({
  notice: CalendarNoticeSchema,
  replaced: Type.Boolean(),
  deadlinesMoved: Type.Array(MovedDeadlineSchema),
  events: Type.Integer(),
  eventsOutsideYear: Type.Integer(),
  daysOutsideYear: Type.Integer(),
  skipped: Type.Array(Type.Object({ line: Type.Integer(), summary: nullable(Type.String()), reason: Type.String() })),
});
