// legal.clock: deadlines recomputed per second — computeDeadline (start instant, working days, the provisional check)
// over 1,000,000 cases spread across 2020–2027 on the shipped national calendar — against the obvious way, a
// day-by-day loop asking a Set of rest days and a Set of adjusted working days, measured in the same rounds. The
// issue asks for a million recomputed "in a few seconds"; the progress line gives the time for one million.
import { readFileSync } from 'node:fs';
import { addWorkdaysNaively, computeDeadline, dayNumber, shanghaiDay, WorkCalendar, type CalendarYear } from '../src/modules/calendar/calendar.rules.ts';
import { describeSamples, interleaved, median, nowMs, rateResult, round3, type BenchModule } from './lib.ts';

const DATA = new URL('../src/modules/calendar/data/cn-holidays-2020-2026.json', import.meta.url);

export const legalClock: BenchModule = {
  title: 'legal.clock — recomputing deadlines on the official calendar vs a day-by-day loop',
  async run(ctx) {
    const cases = ctx.quick ? 200_000 : 1_000_000;
    const rounds = ctx.quick ? 3 : 5;
    const years = (JSON.parse(readFileSync(DATA, 'utf8')) as { years: CalendarYear[] }).years;
    const calendar = new WorkCalendar({ national: years });
    const rest = new Set(years.flatMap((y) => y.holidays.map((h) => dayNumber(h.date))));
    const worked = new Set(years.flatMap((y) => y.workdays.map((d) => dayNumber(d))));
    const naiveIsWorkday = (day: number) => {
      if (worked.has(day)) return true;
      if (rest.has(day)) return false;
      const wd = (((day + 4) % 7) + 7) % 7;
      return wd !== 0 && wd !== 6;
    };
    // Starts at random instants 2020–2027, limits of 1 to 60 working days (the spread of the demo's items).
    let seed = 11;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const from = Date.parse('2020-01-01T00:00:00+08:00');
    const span = Date.parse('2027-06-30T00:00:00+08:00') - from;
    const starts = Array.from({ length: cases }, () => new Date(from + Math.floor(random() * span)));
    const days = Int32Array.from({ length: cases }, () => 1 + Math.floor(random() * 60));
    let sink = 0;
    const fast = async () => {
      const t = nowMs();
      for (let i = 0; i < cases; i++) sink += computeDeadline(calendar, { start: starts[i]!, days: days[i]! }).due.getTime() & 1;
      return nowMs() - t;
    };
    const naive = async () => {
      const t = nowMs();
      for (let i = 0; i < cases; i++) sink += addWorkdaysNaively(naiveIsWorkday, shanghaiDay(starts[i]!), days[i]!) & 1;
      return nowMs() - t;
    };
    await fast();
    await naive();
    const samples = await interleaved(rounds, { fast, naive });
    const perSecond = (ms: number) => (cases / ms) * 1000;
    ctx.log(
      `  computeDeadline ${describeSamples(samples.fast, ' ms')} for ${cases.toLocaleString('en-US')}, naive loop ${describeSamples(samples.naive, ' ms')} (${sink % 2})`,
    );
    ctx.log(`  one million deadlines in ${round3((median(samples.fast) * 1_000_000) / cases / 1000)} s`);
    return [rateResult('legal.clock.deadlines', perSecond(median(samples.fast)), 'deadlines/s', 'naive.day_loop', perSecond(median(samples.naive)))];
  },
};
