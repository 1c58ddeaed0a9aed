import { useState, type ReactNode } from 'react';
import { Card, Empty, Flex, Input, Table, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { reformApi, type Efficiency, type EfficiencySide } from './api';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

type ItemRow = Efficiency['rows'][number];
type UnitRow = Efficiency['units'][number];

/**
 * 办理时效: the median working days from acceptance to completion of finished cases, per item and unit, before and after
 * the reform date (the reform's start when it has started; otherwise a date the reader picks).
 */
export function EfficiencySection({ startedOn, unit }: { startedOn: string | null; unit: string | undefined }) {
  const t = useT();
  const [picked, setPicked] = useState(startedOn ?? '');
  const reformOn = DATE_RE.test(picked) ? picked : null;
  const query = useApiQuery((signal) => (reformOn ? reformApi.efficiency(reformOn, unit, signal) : Promise.resolve(null)), [reformOn, unit]);

  return (
    <Card
      size="small"
      title={t('reform.eff.title')}
      data-testid="efficiency"
      extra={
        <Flex gap={8} align="center" wrap>
          <label htmlFor="efficiency-reform-on" className="muted">
            {t('reform.eff.reformOn')}
          </label>
          <Input
            id="efficiency-reform-on"
            data-testid="efficiency-reform-on"
            type="date"
            size="small"
            style={{ width: 150 }}
            value={picked}
            max="9999-12-31"
            onChange={(e) => setPicked(e.target.value)}
          />
        </Flex>
      }
    >
      <p className="muted" style={{ marginTop: 0 }}>
        {startedOn ? t('reform.eff.intro', { date: startedOn }) : t('reform.eff.introNotStarted')}
      </p>
      {reformOn === null ? (
        <Empty data-testid="efficiency-pick-date" description={t('reform.eff.pickDate')} />
      ) : (
        <QueryState query={query} isEmpty={(e) => e === null || e.rows.length === 0} emptyText={t('reform.eff.empty')}>
          {(e) => (e ? <Tables efficiency={e} /> : null)}
        </QueryState>
      )}
    </Card>
  );
}

function Tables({ efficiency }: { efficiency: Efficiency }) {
  const t = useT();
  const none = <span className="muted">{t('common.none')}</span>;
  const days = (s: EfficiencySide): ReactNode => (s.medianDays === null ? none : formatDays(s.medianDays));
  const improvement = (x: number | null): ReactNode => {
    if (x === null) return <Tooltip title={t('reform.eff.noCompare')}>{none}</Tooltip>;
    const pct = `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
    const color = x > 0 ? '#389e0d' : x < 0 ? '#cf1322' : undefined;
    return <span style={{ color, fontWeight: x !== 0 ? 600 : undefined }}>{pct}</span>;
  };
  const sideColumns = <T extends { before: EfficiencySide; after: EfficiencySide; improvement: number | null }>(): TableColumnsType<T> => [
    {
      title: t('reform.eff.cases'),
      key: 'cases',
      children: [
        { title: t('reform.eff.before'), key: 'beforeCases', align: 'right', render: (_, r) => r.before.cases },
        { title: t('reform.eff.after'), key: 'afterCases', align: 'right', render: (_, r) => r.after.cases },
      ],
    },
    {
      title: t('reform.eff.median'),
      key: 'median',
      children: [
        { title: t('reform.eff.before'), key: 'beforeDays', align: 'right', render: (_, r) => days(r.before) },
        { title: t('reform.eff.after'), key: 'afterDays', align: 'right', render: (_, r) => days(r.after) },
      ],
    },
    { title: t('reform.eff.improvement'), key: 'improvement', align: 'right', render: (_, r) => improvement(r.improvement) },
  ];

  const unitColumns: TableColumnsType<UnitRow> = [{ title: t('reform.unit'), key: 'unit', render: (_, u) => u.unit.name }, ...sideColumns<UnitRow>()];
  const itemColumns: TableColumnsType<ItemRow> = [
    {
      title: t('reform.code'),
      key: 'code',
      render: (_, i) => (
        <Link to={`/powers/${encodeURIComponent(i.itemCode)}`} className="mono">
          {i.itemCode}
        </Link>
      ),
    },
    { title: t('reform.name'), key: 'name', render: (_, i) => <span style={{ display: 'inline-block', minWidth: 120, maxWidth: 280 }}>{i.itemName}</span> },
    { title: t('reform.unit'), key: 'unit', render: (_, i) => i.unit.name },
    ...sideColumns<ItemRow>(),
  ];

  return (
    <Flex vertical gap={12}>
      <div>
        <h3 style={{ fontSize: 14, fontWeight: 600, margin: '0 0 8px' }}>{t('reform.eff.byUnit')}</h3>
        <Table<UnitRow>
          data-testid="efficiency-units"
          rowKey={(u) => u.unit.code}
          size="small"
          bordered
          columns={unitColumns}
          dataSource={efficiency.units}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: t('reform.eff.empty') }}
        />
      </div>
      <div>
        <h3 style={{ fontSize: 14, fontWeight: 600, margin: '0 0 8px' }}>{t('reform.eff.byItem')}</h3>
        <Table<ItemRow>
          data-testid="efficiency-table"
          rowKey={(i) => i.itemCode}
          size="small"
          bordered
          columns={itemColumns}
          dataSource={efficiency.rows}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: t('reform.eff.empty') }}
        />
      </div>
      <div className="muted">{t('reform.eff.note')}</div>
    </Flex>
  );
}

/** 7 → "7", 7.25 → "7.3". */
function formatDays(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
