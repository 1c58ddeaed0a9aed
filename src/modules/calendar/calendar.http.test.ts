import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachEngine } from '../../test/test-db.ts';
import { as, CLI_ACTOR, errorOf, httpSuite, signIn, type Reply, type Session } from '../../test/test-app.ts';

/** The demo county's code, which is also its root unit's code: a region for the county's own holidays. */
const COUNTY = '990101';

/** An all-day VEVENT; `end` is exclusive, as RFC 5545 has it. */
const vevent = (start: string, end: string | null, summary: string) =>
  ['BEGIN:VEVENT', `DTSTART;VALUE=DATE:${start}`, ...(end ? [`DTEND;VALUE=DATE:${end}`] : []), `SUMMARY:${summary}`, 'END:VEVENT'].join('\r\n');
const ics = (...events: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'X-WR-CALNAME:示范县地方节日', ...events, 'END:VCALENDAR', ''].join('\r\n');

forEachEngine('the legal clock over HTTP', (engine) => {
  const suite = httpSuite(engine);
  const sessions = new Map<string, Promise<Session>>();
  const sessionOf = (login: string) => {
    if (!sessions.has(login)) sessions.set(login, signIn(suite.http, login));
    return sessions.get(login)!;
  };
  const get = async (login: string | null, url: string) => suite.http.inject({ url, headers: login ? as(await sessionOf(login)) : {} });
  const post = async (login: string, url: string, payload: object) => suite.http.inject({ method: 'POST', url, headers: as(await sessionOf(login)), payload });
  const importIcs = async (login: string, query: string, body: string) =>
    suite.http.inject({
      method: 'POST',
      url: `/api/v1/calendar/years/import?${query}`,
      headers: { ...as(await sessionOf(login)), 'content-type': 'text/calendar; charset=utf-8' },
      payload: body,
    });
  const status = (res: Reply) => [res.statusCode, res.statusCode >= 400 ? errorOf(res).code : null];
  const workdays = async (date: string, n: number, region?: string) => {
    const res = await get('hbj.clerk', `/api/v1/calendar/workdays?date=${date}&n=${n}${region ? `&region=${region}` : ''}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { result: string; provisional: boolean; provisionalYears: number[]; reason: { zh: string; en: string } | null };
  };
  const auditOf = (action: string) =>
    suite.t.app.db.kysely.selectFrom('audit_event').select(['actor', 'entity', 'county_code', 'payload']).where('action', '=', action).orderBy('seq').execute();
  const year2027 = (over: object = {}) => ({
    year: 2027,
    notice: '国务院办公厅关于2027年部分节假日安排的通知',
    published: '2026-11-12',
    holidays: [{ date: '2027-01-01', name: '元旦' }],
    workdays: [],
    ...over,
  });

  test('the worked examples of the issue: the notices’ holidays skipped, adjusted working days counted', async () => {
    const national = await get('hbj.clerk', '/api/v1/calendar/workdays?date=2024-09-27&n=3');
    assert.equal(national.statusCode, 200, national.body);
    const body = national.json() as {
      result: string;
      provisional: boolean;
      region: string;
      explanation: { skipped: { date: string; kind: string; name: string | null }[]; adjustedWorked: string[]; notices: { year: number }[]; due: string };
    };
    assert.equal(body.result, '2024-10-08');
    assert.equal(body.region, 'CN');
    assert.equal(body.provisional, false);
    assert.deepEqual(body.explanation.adjustedWorked, ['2024-09-29']);
    assert.deepEqual(body.explanation.skipped[0], { date: '2024-09-28', kind: 'weekend', name: null });
    assert.deepEqual(body.explanation.skipped[1], { date: '2024-10-01', kind: 'holiday', name: '国庆节' });
    assert.deepEqual(
      body.explanation.notices.map((n) => n.year),
      [2024],
    );
    assert.equal(body.explanation.due, '2024-10-08T16:00:00.000Z', '24:00 Asia/Shanghai');

    assert.equal((await workdays('2020-01-23', 1)).result, '2020-02-03', 'the extended Spring Festival of 2020');
    assert.equal((await workdays('2025-12-31', 1)).result, '2026-01-04', 'Sunday 2026-01-04 is worked');
    // More boundaries: the eve of a holiday, the day before an adjusted Sunday, zero days, across a year's end.
    assert.equal((await workdays('2024-02-08', 1)).result, '2024-02-09');
    assert.equal((await workdays('2024-02-09', 1)).result, '2024-02-18', 'Spring Festival 2024: 02-10..17 off, Sunday 02-18 worked');
    assert.equal((await workdays('2024-09-27', 0)).result, '2024-09-27');
    assert.equal((await workdays('2022-12-30', 1)).result, '2023-01-03', '元旦 2023 was Monday 01-02');
  });

  test('a day: weekend, holiday with its name, adjusted working day, an ordinary weekday', async () => {
    const day = async (date: string) => (await get('hbj.clerk', `/api/v1/calendar/days/${date}`)).json() as Record<string, unknown>;
    assert.deepEqual(await day('2024-10-01'), {
      date: '2024-10-01',
      workday: false,
      kind: 'holiday',
      name: '国庆节',
      region: 'CN',
      provisional: false,
      reason: null,
    });
    assert.equal((await day('2024-09-29')).kind, 'adjusted_workday');
    assert.equal((await day('2024-09-28')).kind, 'weekend');
    assert.equal((await day('2024-09-27')).workday, true);
    const later = await day('2027-05-03');
    assert.equal(later.provisional, true);
    assert.match((later.reason as { en: string }).en, /2027 has no State Council notice yet/);
    assert.equal((await get(null, '/api/v1/calendar/days/2024-10-01')).statusCode, 401, 'signed-in users only');
  });

  test('a year day by day: weekends, named holidays and adjusted working days, for the calendar page', async () => {
    const res = await get('hbj.clerk', '/api/v1/calendar/years/2024/days');
    assert.equal(res.statusCode, 200, res.body);
    const y = res.json() as { provisional: boolean; days: { date: string; kind: string; name: string | null }[] };
    assert.equal(y.provisional, false);
    assert.equal(y.days.filter((d) => d.kind === 'holiday').length, 28);
    assert.equal(y.days.filter((d) => d.kind === 'adjusted_workday').length, 8);
    assert.deepEqual(
      y.days.find((d) => d.date === '2024-10-01'),
      { date: '2024-10-01', workday: false, kind: 'holiday', name: '国庆节', region: 'CN', provisional: false },
    );
    assert.ok(y.days.every((d) => d.date.startsWith('2024-')));
    assert.equal(((await get('hbj.clerk', '/api/v1/calendar/years/2027/days')).json() as { provisional: boolean }).provisional, true);
    assert.deepEqual(status(await get('hbj.clerk', '/api/v1/calendar/years/1999/days')), [400, 'validation']);
  });

  test('explain: a date or an instant, whose day in Asia/Shanghai is the start', async () => {
    const explain = async (start: string, days: number) => {
      const res = await get('inspector', `/api/v1/calendar/explain?start=${encodeURIComponent(start)}&days=${days}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { startDate: string; dueDate: string; counted: number; skipped: unknown[] };
    };
    assert.equal((await explain('2024-09-29', 1)).dueDate, '2024-09-30');
    // 17:00 UTC on the 29th is 01:00 on the 30th in Shanghai: the 30th is the start, and the holiday follows.
    const late = await explain('2024-09-29T17:00:00Z', 1);
    assert.equal(late.startDate, '2024-09-30');
    assert.equal(late.dueDate, '2024-10-08');
    assert.equal(late.skipped.length, 7);
    assert.equal((await explain('2024-09-29T23:30:00+08:00', 1)).startDate, '2024-09-29');
  });

  test('a year without a notice counts weekends only and says so; adding the notice settles it', async () => {
    // Open work on the clock: one deadline counting into 2027 (暂定), one that does not.
    const clerk = await suite.t.app.db.kysely.selectFrom('account').select('id').where('login', '=', 'hbj.clerk').executeTakeFirstOrThrow();
    const track = (subject: string, start: string) =>
      suite.t.app.db.kysely.transaction().execute((trx) =>
        suite.t.app.calendar.deadlines.track(trx, COUNTY, {
          subject,
          title: `测试案件 ${subject}`,
          owner: clerk.id,
          region: null,
          start: new Date(start),
          days: 5,
        }),
      );
    assert.equal((await track('case:late', '2026-12-25T09:00:00+08:00')).provisional, true);
    assert.equal((await track('case:early', '2026-11-02T09:00:00+08:00')).provisional, false);
    const before = await workdays('2026-12-25', 5);
    assert.equal(before.result, '2027-01-01');
    assert.equal(before.provisional, true);
    assert.deepEqual(before.provisionalYears, [2027]);
    assert.deepEqual(before.reason, {
      zh: '2027 年放假安排尚未发布，仅按周末计算',
      en: '2027 has no State Council notice yet: weekends only',
    });

    const added = await post('sysadmin', '/api/v1/calendar/years', year2027());
    assert.equal(added.statusCode, 200, added.body);
    assert.deepEqual((added.json() as { notice: object; replaced: boolean }).replaced, false);
    assert.equal((added.json() as { notice: { holidays: number } }).notice.holidays, 1);

    assert.deepEqual(
      (added.json() as { deadlinesMoved: { subject: string; movedFrom: string; dueDate: string }[] }).deadlinesMoved.map((d) => [
        d.subject,
        d.movedFrom,
        d.dueDate,
      ]),
      [['case:late', '2027-01-01', '2027-01-04']],
    );
    // Its owner sees it moved, the other one untouched; the move is in the trail.
    const mine = (await get('hbj.clerk', '/api/v1/calendar/deadlines/mine')).json() as {
      items: {
        subject: string;
        dueDate: string;
        provisional: boolean;
        movedFrom: string | null;
        explanation: { dueDate: string; skipped: { date: string; name: string | null }[] };
      }[];
    };
    // Each explains itself where it is listed: the new notice's 元旦 is among the days skipped.
    const late = mine.items.find((d) => d.subject === 'case:late')!;
    assert.equal(late.explanation.dueDate, '2027-01-04');
    assert.ok(late.explanation.skipped.some((d) => d.date === '2027-01-01' && d.name === '元旦'));
    assert.deepEqual(
      mine.items.map((d) => [d.subject, d.dueDate, d.provisional, d.movedFrom]),
      [
        ['case:early', '2026-11-09', false, null],
        ['case:late', '2027-01-04', false, '2027-01-01'],
      ],
    );
    assert.deepEqual((await get('hbj.chief', '/api/v1/calendar/deadlines/mine')).json(), { items: [] });
    const moves = await auditOf('deadline.moved');
    assert.deepEqual(
      moves.map((m) => [m.entity, (JSON.parse(m.payload) as { from: string; to: string }).to]),
      [['deadline:case:late', '2027-01-04']],
    );

    const after = await workdays('2026-12-25', 5);
    assert.equal(after.result, '2027-01-04');
    assert.equal(after.provisional, false);
    assert.equal(after.reason, null);

    const listed = (await get('hbj.clerk', '/api/v1/calendar/years?region=CN')).json() as {
      items: { year: number; holidays: number; workdays: number; source: string }[];
    };
    assert.deepEqual(
      listed.items.map((y) => y.year),
      [2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027],
    );
    assert.deepEqual(
      listed.items.find((y) => y.year === 2024),
      {
        ...listed.items.find((y) => y.year === 2024),
        holidays: 28,
        workdays: 8,
      },
    );
    assert.equal(listed.items.at(-1)!.source, 'entered by user:sysadmin');

    // Present already: 409 unless replaced; a replacement is the new truth at once.
    assert.deepEqual(status(await post('sysadmin', '/api/v1/calendar/years', year2027())), [409, 'conflict']);
    const replaced = await post(
      'sysadmin',
      '/api/v1/calendar/years',
      year2027({
        holidays: [
          { date: '2027-01-01', name: '元旦' },
          { date: '2027-01-04', name: '元旦' },
        ],
        replace: true,
      }),
    );
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.equal((replaced.json() as { replaced: boolean }).replaced, true);
    assert.equal((await workdays('2026-12-25', 5)).result, '2027-01-05');

    const events = await auditOf('calendar.year_add');
    assert.equal(events.length, 2);
    assert.equal(events[0]!.actor, 'user:sysadmin');
    assert.equal(events[0]!.entity, 'calendar:CN:2027');
    assert.equal(events[0]!.county_code, null, 'the national calendar is installation-wide');
    const payload = JSON.parse(events[1]!.payload) as {
      region: string;
      year: number;
      holidays: unknown[];
      replaced: { holidays: unknown[]; source: string } | null;
    };
    assert.equal(payload.region, 'CN');
    assert.equal(payload.holidays.length, 2);
    assert.deepEqual(payload.replaced?.holidays, [{ date: '2027-01-01', name: '元旦' }], 'the replaced notice is in the trail, day by day');
    assert.equal(payload.replaced?.source, 'entered by user:sysadmin');
  });

  test('only the county’s head or leader over the whole county, or the system administrator, changes a calendar', async () => {
    const year = year2027({ region: COUNTY, year: 2028, holidays: [{ date: '2028-03-01', name: '县庆' }] });
    assert.deepEqual(status(await post('hbj.clerk', '/api/v1/calendar/years', year)), [403, 'forbidden']);
    assert.deepEqual(status(await post('hbj.head', '/api/v1/calendar/years', year)), [403, 'forbidden'], 'a department head is not over the county');
    assert.deepEqual(status(await post('county.leader', '/api/v1/calendar/years', year)), [403, 'forbidden'], 'leaders of departments only');
    assert.deepEqual(status(await importIcs('hbj.clerk', `year=2028&region=${COUNTY}`, ics(vevent('20280301', null, '县庆')))), [403, 'forbidden']);
    assert.deepEqual(status(await importIcs('hbj.clerk', 'year=2028', 'not a calendar')), [403, 'forbidden'], 'refused before the file is read');
    assert.equal((await suite.http.inject({ method: 'POST', url: '/api/v1/calendar/years', payload: year })).statusCode, 401);
    assert.equal((await get('hbj.clerk', '/api/v1/calendar/years?region=990101')).json().items.length, 0, 'nothing was stored');

    // A head over the whole county may (the demo has none: one is made here).
    const account = { name: '县长', login: 'county.head', password: 'Sunlit@2026', unitCode: COUNTY };
    await suite.t.app.accounts.createAccount(CLI_ACTOR, account, [{ role: 'head', unitCode: COUNTY }]);
    const added = await post('county.head', '/api/v1/calendar/years', year);
    assert.equal(added.statusCode, 200, added.body);
    assert.equal((await workdays('2028-02-29', 1, COUNTY)).result, '2028-03-02', 'Wed 03-01 is the county’s holiday');
  });

  test('an ICS file of the county’s own holidays changes the county’s calendar only', async () => {
    const file = ics(
      vevent('20260303', '20260304', '县庆'),
      vevent('20260720', '20260723', '那达慕'),
      vevent('20260307', null, '县庆补班'),
      vevent('20251231', '20260101', '去年的'),
      'BEGIN:VEVENT\r\nDTSTART:20260305T090000Z\r\nSUMMARY:会议\r\nEND:VEVENT',
    );
    const res = await importIcs('sysadmin', `year=2026&region=${COUNTY}`, file);
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json() as {
      notice: { region: string; notice: string; holidays: number; workdays: number };
      events: number;
      eventsOutsideYear: number;
      skipped: { reason: string }[];
    };
    assert.deepEqual([r.notice.region, r.notice.notice, r.notice.holidays, r.notice.workdays], [COUNTY, '示范县地方节日', 4, 1]);
    assert.equal(r.events, 5);
    assert.equal(r.eventsOutsideYear, 1);
    assert.match(r.skipped[0]!.reason, /not an all-day event/);

    // Tue 2026-03-03 is a holiday in the county, an ordinary Tuesday elsewhere; Saturday 03-07 is worked there.
    assert.equal((await workdays('2026-03-02', 1, COUNTY)).result, '2026-03-04');
    assert.equal((await workdays('2026-03-02', 1)).result, '2026-03-03');
    assert.equal((await workdays('2026-03-06', 1, COUNTY)).result, '2026-03-07');
    assert.equal((await workdays('2026-07-17', 1, COUNTY)).result, '2026-07-23', 'a three-day event expands');
    const day = (await get('hbj.clerk', `/api/v1/calendar/days/2026-03-03?region=${COUNTY}`)).json() as { kind: string; name: string; region: string };
    assert.deepEqual([day.kind, day.name, day.region], ['holiday', '县庆', COUNTY]);
    // The county's calendar still has the national holidays.
    assert.equal((await workdays('2025-12-31', 1, COUNTY)).result, '2026-01-04');

    const [event] = await auditOf('calendar.year_import');
    assert.equal(event!.entity, `calendar:${COUNTY}:2026`);
    assert.equal(event!.county_code, COUNTY);
    const payload = JSON.parse(event!.payload) as { sha256: string; holidays: unknown[]; eventsOutsideYear: number };
    assert.match(payload.sha256, /^[0-9a-f]{64}$/);
    assert.equal(payload.holidays.length, 4);

    assert.deepEqual(status(await importIcs('sysadmin', `year=2026&region=${COUNTY}`, file)), [409, 'conflict']);
    assert.equal((await importIcs('sysadmin', `year=2026&region=${COUNTY}&replace=true&notice=更正`, file)).statusCode, 200);
    assert.deepEqual(status(await importIcs('sysadmin', 'year=2026', 'hello')), [422, 'calendar.ics_refused']);
    assert.deepEqual(status(await importIcs('sysadmin', 'year=2029', file)), [422, 'calendar.ics_refused'], 'nothing in 2029');
    assert.deepEqual(status(await importIcs('sysadmin', 'year=2029', ics(vevent('20290102', null, '元旦'), vevent('20290102', null, '补班')))), [
      400,
      'validation',
    ]);
  });

  test('validation: dates that do not exist, years outside 2000–2099, unknown regions, notices that do not fit their year', async () => {
    const fields = (res: Reply) => Object.keys((errorOf(res).details as { fields: Record<string, string> }).fields);
    const bad = async (url: string) => {
      const res = await get('hbj.clerk', url);
      assert.deepEqual(status(res), [400, 'validation'], url);
      return res;
    };
    const notADate = await bad('/api/v1/calendar/workdays?date=2024-02-30&n=1');
    assert.deepEqual(fields(notADate), ['date']);
    assert.match(errorOf(notADate).message, /2024-02-30/);
    assert.match(errorOf(await bad('/api/v1/calendar/workdays?date=1999-12-31&n=1')).message, /2000/);
    await bad('/api/v1/calendar/workdays?date=2024-09-27&n=-1');
    await bad('/api/v1/calendar/workdays?date=2024-09-27&n=1.5');
    await bad('/api/v1/calendar/workdays?date=20240927&n=1');
    assert.deepEqual(fields(await bad('/api/v1/calendar/workdays?date=2099-12-30&n=5')), ['n'], 'past the calendar’s end');
    assert.deepEqual(fields(await bad('/api/v1/calendar/explain?start=2099-12-30&days=5')), ['days']);
    assert.deepEqual(fields(await bad('/api/v1/calendar/workdays?date=2024-09-27&n=1&region=NOPE')), ['region']);
    await bad('/api/v1/calendar/days/2100-01-01');
    await bad('/api/v1/calendar/explain?start=2024-09-27T25:00:00Z&days=1');
    await bad('/api/v1/calendar/explain?start=2024-09-27T10:00:00&days=1');

    const refuse = async (body: object) => {
      const res = await post('sysadmin', '/api/v1/calendar/years', body);
      assert.deepEqual(status(res), [400, 'validation'], res.body);
      return res;
    };
    const outside = await refuse(year2027({ year: 2030, holidays: [{ date: '2029-12-31', name: '元旦' }] }));
    assert.deepEqual(fields(outside), ['holidays.0.date']);
    assert.match(errorOf(outside).message, /2029-12-31/);
    assert.deepEqual(fields(await refuse(year2027({ year: 2030, holidays: [{ date: '2030-01-05', name: '元旦' }], workdays: ['2030-01-05'] }))), [
      'workdays.0',
    ]);
    assert.deepEqual(
      fields(await refuse(year2027({ year: 2030, holidays: [{ date: '2030-01-01', name: '元旦' }], workdays: ['2030-01-02'] }))),
      ['workdays.0'],
      'a Wednesday',
    );
    assert.deepEqual(fields(await refuse(year2027({ year: 2030, holidays: [{ date: '2030-02-29', name: '春节' }] }))), ['holidays.0.date']);
    await refuse(year2027({ year: 2100, holidays: [{ date: '2100-01-01', name: '元旦' }] }));
    await refuse(year2027({ year: 2030, holidays: [] }));
    await refuse(year2027({ year: 2030, region: 'NOPE', holidays: [{ date: '2030-01-01', name: '元旦' }] }));
    await refuse({ ...year2027({ year: 2030 }), colour: 'red' });
    assert.equal((await get('hbj.clerk', '/api/v1/calendar/years?region=CN')).json().items.length, 8, 'nothing refused was stored');
  });
});
