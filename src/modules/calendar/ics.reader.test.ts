import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IcsUnreadable, readIcs } from './ics.reader.ts';

const calendar = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR'].join('\r\n');

test('all-day events: DTEND exclusive, one day without it, DURATION in days; 班 marks adjusted working days', () => {
  const r = readIcs(
    calendar(
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20241001',
      'DTEND;VALUE=DATE:20241008',
      'SUMMARY:国庆节',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20240929',
      'SUMMARY:国庆节补班',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART:20240210',
      'DURATION:P1W',
      'SUMMARY:春节',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20241012',
      'SUMMARY:上班',
      'END:VEVENT',
    ),
    2024,
  );
  assert.equal(r.events, 4);
  assert.deepEqual(
    r.holidays.map((h) => `${h.date} ${h.name}`),
    [
      ...['10', '11', '12', '13', '14', '15', '16'].map((d) => `2024-02-${d} 春节`),
      ...['01', '02', '03', '04', '05', '06', '07'].map((d) => `2024-10-${d} 国庆节`),
    ],
  );
  assert.deepEqual(r.workdays, ['2024-09-29', '2024-10-12']);
  assert.deepEqual(r.skipped, []);
});

test('folded lines, escaped text, LF line ends, a byte-order mark and nested alarms are read as RFC 5545 has them', () => {
  const text =
    '\uFEFF' +
    [
      'BEGIN:VCALENDAR',
      'X-WR-CALNAME:节假日\\, 示范县',
      'BEGIN:VEVENT',
      'SUMMARY:劳动',
      ' 节',
      'DTSTART;VALUE=DATE:20250501',
      'DTEND;VALUE=DATE:20250502',
      'BEGIN:VALARM',
      'SUMMARY:提醒',
      'END:VALARM',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
  const r = readIcs(text, 2025);
  assert.equal(r.calendarName, '节假日, 示范县');
  assert.deepEqual(r.holidays, [{ date: '2025-05-01', name: '劳动节' }]);
});

test('events outside the year are counted and left out; straddling events keep their days in the year', () => {
  const r = readIcs(
    calendar(
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20231230',
      'DTEND;VALUE=DATE:20240102',
      'SUMMARY:元旦',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20250101',
      'SUMMARY:元旦',
      'END:VEVENT',
    ),
    2024,
  );
  assert.deepEqual(r.holidays, [{ date: '2024-01-01', name: '元旦' }]);
  assert.equal(r.eventsOutsideYear, 1);
  assert.equal(r.daysOutsideYear, 2);
});

test('what cannot be read is skipped with its line and why; a file that is not iCalendar is refused', () => {
  const r = readIcs(
    calendar(
      'BEGIN:VEVENT',
      'DTSTART:20240101T090000Z',
      'SUMMARY:会议',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20240101',
      'RRULE:FREQ=YEARLY',
      'SUMMARY:元旦',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20240231',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20240105',
      'DTEND;VALUE=DATE:20240101',
      'END:VEVENT',
    ),
    2024,
  );
  assert.deepEqual(
    r.skipped.map((s) => [s.line, s.reason]),
    [
      [3, 'not an all-day event (the date has a time)'],
      [7, 'repeating events (RRULE) are not read: list each year’s days'],
      [12, '20240231 is not a date'],
      [15, 'DTEND is not after DTSTART'],
    ],
  );
  assert.deepEqual(r.holidays, []);
  assert.throws(() => readIcs('hello', 2024), IcsUnreadable);
});
