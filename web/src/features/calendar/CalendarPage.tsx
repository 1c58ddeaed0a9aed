import { useState } from 'react';
import { Alert, Button, Flex, Select, Typography } from 'antd';
import { CalculatorOutlined, ImportOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../app/auth-context';
import { ButtonLink } from '../../components/ButtonLink';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { AddNoticeModal } from './AddNoticeModal';
import { calendarApi, NATIONAL_REGION, type CalendarNotice } from './api';
import { canMaintainCalendar, GRID_YEARS, loadYear, todayInShanghai } from './calendar-model';
import { ImportIcsModal } from './ImportIcsModal';
import { NoticesTable } from './NoticesTable';
import { RegionSelect, useRegions, type Regions } from './RegionSelect';
import { CalendarLegend, YearGrid } from './YearGrid';
import './calendar.css';

function yearOf(param: string | null, fallback: number): number {
  const y = Number(param);
  return Number.isInteger(y) && y >= GRID_YEARS.from && y <= GRID_YEARS.to ? y : fallback;
}

/**
 * 法定工作日历 (`/workbench/calendar?year=&region=`): a region's year month by month, the notice it rests on or the
 * 暂定 banner of a year without one, and every notice on record. County heads and leaders and the system
 * administrator add a year's notice by hand or from an ICS file; everyone else reads.
 */
export default function CalendarPage() {
  const t = useT();
  const me = useMe();
  const regions = useRegions();
  const [params, setParams] = useSearchParams();
  const today = todayInShanghai();
  const thisYear = Number(today.slice(0, 4));
  const year = yearOf(params.get('year'), thisYear);
  const region = params.get('region') || NATIONAL_REGION;
  const mayChange = canMaintainCalendar(me);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);

  const notices = useApiQuery((signal) => calendarApi.years(undefined, signal), []);
  const calendar = useApiQuery((signal) => loadYear(year, region, signal), [year, region]);

  const show = (y: number, r: string) => {
    const next = new URLSearchParams();
    next.set('year', String(y));
    if (r !== NATIONAL_REGION) next.set('region', r);
    setParams(next);
  };
  /** After a notice is stored: show its year and region, drawn anew. */
  const stored = (n: CalendarNotice) => {
    notices.reload();
    calendar.reload();
    show(n.year, n.region);
  };

  const items = notices.data?.items ?? [];
  const noticeYears = new Set(items.map((n) => n.year));
  const options = [...new Set([...noticeYears, thisYear - 1, thisYear, thisYear + 1, year])]
    .filter((y) => y >= GRID_YEARS.from && y <= GRID_YEARS.to)
    .sort((a, b) => b - a)
    .map((y) => ({ value: y, label: String(y) }));
  const regionsInNotices = [...new Set(items.map((n) => n.region))];
  const explainLink = `/workbench/calendar/explain${region !== NATIONAL_REGION ? `?region=${encodeURIComponent(region)}` : ''}`;

  return (
    <>
      <PageTitle
        title={t('calendar.title')}
        hint={t('calendar.intro')}
        extra={
          <>
            <ButtonLink to={explainLink} icon={<CalculatorOutlined />} data-testid="calendar-to-explain">
              {t('calendar.toExplain')}
            </ButtonLink>
            {mayChange ? (
              <>
                <Button type="primary" icon={<PlusOutlined />} data-testid="calendar-add-open" onClick={() => setAdding(true)}>
                  {t('calendar.add')}
                </Button>
                <Button icon={<ImportOutlined />} data-testid="calendar-import-open" onClick={() => setImporting(true)}>
                  {t('calendar.import')}
                </Button>
              </>
            ) : null}
          </>
        }
      />

      <Flex wrap gap={8} align="center" className="cal-toolbar">
        <Button
          icon={<LeftOutlined />}
          aria-label={t('calendar.prevYear')}
          data-testid="calendar-prev-year"
          disabled={year <= GRID_YEARS.from}
          onClick={() => show(year - 1, region)}
        />
        <Select<number>
          value={year}
          options={options}
          onChange={(y) => show(y, region)}
          aria-label={t('calendar.yearAria')}
          data-testid="calendar-year"
          style={{ width: 100 }}
        />
        <Button
          icon={<RightOutlined />}
          aria-label={t('calendar.nextYear')}
          data-testid="calendar-next-year"
          disabled={year >= GRID_YEARS.to}
          onClick={() => show(year + 1, region)}
        />
        <RegionSelect
          regions={regions}
          extra={[...regionsInNotices, region]}
          value={region}
          onChange={(r) => show(year, r)}
          testId="calendar-region"
          aria-label={t('calendar.regionAria')}
          style={{ width: 260, maxWidth: '100%' }}
        />
      </Flex>

      <NoticeBasis year={year} region={region} notices={notices.data ? items : undefined} provisional={calendar.data?.provisional} regions={regions} />
      <CalendarLegend />
      <QueryState query={calendar} emptyText="">
        {(data) => <YearGrid calendar={data} today={today} />}
      </QueryState>

      <Typography.Title level={4} style={{ marginTop: 24 }}>
        {t('calendar.noticesTitle')}
      </Typography.Title>
      <QueryState query={notices} isEmpty={(d) => d.items.length === 0} emptyText={t('calendar.noticesEmpty')}>
        {(data) => <NoticesTable notices={data.items} regions={regions} current={{ year, region }} onShow={show} />}
      </QueryState>

      {mayChange ? (
        <>
          <AddNoticeModal
            open={adding}
            regions={regions}
            region={region}
            year={firstYearWithout(items, region, year)}
            onClose={() => setAdding(false)}
            onDone={(r) => stored(r.notice)}
          />
          <ImportIcsModal open={importing} regions={regions} region={region} year={year} onClose={() => setImporting(false)} onDone={(r) => stored(r.notice)} />
        </>
      ) : null}
    </>
  );
}

