import { useState } from 'react';
import { Flex, Segmented, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ButtonLink } from '../../components/ButtonLink';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { UnitSelect } from '../../components/UnitSelect';
import { usePaging } from '../../lib/use-paging';
import { api } from '../../lib/api-client';
import { useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { reviewApi, type LedgerEntry, type RectificationState } from './api';
import { acceptedCell, ProblemCell, raisedCell, RectificationStateTag, responseCell } from './Rectifications';

type StateFilter = RectificationState | 'all';

/** 整改台账: every rectification entry of the units the user reads, open or accepted, paged on the server. */
export default function RectificationLedgerPage() {
  const t = useT();
  const [state, setState] = useState<StateFilter>('all');
  const [unit, setUnit] = useState<string>();
  const { page, pageSize, setPage, pagination } = usePaging();

  const filter = { unit, state: state === 'all' ? undefined : state, page, pageSize };
  const query = useApiQuery((signal) => reviewApi.ledger(filter, signal), [unit, state, page, pageSize]);
  const unitsQuery = useApiQuery((signal) => api.units(signal), []);

  const subject = (e: LedgerEntry) => {
    if (e.itemCode) {
      return (
        <span>
          <span className="mono">{e.itemCode}</span> {e.itemName}
        </span>
      );
    }
    if (e.missingItemName !== null) return t('rect.missing', { name: e.missingItemName });
    return <span className="muted">{t('rect.wholeBatch')}</span>;
  };

  const columns: TableColumnsType<LedgerEntry> = [
    { title: t('rect.unit'), key: 'unit', render: (_, e) => e.unit.name },
    {
      title: t('rect.batch'),
      key: 'batch',
      render: (_, e) => (
        <Link to={`/workbench/review/${e.batchId}`} data-testid="ledger-batch-link">
          {e.batchTitle}
        </Link>
      ),
    },
    {
      title: t('rect.problem'),
      key: 'problem',
      render: (_, e) => <ProblemCell entry={e} />,
    },
    { title: t('rect.subject'), key: 'subject', render: (_, e) => subject(e) },
    {
      title: t('rect.comment'),
      key: 'comment',
      render: (_, e) => <span style={{ whiteSpace: 'pre-wrap', display: 'inline-block', maxWidth: 320 }}>{e.comment}</span>,
    },
    { title: t('rect.raised'), key: 'raised', render: (_, e) => raisedCell(t, e) },
    { title: t('rect.response'), key: 'response', render: (_, e) => responseCell(t, e) },
    { title: t('review.state'), key: 'state', render: (_, e) => <RectificationStateTag state={e.state} /> },
    { title: t('rect.accepted'), key: 'accepted', render: (_, e) => acceptedCell(t, e) },
  ];

  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <ButtonLink to="/workbench/review" type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('review.backToList')}
        </ButtonLink>
      </div>
      <PageTitle title={t('rect.title')} hint={query.data ? t('rect.total', { n: query.data.total }) : undefined} />
      <p className="muted" style={{ marginTop: -8 }}>
        {t('rect.intro')}
      </p>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Segmented<StateFilter>
          data-testid="ledger-filter-state"
          value={state}
          onChange={(v) => {
            setState(v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('rect.filterState') },
            { value: 'open', label: t('rect.state.open') },
            { value: 'accepted', label: t('rect.state.accepted') },
            { value: 'withdrawn', label: t('rect.state.withdrawn') },
          ]}
        />
        <UnitSelect
          testId="ledger-filter-unit"
          style={{ width: 260 }}
          allowClear
          placeholder={t('rect.filterUnit')}
          units={unitsQuery.data?.items}
          loadError={unitsQuery.error}
          value={unit}
          onChange={(v) => {
            setUnit(v);
            setPage(1);
          }}
        />
      </Flex>
      <QueryState query={query} isEmpty={(d) => d.total === 0} emptyText={unit || state !== 'all' ? t('rect.emptyFiltered') : t('rect.empty')}>
        {(data) => (
          <Table<LedgerEntry>
            data-testid="ledger-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.items}
            scroll={{ x: 'max-content' }}
            pagination={pagination(data.total, (n) => t('rect.total', { n }))}
          />
        )}
      </QueryState>
    </>
  );
}
