// A case's clock on the shipped State Council calendar: yellow and red instants for 5-, 3- and 1-day promises; across
// the 2024 National Day holiday and the 2026 Spring Festival; promised vs statutory limits; an art. 42 extension; a
// suspension still running; the warning at its boundaries; art. 32 deemed acceptance (across the Spring Festival too);
// working days taken; and which categories may extend.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { WorkCalendar, type CalendarYear, type Suspension } from '../calendar/calendar.rules.ts';
import {
  acceptanceDue,
  acceptanceOf,
  CASE_LAW,
  caseDeadlines,
  mayExtend,
  warningAt,
  warningLimit,
  workdaysTaken,
  type CaseClockInput,
} from './case-clock.rules.ts';

const SHIPPED = JSON.parse(readFileSync(new URL('../calendar/data/cn-holidays-2020-2026.json', import.meta.url), 'utf8')) as { years: CalendarYear[] };
const calendar = new WorkCalendar({ national: SHIPPED.years });

/** An instant in Asia/Shanghai: `at('2024-03-04 10:00')`. */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
/** 24:00 Asia/Shanghai at the end of a civil date (worked out here, not with the calendar module's helper). */
const endOf = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000);

const input = (acceptedAt: Date, over: Partial<CaseClockInput> = {}): CaseClockInput => ({
  acceptedAt,
  statutoryLimit: null,
  promisedLimit: null,
  suspensions: [],
  extensions: [],
  yellowRatio: CASE_LAW.yellowRatio,
  ...over,
});

