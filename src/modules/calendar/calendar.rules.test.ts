// The legal clock on the shipped State Council calendar (2020–2026): worked examples at the holiday boundaries of
// every year, read off the notices; every day of the seven years against the npm package chinese-days; a
// day-by-day count against the constant-time one; provisional years and what a new notice changes; a county's own
// holiday; suspensions (第四十五条) and extensions (第四十二条); the explanation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import chineseDays from 'chinese-days';
import {
  addWorkdaysNaively,
  computeDeadline,
  dayNumber,
  explainDeadline,
  isoOf,
  shanghaiDay,
  WorkCalendar,
  type CalendarData,
  type CalendarYear,
} from './calendar.rules.ts';

const SHIPPED = JSON.parse(readFileSync(new URL('./data/cn-holidays-2020-2026.json', import.meta.url), 'utf8')) as { years: CalendarYear[] };
const DATA: CalendarData = { national: SHIPPED.years };
const calendar = new WorkCalendar(DATA);
const add = (date: string, n: number, cal = calendar) => isoOf(cal.addWorkdays(dayNumber(date), n));

describe('working days', () => {
  // [start (its weekday), N, expected, why] — each checked against the year's notice.
  const EXAMPLES: [string, number, string, string][] = [
    ['2024-09-27', 3, '2024-10-08', '周五受理; 9-29 (日) 调休上班; 10-01..07 国庆'],
    ['2020-01-23', 1, '2020-02-03', '2020 春节延长至 2-02 (国办发明电〔2020〕1号)'],
    ['2025-12-31', 1, '2026-01-04', '2026 元旦 1-01..03; 1-04 (日) 调休上班'],
    ['2020-01-17', 1, '2020-01-19', '2020-01-19 (日) 调休上班 before 春节'],
    ['2020-09-30', 1, '2020-10-09', '2020 国庆中秋 10-01..08'],
    ['2020-10-09', 1, '2020-10-10', '2020-10-10 (六) 调休上班'],
    ['2021-02-10', 1, '2021-02-18', '2021 春节 2-11..17'],
    ['2022-04-01', 1, '2022-04-02', '2022-04-02 (六) 调休上班 before 清明'],
    ['2022-04-01', 2, '2022-04-06', '2022 清明 4-03..05'],
    ['2023-04-28', 1, '2023-05-04', '2023 劳动节 4-29..5-03'],
    ['2024-02-09', 1, '2024-02-18', '2024 春节 2-10..17; 2-18 (日) 调休上班'],
    ['2025-01-27', 1, '2025-02-05', '2025 春节 1-28..2-04'],
    ['2026-02-13', 1, '2026-02-14', '2026-02-14 (六) 调休上班 before 春节'],
    ['2026-02-13', 2, '2026-02-24', '2026 春节 2-15..23'],
    ['2024-12-31', 1, '2025-01-02', '2025 元旦 1-01 only'],
    ['2023-12-29', 1, '2024-01-02', '2024 元旦 12-30..1-01'],
    ['2024-09-13', 1, '2024-09-14', '2024-09-14 (六) 调休上班 before 中秋'],
    ['2024-09-14', 1, '2024-09-18', '2024 中秋 9-15..17'],
    ['2021-06-11', 1, '2021-06-15', '2021 端午 6-12..14'],
    ['2024-03-01', 0, '2024-03-01', 'zero days: the start day itself'],
    ['2024-03-01', 20, '2024-03-29', 'an ordinary month: four weeks of weekends'],
  ];
  for (const [start, n, expected, why] of EXAMPLES) {
    test(`${start} + ${n} working days = ${expected} (${why})`, () => assert.equal(add(start, n), expected));
  }

  // Every holiday of 2020–2026 and every adjusted working day, counted across against chinese-days' own count.
  const spans: { year: number; name: string; from: number; to: number }[] = [];
  for (const y of SHIPPED.years) {
    for (const h of y.holidays) {
      const day = dayNumber(h.date);
      const last = spans[spans.length - 1];
      if (last && last.name === h.name && last.to + 1 === day) last.to = day;
      else spans.push({ year: y.year, name: h.name, from: day, to: day });
    }
  }
  for (const span of spans) {
    test(`across ${span.year} ${span.name} (${isoOf(span.from)}..${isoOf(span.to)}): counts from before, into and out of it agree with chinese-days`, () => {
      for (const start of [span.from - 1, span.from, span.to])
        for (const n of [1, 2, 5]) assert.equal(add(isoOf(start), n), chineseDays.findWorkday(n, isoOf(start)), `${isoOf(start)} + ${n}`);
    });
  }
  test('each adjusted working day (调休上班) of 2020–2026 is the next working day after the day before it', () => {
    for (const y of SHIPPED.years)
      for (const d of y.workdays) {
        assert.equal(add(isoOf(dayNumber(d) - 1), 1), d);
        assert.equal(add(isoOf(dayNumber(d) - 1), 1), chineseDays.findWorkday(1, isoOf(dayNumber(d) - 1)));
      }
  });

  test('every day of 2020–2026 is a working day exactly when chinese-days says so', () => {
    const differ: string[] = [];
    for (let day = dayNumber('2020-01-01'); day <= dayNumber('2026-12-31'); day++) {
      if (calendar.isWorkday(day) !== chineseDays.isWorkday(isoOf(day))) differ.push(isoOf(day));
    }
    assert.deepEqual(differ, []);
  });

  test('the constant-time count agrees with counting day by day, for 5,000 starts and lengths', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const first = dayNumber('2019-12-01');
    for (let i = 0; i < 5000; i++) {
      const start = first + Math.floor(random() * 2600);
      const n = Math.floor(random() * 80);
      assert.equal(
        calendar.addWorkdays(start, n),
        addWorkdaysNaively((d) => calendar.isWorkday(d), start, n),
        `${isoOf(start)} + ${n}`,
      );
    }
  });

  test('a day says what it is: holiday with its name, adjusted working day, weekend, plain working day', () => {
    assert.deepEqual(calendar.dayInfo(dayNumber('2024-10-01')), {
      date: '2024-10-01',
      workday: false,
      kind: 'holiday',
      name: '国庆节',
      region: 'CN',
      provisional: false,
    });
    assert.equal(calendar.dayInfo(dayNumber('2024-09-29')).kind, 'adjusted_workday');
    assert.equal(calendar.dayInfo(dayNumber('2024-09-28')).kind, 'weekend');
    assert.equal(calendar.dayInfo(dayNumber('2024-09-27')).kind, 'workday');
  });

  test('impossible input is refused, not guessed', () => {
    assert.throws(() => dayNumber('2024-02-30'), /not a date/);
    assert.throws(() => dayNumber('2024-2-3'), /not a date/);
    assert.throws(() => calendar.addWorkdays(dayNumber('2024-01-01'), -1), /whole number/);
    assert.throws(() => calendar.addWorkdays(dayNumber('2024-01-01'), 1.5), /whole number/);
    assert.throws(() => calendar.isWorkday(dayNumber('1999-12-31')), /outside the calendar/);
    assert.throws(() => calendar.addWorkdays(dayNumber('2099-12-01'), 100), /past the calendar's end/);
  });
});

