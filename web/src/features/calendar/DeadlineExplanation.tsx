import { useState, type ReactNode } from 'react';
import { Alert, Button, Tag, Timeline, Typography } from 'antd';
import type { TimelineProps } from 'antd';
import { pickLabel, useLang, useT, type TFunction } from '../../lib/i18n';
import { NATIONAL_REGION, type Explanation } from './api';
import { explanationRows, weekdayIndex, type ExplanationRow } from './calendar-model';
import './calendar.css';

interface Props {
  explanation: Explanation;
  /** How to name the calendar's region (全国 for CN otherwise, the bare code for a unit). */
  regionName?: (code: string) => string;
  /** Rows shown before the middle of a long explanation folds away (a year's limit has hundreds of days). */
  foldAfter?: number;
  testId?: string;
}

type TimelineItemType = NonNullable<TimelineProps['items']>[number];

const FOLD_HEAD = 40;
const FOLD_TAIL = 20;

/**
 * A deadline explained (what GET /calendar/explain answers, and what every deadline of open work carries): the due
 * date and its 24:00 Asia/Shanghai instant, 暂定 and why, then day by day from the start day (not counted) to the due
 * date — working days numbered, weekends and holidays skipped with their names, adjusted working days worked,
 * suspensions and extensions — and the notices the count rests on. Pages that show a deadline (cases) reuse it.
 */
export function DeadlineExplanation({ explanation: e, regionName, foldAfter = 80, testId = 'deadline-explanation' }: Props) {
  const t = useT();
  const { lang } = useLang();
  const [unfolded, setUnfolded] = useState(false);
  const rows = explanationRows(e);
  const dateText = useDateText();
  const region = regionName ? regionName(e.region) : e.region === NATIONAL_REGION ? t('calendar.national') : e.region;

  const folded = !unfolded && rows.length > foldAfter;
  const shown: (ExplanationRow | { kind: 'fold'; n: number })[] = folded
    ? [...rows.slice(0, FOLD_HEAD), { kind: 'fold', n: rows.length - FOLD_HEAD - FOLD_TAIL }, ...rows.slice(-FOLD_TAIL)]
    : rows;
  const items: TimelineItemType[] = shown.map((row, i) =>
    row.kind === 'fold'
      ? {
          key: `fold-${i}`,
          color: 'gray',
          content: (
            <Button type="link" size="small" style={{ padding: 0 }} data-testid={`${testId}-unfold`} onClick={() => setUnfolded(true)}>
              {t('deadline.hidden', { n: row.n })} {t('deadline.showAll', { n: rows.length })}
            </Button>
          ),
        }
      : timelineItem(row, e, t, dateText, testId),
  );

  const count = (kind: string) => e.skipped.filter((s) => s.kind === kind).length;
  const suspendedDays = count('suspended');
  const extended = e.counted !== e.days;

  return (
    <div data-testid={testId} data-provisional={e.provisional ? 'true' : 'false'}>
      <dl className="deadline-head">
        <div>
          <dt>{t('deadline.due')}</dt>
          <dd className="deadline-due">
            <span data-testid={`${testId}-due-date`}>{dateText(e.dueDate)}</span>{' '}
            {e.provisional ? (
              <Tag color="warning" data-testid={`${testId}-provisional`}>
                {t('deadline.provisional')}
              </Tag>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('deadline.dueInstant')}</dt>
          <dd>
            <time dateTime={e.due} title={e.due} data-testid={`${testId}-due`}>
              {t('deadline.dueAt', { date: e.dueDate })}
            </time>
            <div className="muted mono" style={{ fontSize: 12 }}>
              {e.due}
            </div>
          </dd>
        </div>
        <div>
          <dt>{t('deadline.start')}</dt>
          <dd>{t('deadline.startNote', { date: dateText(e.startDate) })}</dd>
        </div>
        <div>
          <dt>{t('deadline.days')}</dt>
          <dd data-testid={`${testId}-days`}>
            {extended ? t('deadline.daysExtended', { days: e.days, more: e.counted - e.days, n: e.counted }) : t('deadline.daysN', { n: e.days })}
          </dd>
        </div>
        <div>
          <dt>{t('deadline.region')}</dt>
          <dd>{region}</dd>
        </div>
      </dl>

      {e.provisional ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid={`${testId}-provisional-reason`}
          title={t('deadline.provisionalTitle')}
          description={e.reason ? pickLabel(e.reason, lang) : undefined}
        />
      ) : null}
      {e.paused ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('deadline.paused')} /> : null}

      {e.extensions.length > 0 ? (
        <Section title={t('deadline.extensions')} testId={`${testId}-extensions`}>
          {e.extensions.map((x, i) => (
            <li key={i}>{t('deadline.extension', { days: x.days, by: x.approvedBy, reason: x.reason })}</li>
          ))}
        </Section>
      ) : null}
      {e.suspensions.length > 0 ? (
        <Section title={t('deadline.suspensions')} testId={`${testId}-suspensions`}>
          {e.suspensions.map((s, i) => (
            <li key={i}>
              {s.to === null
                ? t('deadline.suspensionOpen', { from: s.from, reason: s.reason })
                : t('deadline.suspension', { from: s.from, to: s.to, reason: s.reason, n: s.workdaysStopped })}
            </li>
          ))}
        </Section>
      ) : null}

      <Typography.Title level={5}>{t('deadline.timeline')}</Typography.Title>
      <Typography.Paragraph type="secondary" data-testid={`${testId}-summary`}>
        {t('deadline.summary', {
          counted: e.counted,
          weekends: count('weekend'),
          holidays: count('holiday'),
          suspended: suspendedDays > 0 ? t('deadline.summarySuspended', { n: suspendedDays }) : '',
          adjusted: e.adjustedWorked.length,
        })}
      </Typography.Paragraph>
      <Timeline className="deadline-rows" items={items} />

      <Section title={t('deadline.notices')} testId={`${testId}-notices`}>
        {noticeYears(e).map(({ year, notice }) => (
          <li key={year} className={notice ? undefined : 'muted'}>
            {notice ? t('deadline.noticeYear', { year, notice }) : t('deadline.noNoticeYear', { year })}
          </li>
        ))}
      </Section>
    </div>
  );
}

