import { useMemo, useState } from 'react';
import { Button, Dropdown, Flex, Input, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, DownOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useMe } from '../../app/auth-context';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { UnitSelect } from '../../components/UnitSelect';
import { usePaging } from '../../lib/use-paging';
import { api } from '../../lib/api-client';
import type { PowerFileFormat, PowerItem, PowerStatus } from '../../lib/api-types';
import { pickLabel, useLang, useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { ImportModal } from './ImportModal';
import { PowerEditor } from './PowerEditor';
import { categoryName, editableUnits, mayEditPowers, POWER_STATUSES, PowerStatusTag, useRevisionState } from './power-shared';

/** 权力清单: the items the user may read, filtered and paged on the server; editors add, import and export. */
export default function PowersPage() {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const navigate = useNavigate();
  const stateName = useRevisionState();

  const [unit, setUnit] = useState<string>();
  const [category, setCategory] = useState<string>();
  const [status, setStatus] = useState<PowerStatus>();
  const [q, setQ] = useState<string>();
  const { page, pageSize, setPage, pagination } = usePaging();

  const query = useApiQuery((signal) => api.powers({ unit, category, status, q, page, pageSize }, signal), [unit, category, status, q, page, pageSize]);
  const categoriesQuery = useApiQuery((signal) => api.powerCategories(signal), []);
  const unitsQuery = useApiQuery((signal) => api.units(signal), []);
  const categories = categoriesQuery.data?.items;
  const canEdit = mayEditPowers(me.grants);
  const writable = useMemo(() => editableUnits(me.grants, unitsQuery.data?.items), [me.grants, unitsQuery.data]);
  // Default a new item or an import to the filtered unit when the user may write there.
  const defaultUnit = unit && writable.some((u) => u.code === unit) ? unit : writable.length === 1 ? writable[0]!.code : undefined;

  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);

  // Any filter change starts again from the first page.
  const filtered =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  const none = <span className="muted">{t('common.none')}</span>;
  const limit = (v: number | null) => (v === null ? none : t('powers.days', { n: v }));

  const columns: TableColumnsType<PowerItem> = [
    {
      title: t('powers.code'),
      dataIndex: 'code',
      key: 'code',
      render: (code: string, item) => (
        <Link to={`/workbench/powers/${item.id}`} className="mono" data-testid={`power-link-${code}`}>
          {code}
        </Link>
      ),
    },
    { title: t('powers.name'), key: 'name', render: (_, item) => item.latest.content.name },
    { title: t('powers.category'), key: 'category', render: (_, item) => categoryName(item.latest.content.category, categories, lang) },
    { title: t('powers.unit'), key: 'unit', render: (_, item) => item.unit.name },
    {
      title: t('powers.limits'),
      key: 'limits',
      render: (_, item) => (
        <Flex vertical>
          <span>
            {t('powers.statutoryShort')} {limit(item.latest.content.statutoryLimit)}
          </span>
          <span>
            {t('powers.promisedShort')} {limit(item.latest.content.promisedLimit)}
          </span>
        </Flex>
      ),
    },
    { title: t('powers.status'), key: 'status', render: (_, item) => <PowerStatusTag status={item.status} /> },
    {
      title: t('powers.revision'),
      key: 'revision',
      render: (_, item) => (
        <span data-testid={`power-revision-${item.code}`}>
          {t('powers.revisionN', { n: item.latestRevision })} <Tag>{stateName(item.latest.state)}</Tag>
        </span>
      ),
    },
  ];

  const exportFilter = { unit, category };
  const exportItems = (['xlsx', 'csv', 'json'] as const satisfies readonly PowerFileFormat[]).map((format) => ({
    key: format,
    label: (
      <a href={api.powerExportUrl(format, exportFilter)} download data-testid={`powers-export-${format}`}>
        {t(`powers.exportAs.${format}`)}
      </a>
    ),
  }));

  return (
    <>
      <PageTitle
        title={t('powers.title')}
        hint={query.data ? t('powers.total', { n: query.data.total }) : undefined}
        extra={
          <>
            {canEdit ? (
              <>
                <Button type="primary" icon={<PlusOutlined />} data-testid="powers-new" onClick={() => setCreating(true)}>
                  {t('powers.new')}
                </Button>
                <Button icon={<UploadOutlined />} data-testid="powers-import" onClick={() => setImporting(true)}>
                  {t('powers.import')}
                </Button>
              </>
            ) : null}
            <Dropdown menu={{ items: exportItems }} trigger={['click']}>
              <Button icon={<DownloadOutlined />} data-testid="powers-export">
                {t('powers.export')} <DownOutlined />
              </Button>
            </Dropdown>
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="powers-filters">
        <UnitSelect
          testId="powers-filter-unit"
          style={{ width: 260 }}
          allowClear
          placeholder={t('powers.filterUnit')}
          units={unitsQuery.data?.items}
          loadError={unitsQuery.error}
          value={unit}
          onChange={filtered(setUnit)}
        />
        <Select<string>
          data-testid="powers-filter-category"
          style={{ width: 200 }}
          allowClear
          placeholder={t('powers.filterCategory')}
          value={category}
          onChange={filtered(setCategory)}
          options={(categories ?? []).map((c) => ({ value: c.code, label: pickLabel(c.label, lang) }))}
        />
        <Select<PowerStatus>
          data-testid="powers-filter-status"
          style={{ width: 140 }}
          allowClear
          placeholder={t('powers.filterStatus')}
          value={status}
          onChange={filtered(setStatus)}
          options={POWER_STATUSES.map((s) => ({ value: s, label: t(`powerStatus.${s}`) }))}
        />
        <Input.Search
          data-testid="powers-search"
          style={{ width: 260 }}
          allowClear
          placeholder={t('powers.searchPlaceholder')}
          maxLength={100}
          onSearch={(v) => filtered(setQ)(v.trim() === '' ? undefined : v.trim())}
        />
      </Flex>
      <QueryState query={query} isEmpty={(d) => d.total === 0} emptyText={unit || category || status || q ? t('powers.emptyFiltered') : t('powers.empty')}>
        {(data) => (
          <Table<PowerItem>
            data-testid="powers-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.items}
            scroll={{ x: 'max-content' }}
            onRow={(item) => ({ onDoubleClick: () => navigate(`/workbench/powers/${item.id}`) })}
            pagination={pagination(data.total, (n) => t('powers.total', { n }))}
          />
        )}
      </QueryState>
      {canEdit ? (
        <>
          <PowerEditor
            mode={{ kind: 'new', units: unitsQuery.data ? writable : undefined, unitsError: unitsQuery.error, defaultUnit }}
            open={creating}
            categories={categories}
            onClose={() => setCreating(false)}
            onDone={(item) => navigate(`/workbench/powers/${item.id}`)}
          />
          <ImportModal
            open={importing}
            units={unitsQuery.data ? writable : undefined}
            unitsError={unitsQuery.error}
            defaultUnit={defaultUnit}
            onClose={() => setImporting(false)}
            onDone={query.reload}
          />
        </>
      ) : null}
    </>
  );
}
