import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Grid, Input, Pagination, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { FileExcelOutlined, FileTextOutlined, SearchOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useMe } from '../../app/auth-context';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { UnitSelect } from '../../components/UnitSelect';
import { usePaging } from '../../lib/use-paging';
import { api, ApiError } from '../../lib/api-client';
import { useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { processApi, type RiskGrade, type RiskRow } from './api';
import { RiskGradeTag, useProcessVocabulary, useProcessWords, type ProcessWords } from './process-shared';

/** A row with a key unique on its page (one step may list the same description twice). */
type KeyedRow = RiskRow & { key: string };

/** 廉政风险点台账: every risk point on the steps of the items the user reads, with filters, counts and exports. */
export default function RiskRegisterPage() {
  const t = useT();
  const screens = Grid.useBreakpoint();
  // Phones get one card per risk point instead of a table nine columns wide.
  const narrow = screens.md === false;
  const vocabulary = useProcessVocabulary();
  const words = useProcessWords(vocabulary.data);
  const [unit, setUnit] = useState<string>();
  const [grade, setGrade] = useState<RiskGrade>();
  const [category, setCategory] = useState<string>();
  const [text, setText] = useState('');
  const [q, setQ] = useState<string>();
  const { page, pageSize, setPage, pagination } = usePaging();

  const filter = { unit, grade, category, q };
  const register = useApiQuery((signal) => processApi.risks({ ...filter, page, pageSize }, signal), [unit, grade, category, q, page, pageSize]);
  const units = useApiQuery((signal) => api.units(signal), []);
  const filtered = Boolean(unit || grade || category || q);
  const refilter =
    <V,>(set: (v: V) => void) =>
    (v: V) => {
      set(v);
      setPage(1);
    };

  // Five columns that fit a desktop without scrolling sideways: the category, unit, revision and post sit under the
  // cell they belong with, so the risk and its measures stay in view.
  const columns: TableColumnsType<KeyedRow> = [
    {
      title: t('risks.grade'),
      key: 'grade',
      width: 140,
      render: (_, r) => (
        <Flex vertical gap={4} align="flex-start">
          <RiskGradeTag grade={r.grade} words={words} />
          <Tag>{words.category(r.category)}</Tag>
        </Flex>
      ),
    },
    {
      title: t('risks.item'),
      key: 'item',
      width: '24%',
      render: (_, r) => (
        <>
          <ItemLink row={r} />
          <Flex gap={6} wrap align="center" className="muted" style={{ fontSize: 12, marginTop: 4 }}>
            <span>{r.unit.name}</span>
            <RevisionTag row={r} />
          </Flex>
        </>
      ),
    },
    { title: t('risks.step'), key: 'step', width: '14%', render: (_, r) => <StepName row={r} words={words} /> },
    { title: t('risks.description'), key: 'description', render: (_, r) => <div className="risk-text">{r.description}</div> },
    {
      title: t('risks.measures'),
      key: 'measures',
      render: (_, r) => (
        <>
          {r.measures.trim() ? <div className="risk-text">{r.measures}</div> : <Tag color="orange">{t('risks.noMeasures')}</Tag>}
          {r.post ? (
            <div className="muted" style={{ fontSize: 12, marginTop: 4 }}>
              {t('risks.postIs', { post: r.post })}
            </div>
          ) : null}
        </>
      ),
    },
  ];

  const paginationOf = (total: number) => pagination(total, (n) => t('risks.total', { n }));

  return (
    <>
      <PageTitle
        title={t('risks.title')}
        hint={register.data ? t('risks.total', { n: register.data.total }) : undefined}
        extra={
          <>
            <Button
              icon={<FileExcelOutlined />}
              href={processApi.risksExportUrl('xlsx', filter)}
              download
              data-testid="risks-export-xlsx"
              aria-label={t('risks.exportXlsx')}
            >
              {t('risks.exportXlsx')}
            </Button>
            <Button
              icon={<FileTextOutlined />}
              href={processApi.risksExportUrl('csv', filter)}
              download
              data-testid="risks-export-csv"
              aria-label={t('risks.exportCsv')}
            >
              {t('risks.exportCsv')}
            </Button>
          </>
        }
      />
      <p className="muted" style={{ marginTop: -8 }}>
        {t('risks.intro')}
      </p>
      <PublishSwitch />
      <Flex gap={8} wrap className="risks-filters">
        <UnitSelect
          testId="risks-filter-unit"
          aria-label={t('risks.filterUnit')}
          className="risks-filter-wide"
          allowClear
          placeholder={t('risks.filterUnit')}
          units={units.data?.items}
          loadError={units.error}
          value={unit}
          onChange={refilter(setUnit)}
        />
        <Select<RiskGrade>
          data-testid="risks-filter-grade"
          aria-label={t('risks.filterGrade')}
          className="risks-filter"
          allowClear
          placeholder={t('risks.filterGrade')}
          value={grade}
          options={(vocabulary.data?.riskGrades ?? []).map((g) => ({ value: g.code, label: `${g.stars} ${words.pick(g)}` }))}
          onChange={refilter(setGrade)}
        />
        <Select<string>
          data-testid="risks-filter-category"
          aria-label={t('risks.filterCategory')}
          className="risks-filter"
          allowClear
          placeholder={t('risks.filterCategory')}
          value={category}
          options={(vocabulary.data?.riskCategories ?? []).map((c) => ({ value: c.code, label: words.pick(c) }))}
          onChange={refilter(setCategory)}
        />
        <Input.Search
          data-testid="risks-filter-q"
          aria-label={t('risks.filterQ')}
          className="risks-filter-wide"
          allowClear
          maxLength={100}
          placeholder={t('risks.filterQ')}
          enterButton={<Button icon={<SearchOutlined />} aria-label={t('risks.search')} />}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value === '') refilter(setQ)(undefined);
          }}
          onSearch={(v) => refilter(setQ)(v.trim() || undefined)}
        />
      </Flex>
      {register.data ? (
        <Space wrap style={{ marginBottom: 12 }} data-testid="risks-by-grade">
          {([1, 2, 3] as const).map((g) => (
            <Tooltip key={g} title={t('risks.byGradeHint')}>
              <span
                className={`risk-count risk-count-${g}${grade === g ? ' is-active' : ''}`}
                role="button"
                tabIndex={0}
                data-grade={g}
                aria-pressed={grade === g}
                onClick={() => refilter(setGrade)(grade === g ? undefined : g)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') refilter(setGrade)(grade === g ? undefined : g);
                }}
              >
                <RiskGradeTag grade={g} words={words} />
                <strong>{register.data!.byGrade[String(g) as '1' | '2' | '3'] ?? 0}</strong>
              </span>
            </Tooltip>
          ))}
        </Space>
      ) : null}
      <QueryState query={register} isEmpty={(d) => d.total === 0} emptyText={filtered ? t('risks.emptyFiltered') : t('risks.empty')}>
        {(data) => {
          const rows: KeyedRow[] = data.items.map((r, i) => ({ ...r, key: `${(page - 1) * pageSize + i}-${r.itemId}-${r.stepId}` }));
          return narrow ? (
            <>
              <ol className="risk-cards" data-testid="risks-cards">
                {rows.map((r) => (
                  <li key={r.key}>
                    <RiskCard row={r} words={words} />
                  </li>
                ))}
              </ol>
              <Pagination size="small" align="center" {...paginationOf(data.total)} showSizeChanger={false} />
            </>
          ) : (
            <Table<KeyedRow>
              data-testid="risks-table"
              size="middle"
              columns={columns}
              dataSource={rows}
              scroll={{ x: 900 }}
              pagination={paginationOf(data.total)}
            />
          );
        }}
      </QueryState>
    </>
  );
}

