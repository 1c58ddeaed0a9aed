import { Typography } from 'antd';
import { useT, type TFunction } from '../../lib/i18n';
import type { DayKind } from './api';
import { monthCells, monthSpans, type DaySpan, type MonthCell, type YearCalendar } from './calendar-model';

const KINDS: DayKind[] = ['workday', 'weekend', 'holiday', 'adjusted_workday'];
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** What the grid's colours mean. */
export function CalendarLegend() {
  const t = useT();
  return (
    <div className="cal-legend" data-testid="calendar-legend" aria-label={t('calendar.legend')}>
      {KINDS.map((k) => (
        <span key={k} className="cal-legend-item">
          <span className={`cal-swatch cal-day-${k}`} aria-hidden />
          {t(`calendar.kind.${k}`)}
        </span>
      ))}
      <span className="cal-legend-item">
        <span className="cal-swatch cal-day-workday cal-day-today" aria-hidden />
        {t('calendar.today')}
      </span>
    </div>
  );
}

/**
 * A region's year month by month: rest days, holidays (red, named under the month) and adjusted working days (调休上班,
 * striped blue, marked 班) told apart; today outlined.
 */
export function YearGrid({ calendar, today }: { calendar: YearCalendar; today: string }) {
  const t = useT();
  const weekdays = t('calendar.weekdays').split(',');
  const monthNames = t('calendar.months').split(',');
  const stats = yearStats(calendar);
  return (
    <>
      <Typography.Paragraph type="secondary" data-testid="calendar-summary">
        {t('calendar.summary', stats)}
      </Typography.Paragraph>
      <div className="cal-months" data-testid="calendar-grid" data-year={calendar.year} data-region={calendar.region}>
        {MONTHS.map((m) => {
          const { blanks, cells } = monthCells(calendar, m);
          const spans = monthSpans(cells);
          return (
            <section key={m} className="cal-month" data-testid={`calendar-month-${m}`} aria-label={monthNames[m - 1]}>
              <div className="cal-month-name">{monthNames[m - 1]}</div>
              <div className="cal-days">
                {weekdays.map((w) => (
                  <div key={w} className="cal-weekday">
                    {w}
                  </div>
                ))}
                {Array.from({ length: blanks }, (_, i) => (
                  <div key={`b${i}`} aria-hidden />
                ))}
                {cells.map((c) => (
                  <Day key={c.date} cell={c} today={c.date === today} t={t} />
                ))}
              </div>
              <ul className="cal-spans" data-testid={`calendar-month-${m}-spans`}>
                {spans.length === 0 ? <li className="muted">{t('calendar.monthNone')}</li> : spans.map((s) => <SpanLine key={s.from} span={s} t={t} />)}
              </ul>
            </section>
          );
        })}
      </div>
    </>
  );
}

function Day({ cell, today, t }: { cell: MonthCell; today: boolean; t: TFunction }) {
  const what = cell.kind === 'holiday' && cell.name ? cell.name : t(`calendar.kind.${cell.kind}`);
  const mark = cell.kind === 'holiday' ? '休' : cell.kind === 'adjusted_workday' ? '班' : null;
  return (
    <div
      className={`cal-day cal-day-${cell.kind}${today ? ' cal-day-today' : ''}`}
      title={t('calendar.dayTitle', { date: cell.date, what })}
      data-date={cell.date}
      data-kind={cell.kind}
    >
      {cell.day}
      {mark ? (
        <span className="cal-day-mark" aria-hidden>
          {mark}
        </span>
      ) : null}
    </div>
  );
}

function SpanLine({ span, t }: { span: DaySpan; t: TFunction }) {
  const md = (d: string) => `${Number(d.slice(5, 7))}/${Number(d.slice(8))}`;
  const when = span.from === span.to ? md(span.from) : `${md(span.from)}–${md(span.to)}`;
  const what = span.kind === 'holiday' ? (span.name ?? t('calendar.kind.holiday')) : t('calendar.kind.adjusted_workday');
  return (
    <li className={`cal-span-${span.kind}`} data-kind={span.kind}>
      {when} {what}
    </li>
  );
}

function yearStats(cal: YearCalendar): { workdays: number; rest: number; holidays: number; adjusted: number } {
  const first = Date.UTC(cal.year, 0, 1);
  const size = Math.round((Date.UTC(cal.year + 1, 0, 1) - first) / 86_400_000);
  let rest = 0;
  let holidays = 0;
  let adjusted = 0;
  for (const d of cal.days.values()) {
    if (d.kind === 'holiday') holidays++;
    if (d.kind === 'holiday' || d.kind === 'weekend') rest++;
    if (d.kind === 'adjusted_workday') adjusted++;
  }
  return { workdays: size - rest, rest, holidays, adjusted };
}