/** The form's year: the shown one, or the first after it that the region has no notice for yet. */
function firstYearWithout(notices: readonly CalendarNotice[], region: string, from: number): number {
  const have = new Set(notices.filter((n) => n.region === region).map((n) => n.year));
  let y = from;
  while (have.has(y) && y < GRID_YEARS.to) y++;
  return y;
}

/**
 * What the shown year rests on: the national notice (number, date, counts) and, for a unit, its own additions — or
 * the 暂定 banner of a year whose notice has not come out yet.
 */
function NoticeBasis({
  year,
  region,
  notices,
  provisional,
  regions,
}: {
  year: number;
  region: string;
  notices: CalendarNotice[] | undefined;
  provisional: boolean | undefined;
  regions: Regions;
}) {
  const t = useT();
  if (notices === undefined) return null;
  const national = notices.find((n) => n.region === NATIONAL_REGION && n.year === year);
  const own = region === NATIONAL_REGION ? undefined : notices.find((n) => n.region === region && n.year === year);
  const line = (n: CalendarNotice) => (
    <>
      <strong data-testid="calendar-notice-number">{n.notice}</strong>
      {' · '}
      {n.published ? t('calendar.published', { date: n.published }) : t('calendar.publishedUnknown')}
      {' · '}
      {t('calendar.counts', { holidays: n.holidays, workdays: n.workdays })}
    </>
  );
  const regional =
    region === NATIONAL_REGION ? null : own ? (
      <div data-testid="calendar-notice-regional">
        {t('calendar.noticeRegional', { region: regions.nameOf(region) })}：{line(own)}
      </div>
    ) : (
      <div className="muted" data-testid="calendar-notice-regional">
        {t('calendar.noticeRegionalNone', { region: regions.nameOf(region), year })}
      </div>
    );

  if (!national || provisional === true) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="calendar-provisional"
        style={{ marginBottom: 8 }}
        title={t('calendar.provisionalTitle', { year })}
        description={
          <>
            <div>{t('calendar.provisionalBody')}</div>
            {regional}
          </>
        }
      />
    );
  }
  return (
    <Alert
      type="info"
      showIcon
      data-testid="calendar-notice"
      style={{ marginBottom: 8 }}
      title={t('calendar.noticeTitle', { year })}
      description={
        <>
          <div>
            {t('calendar.noticeNational')}：{line(national)}
          </div>
          {regional}
        </>
      }
    />
  );
}
