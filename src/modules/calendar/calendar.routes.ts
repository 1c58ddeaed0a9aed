import { Type } from 'typebox';
import { actorOf } from '../../http/auth.ts';
import type { Http } from '../../http/types.ts';
import { errorResponses } from '../../shared/contract.ts';
import {
  AddedYearSchema,
  CalendarYearsSchema,
  DayInfoSchema,
  DayParams,
  ExplainQuery,
  ExplanationSchema,
  IcsBody,
  IcsImportQuery,
  IcsImportResultSchema,
  MAX_ICS_BYTES,
  NewCalendarYearBody,
  RegionQuery,
  TrackedDeadlineSchema,
  WorkdaysAnswerSchema,
  WorkdaysQuery,
  YearDaysSchema,
  YearParams,
} from './calendar.contract.ts';
import type { CalendarService } from './calendar.service.ts';

const tags = ['calendar'];
const ICS_TYPE = 'text/calendar';

/** The legal clock: working days, deadlines explained, and the notices behind them. Reading is open to every signed-in user. */
export function calendarRoutes(app: Http, deps: { calendar: CalendarService }) {
  const { calendar } = deps;

  app.get(
    '/api/v1/calendar/workdays',
    {
      schema: {
        tags,
        querystring: WorkdaysQuery,
        description: 'The Nth working day after `date` (the date itself not counted) on the region’s calendar (CN when none is named).',
        response: { 200: WorkdaysAnswerSchema, ...errorResponses(400, 401) },
      },
    },
    async (req) => calendar.addWorkdays(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/calendar/days/:date',
    {
      schema: {
        tags,
        params: DayParams,
        querystring: RegionQuery,
        description: 'Whether a day is a working day, and why: a weekend, a holiday (named), an adjusted working day (调休上班).',
        response: { 200: DayInfoSchema, ...errorResponses(400, 401) },
      },
    },
    async (req) => calendar.dayInfo(actorOf(req), req.params.date, req.query.region),
  );

  app.get(
    '/api/v1/calendar/years/:year/days',
    {
      schema: {
        tags,
        params: YearParams,
        querystring: RegionQuery,
        description:
          'A region’s year day by day, for the calendar page: every weekend, holiday (named, with the region that made it) and adjusted working day.',
        response: { 200: YearDaysSchema, ...errorResponses(400, 401) },
      },
    },
    async (req) => calendar.yearDays(actorOf(req), req.params.year, req.query.region),
  );

  app.get(
    '/api/v1/calendar/explain',
    {
      schema: {
        tags,
        querystring: ExplainQuery,
        description:
          'A deadline explained: `start` (a date, or an instant whose day in Asia/Shanghai counts) plus `days` working days; the days skipped and why, adjusted days worked, provisional years, the notices relied on, the due date and instant.',
        response: { 200: ExplanationSchema, ...errorResponses(400, 401) },
      },
    },
    async (req) => calendar.explain(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/calendar/deadlines/mine',
    {
      schema: {
        tags,
        description:
          'The open deadlines the caller answers for, soonest first: each with whether it is 暂定, the due date it had before a new notice moved it (`movedFrom`, `movedAt`), and its explanation.',
        response: { 200: Type.Object({ items: Type.Array(TrackedDeadlineSchema) }), ...errorResponses(401) },
      },
    },
    async (req) => ({ items: await calendar.myDeadlines(actorOf(req)) }),
  );

  app.get(
    '/api/v1/calendar/years',
    {
      schema: {
        tags,
        querystring: RegionQuery,
        description: 'The notices stored (every region’s, or one region’s) with how many holidays and adjusted working days each names.',
        response: { 200: CalendarYearsSchema, ...errorResponses(400, 401) },
      },
    },
    async (req) => ({ items: await calendar.years(actorOf(req), req.query.region) }),
  );

  app.post(
    '/api/v1/calendar/years',
    {
      schema: {
        tags,
        body: NewCalendarYearBody,
        description:
          'Adds a region’s notice for a year (the county’s head or leader over the whole county, or the system administrator); 409 when the year is there already unless `replace` is true.',
        response: { 200: AddedYearSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req) => calendar.addYear(actorOf(req), req.body),
  );

  app.addContentTypeParser(ICS_TYPE, { parseAs: 'string', bodyLimit: MAX_ICS_BYTES }, (_req, body, done) => done(null, body));

  app.post(
    '/api/v1/calendar/years/import',
    {
      schema: {
        tags,
        consumes: [ICS_TYPE],
        querystring: IcsImportQuery,
        body: IcsBody,
        description:
          'Imports a year’s holidays from an iCalendar file (the raw body, Content-Type text/calendar): all-day events, a summary with 班 marking adjusted working days; events outside the year are counted and left out.',
        response: { 200: IcsImportResultSchema, ...errorResponses(400, 401, 403, 409, 413, 422) },
      },
    },
    async (req) => calendar.importIcs(actorOf(req), { ics: req.body, ...req.query }),
  );
}