function ItemLink({ row }: { row: RiskRow }) {
  return (
    <Link to={`/workbench/powers/${encodeURIComponent(row.itemId)}/process`} data-testid="risk-item-link">
      <span className="mono">{row.itemCode}</span> {row.itemName}
    </Link>
  );
}

/** The step, with its duty beneath when the name does not already say it (审查 · 审查). */
function StepName({ row, words }: { row: RiskRow; words: ProcessWords }) {
  const duty = words.duty(row.duty);
  return (
    <span>
      {row.stepName}
      {duty !== row.stepName ? (
        <>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {duty}
          </Typography.Text>
        </>
      ) : null}
    </span>
  );
}

function RevisionTag({ row }: { row: RiskRow }) {
  const t = useT();
  return row.published ? <Tag color="green">{t('risks.published', { n: row.revision })}</Tag> : <Tag>{t('risks.draft', { n: row.revision })}</Tag>;
}

/** One risk point on a phone: what the table's row says, as a small card. */
function RiskCard({ row, words }: { row: RiskRow; words: ProcessWords }) {
  const t = useT();
  return (
    <Card size="small" className="risk-card" data-testid="risk-card">
      <Flex gap={6} wrap align="center" style={{ marginBottom: 6 }}>
        <RiskGradeTag grade={row.grade} words={words} />
        <Tag>{words.category(row.category)}</Tag>
        <RevisionTag row={row} />
      </Flex>
      <div style={{ marginBottom: 4 }}>
        <ItemLink row={row} />
      </div>
      <div className="muted" style={{ fontSize: 13, marginBottom: 6 }}>
        {row.unit.name} · {row.stepName}
        {words.duty(row.duty) !== row.stepName ? ` · ${words.duty(row.duty)}` : ''}
      </div>
      <div className="risk-card-text">{row.description}</div>
      <dl className="risk-card-facts">
        <dt>{t('risks.measures')}</dt>
        <dd>{row.measures.trim() ? row.measures : <Tag color="orange">{t('risks.noMeasures')}</Tag>}</dd>
        <dt>{t('risks.post')}</dt>
        <dd>{row.post ?? t('common.none')}</dd>
      </dl>
    </Card>
  );
}

