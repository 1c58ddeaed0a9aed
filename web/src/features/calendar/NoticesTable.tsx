import type { HTMLAttributes } from 'react';
import { Button, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { LocalTime } from '../../components/LocalTime';
import { useT } from '../../lib/i18n';
import { NATIONAL_REGION, type CalendarNotice } from './api';
import type { Regions } from './RegionSelect';

interface Props {
  notices: readonly CalendarNotice[];
  regions: Regions;
  current: { year: number; region: string };
  onShow: (year: number, region: string) => void;
}

/** The national notices first, then each unit's, each region's years newest first. */
function ordered(notices: readonly CalendarNotice[]): CalendarNotice[] {
  return [...notices].sort((a, b) => {
    if (a.region !== b.region) return a.region === NATIONAL_REGION ? -1 : b.region === NATIONAL_REGION ? 1 : a.region.localeCompare(b.region);
    return b.year - a.year;
  });
}

/** Every notice on record, per region with its years, each row with its counts and where it came from. */
export function NoticesTable({ notices, regions, current, onShow }: Props) {
  const t = useT();
  const rows = ordered(notices);
  const byRegion = new Map<string, number[]>();
  for (const n of rows) byRegion.set(n.region, [...(byRegion.get(n.region) ?? []), n.year]);

  const columns: TableColumnsType<CalendarNotice> = [
    { title: t('calendar.col.region'), key: 'region', render: (_, n) => regions.nameOf(n.region) },
    { title: t('calendar.col.year'), dataIndex: 'year', key: 'year', width: 70 },
    { title: t('calendar.col.notice'), dataIndex: 'notice', key: 'notice' },
    { title: t('calendar.col.published'), key: 'published', render: (_, n) => n.published ?? <span className="muted">{t('common.none')}</span> },
    { title: t('calendar.col.holidays'), dataIndex: 'holidays', key: 'holidays', align: 'right' },
    { title: t('calendar.col.workdays'), dataIndex: 'workdays', key: 'workdays', align: 'right' },
    { title: t('calendar.col.source'), dataIndex: 'source', key: 'source', width: 220, ellipsis: true, render: (s: string) => <span title={s}>{s}</span> },
    { title: t('calendar.col.loadedAt'), key: 'loadedAt', render: (_, n) => <LocalTime iso={n.loadedAt} /> },
    {
      title: '',
      key: 'show',
      render: (_, n) =>
        n.year === current.year && n.region === current.region ? null : (
          <Button
            size="small"
            type="link"
            aria-label={t('calendar.showAria', { region: regions.nameOf(n.region), year: n.year })}
            onClick={() => onShow(n.year, n.region)}
          >
            {t('calendar.show')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <ul className="cal-spans" style={{ marginBottom: 12, fontSize: 14 }} data-testid="calendar-notices-by-region">
        {[...byRegion.entries()].map(([region, years]) => (
          <li key={region}>
            {t('calendar.noticesByRegion', { region: regions.nameOf(region), n: years.length, from: Math.min(...years), to: Math.max(...years) })}
          </li>
        ))}
      </ul>
      <Table<CalendarNotice>
        data-testid="calendar-notices"
        rowKey={(n) => `${n.region}/${n.year}`}
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        onRow={(n) => ({ 'data-testid': `calendar-notice-${n.region}-${n.year}` }) as HTMLAttributes<HTMLElement>}
      />
    </>
  );
}