describe('caseDeadlines: yellow at the end of working day floor(0.8·N), red at the end of day N', () => {
  // Accepted Monday 2024-03-04 (an ordinary week): day 1 Tue 03-05, 2 Wed 03-06, 3 Thu 03-07, 4 Fri 03-08, 5 Mon 03-11.
  const monday = at('2024-03-04 10:00');
  const EXAMPLES: [number, string, string, string][] = [
    [5, '2024-03-08', '2024-03-11', 'N=5: yellow at the end of day 4 (Fri), red at the end of day 5 (Mon after the weekend)'],
    [3, '2024-03-06', '2024-03-07', 'N=3: yellow at the end of day 2'],
    [1, '2024-03-04', '2024-03-05', 'N=1: floor(0.8) = 0, yellow from the end of the acceptance day itself'],
    [10, '2024-03-14', '2024-03-18', 'N=10: day 8 and day 10'],
  ];
  for (const [n, yellow, red, why] of EXAMPLES) {
    test(`promised ${n} from Mon 2024-03-04: yellow end of ${yellow}, red end of ${red} (${why})`, () => {
      const d = caseDeadlines(calendar, input(monday, { promisedLimit: n }), monday);
      assert.deepEqual(d.yellowAt, endOf(yellow));
      assert.deepEqual(d.redAt, endOf(red));
      assert.deepEqual(d.due, endOf(red));
      assert.equal(d.dueDate, red);
      assert.equal(d.limitDays, n);
      assert.equal(d.limitKind, 'promised');
      assert.equal(d.provisional, false);
      assert.equal(d.statutoryDue, null);
    });
  }

  test('end of a day is 16:00 UTC: the instants are what the database stores', () => {
    const d = caseDeadlines(calendar, input(monday, { promisedLimit: 5 }), monday);
    assert.equal(d.yellowAt?.toISOString(), '2024-03-08T16:00:00.000Z');
    assert.equal(d.redAt?.toISOString(), '2024-03-11T16:00:00.000Z');
  });

  test('across the 2024 National Day holiday (10-01..07 off; Sun 09-29 and Sat 10-12 worked): accepted Fri 09-27, 5 days', () => {
    // Day 1 Sun 09-29 (调休上班), 2 Mon 09-30, then 10-01..07 off, 3 Tue 10-08, 4 Wed 10-09, 5 Thu 10-10.
    const friday = at('2024-09-27 16:30');
    const d = caseDeadlines(calendar, input(friday, { promisedLimit: 5 }), friday);
    assert.deepEqual(d.yellowAt, endOf('2024-10-09'));
    assert.deepEqual(d.redAt, endOf('2024-10-10'));
    // 10 days: 6 Fri 10-11, 7 Sat 10-12 (调休上班), 8 Mon 10-14, 9 Tue 10-15, 10 Wed 10-16.
    const ten = caseDeadlines(calendar, input(friday, { promisedLimit: 10 }), friday);
    assert.deepEqual(ten.yellowAt, endOf('2024-10-14'));
    assert.deepEqual(ten.redAt, endOf('2024-10-16'));
  });

  test('across the 2026 Spring Festival (02-15..23 off; Sat 02-14 worked): accepted Thu 02-12, 5 days', () => {
    // Day 1 Fri 02-13, 2 Sat 02-14 (调休上班), then nine days off, 3 Tue 02-24, 4 Wed 02-25, 5 Thu 02-26.
    const thursday = at('2026-02-12 09:00');
    const d = caseDeadlines(calendar, input(thursday, { promisedLimit: 5 }), thursday);
    assert.deepEqual(d.yellowAt, endOf('2026-02-25'));
    assert.deepEqual(d.redAt, endOf('2026-02-26'));
    assert.equal(d.dueDate, '2026-02-26');
    assert.equal(d.provisional, false, '2026 has its notice');
    // 3 days: yellow at the end of day 2, the adjusted Saturday; red the first day back.
    const three = caseDeadlines(calendar, input(thursday, { promisedLimit: 3 }), thursday);
    assert.deepEqual(three.yellowAt, endOf('2026-02-14'));
    assert.deepEqual(three.redAt, endOf('2026-02-24'));
  });

  test('promised and statutory: warnings from the promise, the statutory deadline still computed', () => {
    const d = caseDeadlines(calendar, input(monday, { promisedLimit: 5, statutoryLimit: 20 }), monday);
    assert.equal(d.limitKind, 'promised');
    assert.equal(d.limitDays, 5);
    assert.deepEqual(d.yellowAt, endOf('2024-03-08'));
    assert.deepEqual(d.redAt, endOf('2024-03-11'));
    // 20 working days from Mon 03-04: four whole weeks, Mon 04-01.
    assert.deepEqual(d.statutoryDue, endOf('2024-04-01'));
  });

  test('statutory only: warnings from the statutory limit (20 → day 16 and day 20)', () => {
    const d = caseDeadlines(calendar, input(monday, { statutoryLimit: 20 }), monday);
    assert.equal(d.limitKind, 'statutory');
    assert.equal(d.limitDays, 20);
    assert.deepEqual(d.yellowAt, endOf('2024-03-26'));
    assert.deepEqual(d.redAt, endOf('2024-04-01'));
    assert.deepEqual(d.statutoryDue, d.redAt);
  });

  test('neither limit: no warnings and nulls throughout', () => {
    const d = caseDeadlines(calendar, input(monday), monday);
    assert.deepEqual(d, { due: null, dueDate: null, yellowAt: null, redAt: null, statutoryDue: null, provisional: false, limitDays: null, limitKind: null });
    assert.equal(warningAt(d, at('2030-01-01 00:00')), 'none');
  });

  test('an art. 42 extension (+10) moves due and yellow: 20 + 10 from Mon 03-04 across 清明 2024', () => {
    const extensions = [{ days: CASE_LAW.extensionDays, approvedBy: 'head', reason: '需要实地核查' }];
    const d = caseDeadlines(calendar, input(monday, { statutoryLimit: 20, extensions }), monday);
    // 30 working days: 21 04-02, 22 04-03, (04-04..06 清明) 23 Sun 04-07 (调休上班), 24 04-08, … 30 Tue 04-16.
    assert.deepEqual(d.redAt, endOf('2024-04-16'));
    assert.deepEqual(d.statutoryDue, endOf('2024-04-16'));
    // Yellow at floor(0.8 × 30) = 24 working days: Mon 04-08 (it was day 16, 03-26, before the extension).
    assert.deepEqual(d.yellowAt, endOf('2024-04-08'));
    assert.equal(d.limitDays, 20, 'the limit stays the item’s; the extension is counted on top');
  });

  test('an open suspension stops both clocks up to now: promised 5, stopped Wed 03-06, now Wed 03-13', () => {
    const suspensions: Suspension[] = [{ from: at('2024-03-06 11:00'), to: null, reason: '专家评审' }];
    const now = at('2024-03-13 10:00');
    const d = caseDeadlines(calendar, input(monday, { promisedLimit: 5, suspensions }), now);
    // Counted 03-05 and 03-06; stopped up to and including today 03-13; 3 more: 03-14, 03-15, Mon 03-18.
    assert.deepEqual(d.redAt, endOf('2024-03-18'));
    // Yellow after 4: the 2 before the stop, then 03-14 and 03-15.
    assert.deepEqual(d.yellowAt, endOf('2024-03-15'));
    // A day later the clock is still stopped and both move on by a working day.
    const later = caseDeadlines(calendar, input(monday, { promisedLimit: 5, suspensions }), at('2024-03-14 10:00'));
    assert.deepEqual(later.redAt, endOf('2024-03-19'));
    assert.deepEqual(later.yellowAt, endOf('2024-03-18'));
  });

  test('a closed suspension: stopped Wed 03-06, resumed Mon 03-11 (03-07, 03-08, 03-11 not counted)', () => {
    const suspensions: Suspension[] = [{ from: at('2024-03-06 11:00'), to: at('2024-03-11 09:00'), reason: '专家评审' }];
    const d = caseDeadlines(calendar, input(monday, { promisedLimit: 5, suspensions }), at('2024-03-20 10:00'));
    // Counted 03-05, 03-06; then 03-12, 03-13 (yellow, day 4), 03-14 (red, day 5).
    assert.deepEqual(d.yellowAt, endOf('2024-03-13'));
    assert.deepEqual(d.redAt, endOf('2024-03-14'));
  });

  test('warningLimit: the promise first, then the statutory limit, else none', () => {
    assert.deepEqual(warningLimit({ promisedLimit: 5, statutoryLimit: 20 }), { days: 5, kind: 'promised' });
    assert.deepEqual(warningLimit({ promisedLimit: null, statutoryLimit: 20 }), { days: 20, kind: 'statutory' });
    assert.deepEqual(warningLimit({ promisedLimit: 0, statutoryLimit: 20 }), { days: 0, kind: 'promised' }, '0 (当场办结) is a promise');
    assert.equal(warningLimit({ promisedLimit: null, statutoryLimit: null }), null);
  });
});