/**
 * 风险防控图公开: whether the portal shows each item's risk map. Everyone sees the setting; a county-level head or
 * leader, or the county's discipline inspection, may change it (the server decides: a refusal hides the switch).
 */
function PublishSwitch() {
  const t = useT();
  const { message } = App.useApp();
  const me = useMe();
  const settings = useApiQuery((signal) => processApi.portalSettings(signal), []);
  const [value, setValue] = useState<boolean>();
  const [saving, setSaving] = useState(false);
  const [refused, setRefused] = useState<ApiError>();
  const county = me.account.county.code;
  const mayChange = !refused && me.grants.some((g) => (g.role === 'head' || g.role === 'leader' || g.role === 'inspector') && g.unit.code === county);

  if (settings.error) return null;
  const current = value ?? settings.data?.publishRiskMaps;
  if (current === undefined) return null;

  const change = async (next: boolean) => {
    setSaving(true);
    try {
      const saved = await processApi.savePortalSettings({ publishRiskMaps: next });
      setValue(saved.publishRiskMaps);
      message.success(saved.publishRiskMaps ? t('risks.publishOn') : t('risks.publishOff'));
    } catch (cause) {
      const error = cause instanceof ApiError ? cause : new ApiError(0, 'unknown', String(cause));
      if (error.status === 403) setRefused(error);
      else message.error(error.message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Alert
      type={current ? 'success' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="risks-publish"
      title={
        <Flex gap={12} align="center" wrap>
          <span>{current ? t('risks.publishedMaps') : t('risks.unpublishedMaps')}</span>
          {mayChange ? (
            <Switch
              checked={current}
              loading={saving}
              aria-label={t('risks.publishSwitch')}
              data-testid="risks-publish-switch"
              checkedChildren={t('risks.publishSwitchOn')}
              unCheckedChildren={t('risks.publishSwitchOff')}
              onChange={change}
            />
          ) : null}
        </Flex>
      }
      description={refused ? refused.message : t('risks.publishHint')}
    />
  );
}