/** The years the count spans, each with its notice, or none (暂定). */
function noticeYears(e: Explanation): { year: number; notice: string | null }[] {
  const byYear = new Map<number, string | null>(e.notices.map((n) => [n.year, n.notice]));
  for (const y of e.provisionalYears) if (!byYear.has(y)) byYear.set(y, null);
  return [...byYear.entries()].sort((a, b) => a[0] - b[0]).map(([year, notice]) => ({ year, notice }));
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <div data-testid={testId} style={{ marginBottom: 12 }}>
      <Typography.Title level={5}>{title}</Typography.Title>
      <ul style={{ margin: 0, paddingLeft: 20 }}>{children}</ul>
    </div>
  );
}

/** A date with its weekday: 2024-10-08 周二. */
export function useDateText(): (date: string) => string {
  const t = useT();
  const names = t('deadline.weekday').split(',');
  return (date: string) => `${date} ${names[weekdayIndex(date)] ?? ''}`;
}

const COLORS: Record<ExplanationRow['kind'], string> = {
  start: 'gray',
  counted: 'blue',
  adjusted: 'blue',
  weekend: 'gray',
  holiday: 'red',
  suspended: 'orange',
};

function timelineItem(row: ExplanationRow, e: Explanation, t: TFunction, dateText: (d: string) => string, testId: string): TimelineItemType {
  const span = (from: string, to: string) => (from === to ? dateText(from) : `${dateText(from)} – ${dateText(to)}`);
  let when: string;
  let what: ReactNode;
  let due = false;
  switch (row.kind) {
    case 'start':
      when = dateText(row.date);
      what = t('deadline.row.start');
      due = e.dueDate === e.startDate;
      break;
    case 'counted':
      when = span(row.from, row.to);
      what = row.first === row.last ? t('deadline.row.counted', { n: row.first }) : t('deadline.row.countedRange', { first: row.first, last: row.last });
      due = row.due;
      break;
    case 'adjusted':
      when = dateText(row.date);
      what = t('deadline.row.adjusted', { n: row.n });
      due = row.due;
      break;
    case 'holiday':
      when = span(row.from, row.to);
      what = `${row.name ? t('deadline.row.holiday', { name: row.name }) : t('deadline.row.holidayUnnamed')} · ${t('deadline.row.daysN', { n: row.days })}`;
      break;
    case 'weekend':
    case 'suspended':
      when = span(row.from, row.to);
      what = `${t(`deadline.row.${row.kind}`)} · ${t('deadline.row.daysN', { n: row.days })}`;
      break;
  }
  const first = row.kind === 'start' || row.kind === 'adjusted' ? row.date : row.from;
  return {
    key: `${row.kind}-${first}`,
    color: COLORS[row.kind],
    content: (
      <div className={`deadline-row deadline-row-${row.kind}`} data-testid={`${testId}-row`} data-kind={row.kind} data-date={first}>
        <span className="deadline-row-date">{when}</span>
        <span className="deadline-row-what">{what}</span>
        {due ? (
          <Tag color="blue" style={{ marginLeft: 8 }}>
            {t('deadline.row.due')}
          </Tag>
        ) : null}
      </div>
    ),
  };
}