describe('warningAt', () => {
  const d = { yellowAt: endOf('2024-03-08'), redAt: endOf('2024-03-11') };
  const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);
  const ROWS: [string, Date, string][] = [
    ['long before', at('2024-03-04 10:00'), 'green'],
    ['a millisecond before yellow', ms(d.yellowAt, -1), 'green'],
    ['exactly at yellowAt', d.yellowAt, 'yellow'],
    ['between', at('2024-03-11 12:00'), 'yellow'],
    ['a millisecond before red', ms(d.redAt, -1), 'yellow'],
    ['exactly at redAt', d.redAt, 'red'],
    ['long after', at('2025-01-01 00:00'), 'red'],
  ];
  for (const [when, instant, expected] of ROWS) test(`${when} → ${expected}`, () => assert.equal(warningAt(d, instant), expected));

  test('without yellow or red: none', () => {
    assert.equal(warningAt({ yellowAt: null, redAt: null }, d.redAt), 'none');
    assert.equal(warningAt({ yellowAt: d.yellowAt, redAt: null }, d.redAt), 'none');
    assert.equal(warningAt({ yellowAt: null, redAt: d.redAt }, d.redAt), 'none');
  });
});

describe('acceptanceOf (第三十二条: not answered within five working days → accepted on the day the materials arrived)', () => {
  // Arrived Mon 2024-03-04: the five days are 03-05..03-08 and Mon 03-11; acceptance is due at the end of 03-11.
  const arrived = at('2024-03-04 10:00');

  test('acceptanceDue: the end of the fifth working day after arrival', () => {
    assert.deepEqual(acceptanceDue(calendar, arrived), endOf('2024-03-11'));
  });

  const ROWS: [string, Date, boolean][] = [
    ['answered the same day', at('2024-03-04 15:00'), false],
    ['answered Fri 03-08', at('2024-03-08 17:00'), false],
    ['answered on the fifth working day, just before midnight', new Date(endOf('2024-03-11').getTime() - 1), false],
    ['answered exactly at the end of the fifth working day', endOf('2024-03-11'), true],
    ['answered Tue 03-12', at('2024-03-12 09:00'), true],
    ['answered weeks later', at('2024-04-15 09:00'), true],
  ];
  for (const [when, answered, deemed] of ROWS) {
    test(`${when} → ${deemed ? 'deemed accepted on the arrival day' : 'accepted that day'}`, () => {
      const a = acceptanceOf(calendar, arrived, answered);
      assert.equal(a.deemed, deemed);
      assert.deepEqual(a.acceptedAt, deemed ? arrived : answered);
    });
  }

  test('the five working days straddle the 2026 Spring Festival: arrived Thu 02-12, answered Wed 02-25 (13 calendar days later) → not deemed', () => {
    // Working days: Fri 02-13, Sat 02-14 (调休上班), Tue 02-24, Wed 02-25, Thu 02-26.
    const arrivedBefore = at('2026-02-12 10:00');
    assert.deepEqual(acceptanceDue(calendar, arrivedBefore), endOf('2026-02-26'));
    const answered = at('2026-02-25 16:00');
    assert.deepEqual(acceptanceOf(calendar, arrivedBefore, answered), { acceptedAt: answered, deemed: false });
    assert.deepEqual(acceptanceOf(calendar, arrivedBefore, at('2026-02-26 17:59')), { acceptedAt: at('2026-02-26 17:59'), deemed: false });
    assert.deepEqual(acceptanceOf(calendar, arrivedBefore, at('2026-02-27 09:00')), { acceptedAt: arrivedBefore, deemed: true });
  });
});

