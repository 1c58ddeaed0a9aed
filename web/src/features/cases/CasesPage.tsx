import { useState, type HTMLAttributes } from 'react';
import { Button, Flex, Input, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useMe } from '../../app/auth-context';
import { LocalTime } from '../../components/LocalTime';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { UnitSelect } from '../../components/UnitSelect';
import { usePaging } from '../../lib/use-paging';
import { api, ApiError } from '../../lib/api-client';
import { useT, type MessageKey } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { CASE_STATES, casesApi, WARNINGS, type CaseState, type CaseSummary, type Warning } from './api';
import { bareReceipt, CaseStateTag, Receipt, WarningTag } from './case-shared';
import { RegisterCaseModal } from './RegisterCaseModal';

const COUNTER_ROLES: readonly string[] = ['clerk', 'section_chief', 'leader', 'head'];

/**
 * 办件 (`/workbench/cases`): the cases of the units the user reads, filtered by state, warning, unit and item and paged
 * on the server; a receipt code opens its case directly; a clerk registers an application handed in at the counter.
 */
export default function CasesPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const [state, setState] = useState<CaseState>();
  const [warning, setWarning] = useState<Warning>();
  const [unit, setUnit] = useState<string>();
  const [item, setItem] = useState<string>();
  const { page, pageSize, setPage, pagination } = usePaging();
  const [registering, setRegistering] = useState(false);

  const query = useApiQuery((signal) => casesApi.list({ state, warning, unit, item, page, pageSize }, signal), [state, warning, unit, item, page, pageSize]);
  const unitsQuery = useApiQuery((signal) => api.units(signal), []);
  // Who registers at the counter (the server's rule): a clerk, section chief, leader or head of the item's unit.
  const clerkUnits = [...new Set(me.grants.filter((g) => COUNTER_ROLES.includes(g.role)).map((g) => g.unit.code))];
  const filtered = state !== undefined || warning !== undefined || unit !== undefined || item !== undefined;
  const refilter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  const columns: TableColumnsType<CaseSummary> = [
    {
      title: t('cases.col.receipt'),
      key: 'receipt',
      render: (_, c) => (
        <Link to={`/workbench/cases/${c.id}`} data-testid={`case-link-${c.id}`}>
          <Receipt receipt={c.receipt} />
        </Link>
      ),
    },
    {
      title: t('cases.col.item'),
      key: 'item',
      render: (_, c) => (
        <span>
          <span className="mono">{c.itemCode}</span> {c.itemName}
        </span>
      ),
    },
    { title: t('cases.col.unit'), key: 'unit', render: (_, c) => c.unit.name },
    { title: t('cases.col.applicant'), key: 'applicant', render: (_, c) => c.applicantMasked },
    {
      title: t('cases.col.state'),
      key: 'state',
      render: (_, c) => (
        <Flex gap={4} align="center">
          <CaseStateTag state={c.state} />
          {c.outcome ? <span data-testid="case-row-outcome">{c.outcome}</span> : null}
        </Flex>
      ),
    },
    {
      title: t('cases.col.current'),
      key: 'current',
      render: (_, c) => (c.current.length > 0 ? c.current.join('、') : <span className="muted">{t('common.none')}</span>),
    },
    {
      title: t('cases.col.due'),
      key: 'due',
      render: (_, c) =>
        c.deadlines.dueDate ? (
          <span>
            {c.deadlines.dueDate}
            {c.deadlines.provisional ? <Typography.Text type="warning"> {t('cases.provisional')}</Typography.Text> : null}
          </span>
        ) : (
          <span className="muted">{t('cases.noLimit')}</span>
        ),
    },
    { title: t('cases.col.warning'), key: 'warning', render: (_, c) => <WarningTag warning={c.deadlines.warning} /> },
    { title: t('cases.col.arrived'), key: 'arrived', render: (_, c) => <LocalTime iso={c.arrivedAt} /> },
  ];

  return (
    <>
      <PageTitle
        title={t('cases.casesTitle')}
        hint={query.data ? t('cases.total', { n: query.data.total }) : undefined}
        extra={
          <>
            <ReceiptLookup />
            {clerkUnits.length > 0 ? (
              <Button type="primary" icon={<PlusOutlined />} data-testid="case-register" onClick={() => setRegistering(true)}>
                {t('cases.register')}
              </Button>
            ) : null}
          </>
        }
      />
      <p className="muted" style={{ marginTop: -8 }}>
        {t('cases.casesIntro')}
      </p>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select<CaseState>
          data-testid="cases-filter-state"
          style={{ width: 150 }}
          allowClear
          placeholder={t('cases.filterState')}
          value={state}
          onChange={refilter(setState)}
          options={CASE_STATES.map((s) => ({ value: s, label: t(`cases.state.${s}` as MessageKey) }))}
        />
        <Select<Warning>
          data-testid="cases-filter-warning"
          style={{ width: 150 }}
          allowClear
          placeholder={t('cases.filterWarning')}
          value={warning}
          onChange={refilter(setWarning)}
          options={WARNINGS.map((w) => ({ value: w, label: t(`cases.warning.${w}` as MessageKey) }))}
        />
        <UnitSelect
          testId="cases-filter-unit"
          style={{ width: 260 }}
          allowClear
          placeholder={t('cases.filterUnit')}
          units={unitsQuery.data?.items}
          loadError={unitsQuery.error}
          value={unit}
          onChange={refilter(setUnit)}
        />
        <Input.Search
          data-testid="cases-filter-item"
          style={{ width: 200 }}
          allowClear
          placeholder={t('cases.filterItem')}
          onSearch={(v) => {
            const code = v.trim();
            setItem(code === '' ? undefined : code);
            setPage(1);
          }}
        />
      </Flex>
      <QueryState query={query} isEmpty={(d) => d.total === 0} emptyText={filtered ? t('cases.emptyFiltered') : t('cases.empty')}>
        {(data) => (
          <Table<CaseSummary>
            data-testid="cases-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.cases}
            scroll={{ x: 'max-content' }}
            onRow={(c) =>
              ({
                'data-testid': `case-row-${c.id}`,
                'data-receipt': bareReceipt(c.receipt),
                'data-state': c.state,
                onDoubleClick: () => navigate(`/workbench/cases/${c.id}`),
              }) as HTMLAttributes<HTMLElement>
            }
            pagination={pagination(data.total, (n) => t('cases.total', { n }))}
          />
        )}
      </QueryState>
      {clerkUnits.length > 0 ? (
        <RegisterCaseModal
          open={registering}
          unitCodes={clerkUnits}
          onClose={() => setRegistering(false)}
          onDone={(v) => navigate(`/workbench/cases/${v.id}`)}
        />
      ) : null}
    </>
  );
}

/** 按受理编号查找: the server reads the code with or without hyphens, in any case. */
function ReceiptLookup() {
  const t = useT();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const lookup = async (typed: string) => {
    const receipt = typed.trim();
    if (!receipt) return;
    setBusy(true);
    setError(undefined);
    try {
      const view = await casesApi.byReceipt(receipt);
      navigate(`/workbench/cases/${view.id}`);
    } catch (cause) {
      setError(cause instanceof ApiError ? cause.message : String(cause));
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={2}>
      <Input.Search
        data-testid="case-lookup"
        style={{ width: 280 }}
        placeholder={t('cases.lookupPlaceholder')}
        enterButton={t('cases.lookup')}
        loading={busy}
        status={error ? 'error' : undefined}
        onChange={() => setError(undefined)}
        onSearch={(v) => void lookup(v)}
      />
      {error ? (
        <Typography.Text type="danger" data-testid="case-lookup-error" style={{ maxWidth: 280 }}>
          {error}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