describe('provisional years', () => {
  const NOTICE_2027: CalendarYear = {
    year: 2027,
    notice: '国办发明电〔2026〕（测试）',
    published: '2026-11-20',
    holidays: [{ date: '2027-01-01', name: '元旦' }],
    workdays: [],
  };

  test('a count into a year without a notice uses weekends only and is marked 暂定', () => {
    const d = computeDeadline(calendar, { start: new Date('2026-12-25T09:00:00+08:00'), days: 5 });
    assert.equal(d.dueDate, '2027-01-01');
    assert.equal(d.provisional, true);
    assert.deepEqual(calendar.provisionalYears(dayNumber('2026-12-25'), dayNumber('2027-01-01')), [2027]);
    assert.equal(computeDeadline(calendar, { start: new Date('2026-12-01T09:00:00+08:00'), days: 5 }).provisional, false);
  });

  test('when the notice is added, the same deadline moves and is no longer provisional', () => {
    const withNotice = new WorkCalendar({ national: [...SHIPPED.years, NOTICE_2027] });
    const d = computeDeadline(withNotice, { start: new Date('2026-12-25T09:00:00+08:00'), days: 5 });
    assert.deepEqual([d.dueDate, d.provisional], ['2027-01-04', false]);
  });
});

describe('regional calendars', () => {
  // A county's own holiday (some autonomous regions have them), on top of the national calendar.
  const data: CalendarData = {
    national: SHIPPED.years,
    regional: [
      {
        region: '990101',
        years: [{ year: 2024, notice: '县政府通知（测试）', published: null, holidays: [{ date: '2024-07-01', name: '自治县成立纪念日' }], workdays: [] }],
      },
    ],
  };

  test('only that region counts its holiday', () => {
    const county = new WorkCalendar(data, '990101');
    const other = new WorkCalendar(data, '990102');
    assert.equal(add('2024-06-28', 1, county), '2024-07-02');
    assert.equal(add('2024-06-28', 1, other), '2024-07-01');
    assert.deepEqual(county.dayInfo(dayNumber('2024-07-01')).region, '990101');
  });
});

