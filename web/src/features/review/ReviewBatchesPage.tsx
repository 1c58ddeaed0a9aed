import { useMemo, useState } from 'react';
import { Button, Flex, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useMe } from '../../app/auth-context';
import { ButtonLink } from '../../components/ButtonLink';
import { LocalTime } from '../../components/LocalTime';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { UnitSelect } from '../../components/UnitSelect';
import { api } from '../../lib/api-client';
import { pickLabel, useLang, useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { editableUnits, mayEditPowers } from '../powers/power-shared';
import { reviewApi, type ReviewBatch } from './api';
import { NewBatchModal } from './BatchItemsModals';
import { BatchStateTag, ReturnsCount, useReviewWords } from './review-shared';

/** 合法性审查: the batches the user may read, by state and unit; the unit's editors start new ones. */
export default function ReviewBatchesPage() {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const navigate = useNavigate();
  const words = useReviewWords();
  const [state, setState] = useState<string>();
  const [unit, setUnit] = useState<string>();
  const [creating, setCreating] = useState(false);

  const query = useApiQuery((signal) => reviewApi.batches({ state, unit }, signal), [state, unit]);
  const unitsQuery = useApiQuery((signal) => api.units(signal), []);
  const canCreate = mayEditPowers(me.grants);
  const writable = useMemo(() => editableUnits(me.grants, unitsQuery.data?.items), [me.grants, unitsQuery.data]);
  const defaultUnit = unit && writable.some((u) => u.code === unit) ? unit : writable.length === 1 ? writable[0]!.code : undefined;

  const columns: TableColumnsType<ReviewBatch> = [
    {
      title: t('review.batchTitle'),
      key: 'title',
      render: (_, b) => (
        <Link to={`/workbench/review/${b.id}`} data-testid="review-batch-link">
          {b.title}
        </Link>
      ),
    },
    { title: t('review.unit'), key: 'unit', render: (_, b) => b.unit.name },
    { title: t('review.state'), key: 'state', render: (_, b) => <BatchStateTag state={b.state} label={b.stateLabel} /> },
    {
      title: t('review.round'),
      key: 'round',
      render: (_, b) => (b.round === 0 ? <span className="muted">{t('review.roundNone')}</span> : t('review.roundN', { n: b.round })),
    },
    { title: t('review.returns'), key: 'returns', render: (_, b) => <ReturnsCount n={b.returns} /> },
    { title: t('review.updatedAt'), key: 'updatedAt', render: (_, b) => <LocalTime iso={b.updatedAt} /> },
  ];

  return (
    <>
      <PageTitle
        title={t('review.title')}
        hint={query.data ? t('review.total', { n: query.data.items.length }) : undefined}
        extra={
          <>
            {canCreate ? (
              <Button type="primary" icon={<PlusOutlined />} data-testid="review-new" onClick={() => setCreating(true)}>
                {t('review.new')}
              </Button>
            ) : null}
            <ButtonLink to="/workbench/review/rectifications" icon={<UnorderedListOutlined />} data-testid="review-to-ledger">
              {t('review.toLedger')}
            </ButtonLink>
          </>
        }
      />
      <p className="muted" style={{ marginTop: -8 }}>
        {t('review.intro')}
      </p>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select<string>
          data-testid="review-filter-state"
          style={{ width: 180 }}
          allowClear
          placeholder={t('review.filterState')}
          value={state}
          onChange={setState}
          options={(words.vocabulary?.states ?? []).map((s) => ({ value: s.code, label: pickLabel(s.label, lang) }))}
        />
        <UnitSelect
          testId="review-filter-unit"
          style={{ width: 260 }}
          allowClear
          placeholder={t('review.filterUnit')}
          units={unitsQuery.data?.items}
          loadError={unitsQuery.error}
          value={unit}
          onChange={setUnit}
        />
      </Flex>
      <QueryState query={query} isEmpty={(d) => d.items.length === 0} emptyText={state || unit ? t('review.emptyFiltered') : t('review.empty')}>
        {(data) => (
          <Table<ReviewBatch>
            data-testid="review-batches"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.items}
            scroll={{ x: 'max-content' }}
            onRow={(b) => ({ onDoubleClick: () => navigate(`/workbench/review/${b.id}`) })}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          />
        )}
      </QueryState>
      {canCreate ? (
        <NewBatchModal
          open={creating}
          units={unitsQuery.data ? writable : undefined}
          unitsError={unitsQuery.error}
          defaultUnit={defaultUnit}
          onClose={() => setCreating(false)}
          onDone={(v) => navigate(`/workbench/review/${v.batch.id}`)}
        />
      ) : null}
    </>
  );
}