describe('workdaysTaken', () => {
  const accepted = at('2024-03-04 10:00');

  test('Mon 03-04 to Fri 03-15: 9 working days (the acceptance day not counted, the closing day counted)', () => {
    assert.equal(workdaysTaken(calendar, accepted, at('2024-03-15 16:00'), []), 9);
  });

  test('with a suspension Wed 03-06 → Mon 03-11: 03-07, 03-08 and 03-11 are left out, 6 remain', () => {
    const s: Suspension[] = [{ from: at('2024-03-06 11:00'), to: at('2024-03-11 09:00'), reason: '专家评审' }];
    assert.equal(workdaysTaken(calendar, accepted, at('2024-03-15 16:00'), s), 6);
  });

  test('a suspension still open at closing counts up to the closing day', () => {
    const s: Suspension[] = [{ from: at('2024-03-13 11:00'), to: null, reason: '检验' }];
    // 03-05..03-08, 03-11..03-13 counted (7); 03-14, 03-15 stopped.
    assert.equal(workdaysTaken(calendar, accepted, at('2024-03-15 16:00'), s), 7);
  });

  test('a suspension before acceptance or after closing changes nothing', () => {
    const s: Suspension[] = [
      { from: at('2024-02-20 09:00'), to: at('2024-03-01 09:00'), reason: '补正' },
      { from: at('2024-03-20 09:00'), to: at('2024-03-25 09:00'), reason: '检验' },
    ];
    assert.equal(workdaysTaken(calendar, accepted, at('2024-03-15 16:00'), s), 9);
  });

  // Two clock-stopping steps open at once in parallel branches: the union of their spans is left out, once.
  test('two overlapping suspensions (parallel clock stops) leave out the days they share only once', () => {
    const s: Suspension[] = [
      { from: at('2024-03-06 11:00'), to: at('2024-03-11 09:00'), reason: '专家评审' },
      { from: at('2024-03-07 11:00'), to: at('2024-03-12 09:00'), reason: '检验' },
    ];
    assert.equal(workdaysTaken(calendar, accepted, at('2024-03-15 16:00'), s), 5);
  });

  test('across the 2024 National Day: accepted Fri 09-27, closed Thu 10-10 → 5 (09-29, 09-30, 10-08, 10-09, 10-10)', () => {
    assert.equal(workdaysTaken(calendar, at('2024-09-27 10:00'), at('2024-10-10 10:00'), []), 5);
  });

  test('closed the day it was accepted (or before): 0', () => {
    assert.equal(workdaysTaken(calendar, accepted, at('2024-03-04 17:00'), []), 0);
    assert.equal(workdaysTaken(calendar, accepted, at('2024-03-01 17:00'), []), 0);
  });
});

describe('mayExtend (第四十二条 is for 行政许可 only)', () => {
  test('licensing may; every other category may not', () => {
    assert.equal(mayExtend('licensing'), true);
    for (const c of ['non_licensing_approval', 'confirmation', 'penalty', 'coercion', 'public_service', 'benefit', 'village_micro', 'other', ''])
      assert.equal(mayExtend(c), false, c);
  });
});