describe('deadlines', () => {
  const start = new Date('2024-03-04T10:30:00+08:00'); // a Monday

  test('the end of the Nth working day after the start day, 24:00 Asia/Shanghai', () => {
    const d = computeDeadline(calendar, { start, days: 20 });
    assert.equal(d.dueDate, '2024-04-01');
    assert.equal(d.due.toISOString(), '2024-04-01T16:00:00.000Z');
  });

  test('the start day is the civil date in Shanghai, not in UTC', () => {
    // 2024-09-26 17:00 UTC is Friday 2024-09-27 01:00 in Shanghai.
    assert.equal(shanghaiDay(new Date('2024-09-26T17:00:00Z')), dayNumber('2024-09-27'));
    assert.equal(computeDeadline(calendar, { start: new Date('2024-09-26T17:00:00Z'), days: 3 }).dueDate, '2024-10-08');
  });

  test('a suspension stops the clock from the day after it stopped to the day it started again', () => {
    // Stopped Wed 3-06 (expert review), started again Fri 3-08: Thu 3-07 and Fri 3-08 are not counted.
    const suspended = computeDeadline(calendar, {
      start,
      days: 20,
      suspensions: [{ from: new Date('2024-03-06T15:00:00+08:00'), to: new Date('2024-03-08T09:00:00+08:00'), reason: '专家评审' }],
    });
    assert.equal(suspended.dueDate, '2024-04-03');
    // Over a weekend it costs only the working days it held.
    const weekend = computeDeadline(calendar, {
      start,
      days: 20,
      suspensions: [{ from: new Date('2024-03-08T15:00:00+08:00'), to: new Date('2024-03-11T09:00:00+08:00'), reason: '检验' }],
    });
    assert.equal(weekend.dueDate, '2024-04-02');
  });

  test('a suspension after the deadline changes nothing; overlapping ones count each day once', () => {
    const late = computeDeadline(calendar, {
      start,
      days: 5,
      suspensions: [{ from: new Date('2024-03-20T09:00:00+08:00'), to: new Date('2024-03-25T09:00:00+08:00'), reason: '听证' }],
    });
    assert.equal(late.dueDate, computeDeadline(calendar, { start, days: 5 }).dueDate);
    const twice = computeDeadline(calendar, {
      start,
      days: 20,
      suspensions: [
        { from: new Date('2024-03-06T15:00:00+08:00'), to: new Date('2024-03-08T09:00:00+08:00'), reason: '专家评审' },
        { from: new Date('2024-03-07T09:00:00+08:00'), to: new Date('2024-03-08T18:00:00+08:00'), reason: '检测' },
      ],
    });
    assert.equal(twice.dueDate, '2024-04-03');
  });

  test('a suspension still running is counted up to now, and the deadline says it is paused', () => {
    const d = computeDeadline(
      calendar,
      { start, days: 20, suspensions: [{ from: new Date('2024-03-06T15:00:00+08:00'), to: null, reason: '鉴定' }] },
      new Date('2024-03-12T12:00:00+08:00'),
    );
    // 3-07, 3-08, 3-11, 3-12 stopped: four working days after 4-01 — 4-02, 4-03, 4-07 (日, 调休上班), 4-08 (清明 4-04..06).
    assert.deepEqual([d.dueDate, d.paused], ['2024-04-08', true]);
  });

  test('an extension adds working days (第四十二条: +10 with the head’s approval)', () => {
    const d = computeDeadline(calendar, { start, days: 20, extensions: [{ days: 10, approvedBy: '赵建国（局长）', reason: '情况复杂' }] });
    assert.equal(d.dueDate, '2024-04-16'); // 4-04..06 清明, 4-07 (日) 调休上班
  });

  test('the explanation lists the days skipped and why, the adjusted days worked, the notices relied on', () => {
    const e = explainDeadline(calendar, { start: new Date('2024-09-27T10:00:00+08:00'), days: 3 });
    assert.equal(e.startDate, '2024-09-27');
    assert.equal(e.dueDate, '2024-10-08');
    assert.deepEqual(e.adjustedWorked, ['2024-09-29']);
    assert.deepEqual(
      e.skipped.map((s) => `${s.date} ${s.kind}${s.name ? ` ${s.name}` : ''}`),
      ['2024-09-28 weekend', ...['01', '02', '03', '04', '05', '06', '07'].map((d) => `2024-10-${d} holiday 国庆节`)],
    );
    assert.deepEqual(e.notices, [{ year: 2024, notice: SHIPPED.years.find((y) => y.year === 2024)!.notice }]);
    assert.deepEqual(e.provisionalYears, []);
  });

  test('the explanation of a suspended, extended, provisional deadline says all three', () => {
    const e = explainDeadline(calendar, {
      start: new Date('2026-12-01T10:00:00+08:00'),
      days: 20,
      suspensions: [{ from: new Date('2026-12-02T10:00:00+08:00'), to: new Date('2026-12-04T10:00:00+08:00'), reason: '专家评审' }],
      extensions: [{ days: 10, approvedBy: '局长', reason: '情况复杂' }],
    });
    assert.equal(e.counted, 30);
    assert.deepEqual(e.suspensions, [{ from: '2026-12-02', to: '2026-12-04', reason: '专家评审', workdaysStopped: 2 }]);
    assert.deepEqual(
      e.skipped.filter((s) => s.kind === 'suspended').map((s) => s.date),
      ['2026-12-03', '2026-12-04'],
    );
    assert.deepEqual(e.provisionalYears, [2027]);
    assert.equal(e.provisional, true);
  });
});
