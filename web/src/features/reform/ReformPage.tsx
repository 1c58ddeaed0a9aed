import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Statistic, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, EditOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useMe } from '../../app/auth-context';
import { hasRole } from '../../app/nav';
import { ActionModal } from '../../components/ActionModal';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { UnitSelect } from '../../components/UnitSelect';
import { api } from '../../lib/api-client';
import { useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { useModalTarget } from '../../lib/use-modal-target';
import { editableUnits } from '../powers/power-shared';
import { EfficiencySection } from './EfficiencySection';
import { reformApi, type ReformCounts, type ReformFigures, type ReformItem, type ReformLedger, type ReformStarted } from './api';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const COUNTS = ['fewerSteps', 'fewerMaterials', 'shorterLimit'] as const;

/** 审批制度改革: the county's (or a unit's) counts of streamlined approval items, per unit and item by item. */
export default function ReformPage() {
  const t = useT();
  const me = useMe();
  const [unit, setUnit] = useState<string>();
  const [starting, setStarting] = useState(false);
  const editing = useModalTarget<ReformItem>();
  const query = useApiQuery((signal) => reformApi.ledger(unit, signal), [unit]);
  const unitsQuery = useApiQuery((signal) => api.units(signal), []);
  const mayStart = hasRole(me.grants, 'legal_reviewer', 'leader');
  const writable = useMemo(() => new Set(editableUnits(me.grants, unitsQuery.data?.items).map((u) => u.code)), [me.grants, unitsQuery.data]);
  // The server checks each baseline against the item's unit; this only decides where to show the button.
  const mayEdit = (item: ReformItem) => hasRole(me.grants, 'legal_reviewer') || writable.has(item.unit.code);

  return (
    <>
      <PageTitle
        title={t('reform.title')}
        hint={query.data?.startedOn ? t('reform.startedOn', { date: query.data.startedOn }) : undefined}
        extra={
          <>
            {mayStart && query.data && query.data.startedOn === null ? (
              <Button type="primary" icon={<PlayCircleOutlined />} data-testid="reform-start" onClick={() => setStarting(true)}>
                {t('reform.start')}
              </Button>
            ) : null}
            <Button icon={<DownloadOutlined />} href={reformApi.exportUrl('xlsx', unit)} download data-testid="reform-export-xlsx">
              {t('reform.exportXlsx')}
            </Button>
            <Button icon={<DownloadOutlined />} href={reformApi.exportUrl('csv', unit)} download data-testid="reform-export-csv">
              {t('reform.exportCsv')}
            </Button>
          </>
        }
      />
      <p className="muted" style={{ marginTop: -8 }}>
        {t('reform.intro')}
      </p>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <UnitSelect
          testId="reform-filter-unit"
          style={{ width: 260 }}
          allowClear
          placeholder={t('reform.filterUnit')}
          units={unitsQuery.data?.items}
          loadError={unitsQuery.error}
          value={unit}
          onChange={setUnit}
        />
      </Flex>
      <QueryState query={query} emptyText={t('reform.empty')}>
        {(ledger) => (
          <Ledger
            ledger={ledger}
            mayEdit={mayEdit}
            onEdit={editing.show}
            efficiency={<EfficiencySection key={ledger.startedOn ?? ''} startedOn={ledger.startedOn} unit={unit} />}
          />
        )}
      </QueryState>
      {mayStart ? <StartModal open={starting} onClose={() => setStarting(false)} onDone={query.reload} /> : null}
      <BaselineModal open={editing.open} item={editing.target} onClose={editing.hide} onDone={query.reload} />
    </>
  );
}

function Ledger({
  ledger,
  mayEdit,
  onEdit,
  efficiency,
}: {
  ledger: ReformLedger;
  mayEdit: (i: ReformItem) => boolean;
  onEdit: (i: ReformItem) => void;
  /** 办理时效, measured from the cases: shown between the units' counts and the items compared. */
  efficiency: ReactNode;
}) {
  const t = useT();
  const none = <span className="muted">{t('common.none')}</span>;

  /** Baseline → current, green with ↓ where the figure went down. */
  const compare = (item: ReformItem, pick: (f: ReformFigures) => number | null, better: boolean): ReactNode => {
    const before = pick(item.baseline);
    const after = item.current ? pick(item.current) : undefined;
    return (
      <span className={better ? 'reform-better' : undefined} style={better ? { color: '#389e0d', fontWeight: 600 } : undefined}>
        {before ?? none} → {after === undefined ? <span className="muted">{t('reform.notPublished')}</span> : (after ?? none)}
        {better ? ' ↓' : null}
      </span>
    );
  };

  const unitColumns: TableColumnsType<ReformLedger['units'][number]> = [
    { title: t('reform.unit'), key: 'unit', render: (_, u) => u.unit.name },
    { title: t('reform.totalItems'), dataIndex: 'items', key: 'items' },
    ...COUNTS.map((k) => ({ title: t(`reform.${k}`), dataIndex: k, key: k })),
    { title: t('reform.streamlined'), dataIndex: 'streamlined', key: 'streamlined' },
  ];

  const itemColumns: TableColumnsType<ReformItem> = [
    {
      title: t('reform.code'),
      key: 'code',
      render: (_, i) => (
        <Link to={`/workbench/powers/${i.itemId}`} className="mono">
          {i.code}
        </Link>
      ),
    },
    { title: t('reform.name'), key: 'name', render: (_, i) => <span style={{ display: 'inline-block', minWidth: 120, maxWidth: 280 }}>{i.name}</span> },
    { title: t('reform.unit'), key: 'unit', render: (_, i) => i.unit.name },
    { title: t('reform.steps'), key: 'steps', render: (_, i) => compare(i, (f) => f.steps, i.fewerSteps) },
    { title: t('reform.materials'), key: 'materials', render: (_, i) => compare(i, (f) => f.materials, i.fewerMaterials) },
    { title: t('reform.timeLimit'), key: 'timeLimit', render: (_, i) => compare(i, (f) => f.timeLimit, i.shorterLimit) },
    {
      title: t('reform.baselineSource'),
      key: 'source',
      render: (_, i) =>
        i.baseline.source === 'manual' ? (
          <Tag color="blue">{t('reform.source.manual')}</Tag>
        ) : i.baseline.source === 'snapshot' ? (
          <Tag>{t('reform.source.snapshot')}</Tag>
        ) : (
          <Tag>{i.baseline.source}</Tag>
        ),
    },
    {
      title: t('reform.actions'),
      key: 'actions',
      render: (_, i) =>
        mayEdit(i) ? (
          <Button size="small" type="link" icon={<EditOutlined />} data-testid={`reform-edit-${i.code}`} onClick={() => onEdit(i)}>
            {t('reform.editBaseline')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="reform-ledger">
      {ledger.startedOn === null ? <Alert type="info" showIcon title={t('reform.notStarted')} data-testid="reform-not-started" /> : null}
      <Totals totals={ledger.totals} />
      <Card size="small" title={t('reform.byUnit')}>
        <Table
          data-testid="reform-units"
          rowKey={(u) => u.unit.code}
          size="small"
          columns={unitColumns}
          dataSource={ledger.units}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: t('reform.empty') }}
        />
      </Card>
      {efficiency}
      <Card size="small" title={t('reform.byItem')}>
        <Table<ReformItem>
          data-testid="reform-items"
          rowKey="itemId"
          size="small"
          columns={itemColumns}
          dataSource={ledger.items}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: t('reform.empty') }}
        />
      </Card>
    </Flex>
  );
}

/** The report's three figures (精减环节 / 减少材料 / 缩短时限), beside the number of items and of those streamlined. */
function Totals({ totals }: { totals: ReformCounts }) {
  const t = useT();
  const cards: { key: keyof ReformCounts; strong: boolean }[] = [
    ...COUNTS.map((k) => ({ key: k, strong: true })),
    { key: 'streamlined', strong: false },
    { key: 'items', strong: false },
  ];
  const title = (k: keyof ReformCounts) => (k === 'items' ? t('reform.totalItems') : t(`reform.${k}`));
  return (
    <Row gutter={[12, 12]} data-testid="reform-totals">
      {cards.map(({ key, strong }) => (
        <Col key={key} xs={12} sm={8} lg={strong ? 5 : 4} flex={strong ? undefined : 'auto'}>
          <Card size="small">
            <Statistic
              title={title(key)}
              value={totals[key]}
              suffix={t('reform.itemsUnit')}
              styles={strong ? { content: { color: '#1f4e8c', fontWeight: 600 } } : undefined}
              valueRender={(node) => <span data-testid={`reform-total-${key}`}>{node}</span>}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function StartModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const t = useT();
  return (
    <ActionModal<{ startedOn?: string }, ReformStarted>
      open={open}
      title={t('reform.startTitle')}
      okText={t('reform.startSubmit')}
      testId="reform-start-form"
      intro={<Alert type="warning" showIcon title={t('reform.startIntro')} />}
      onClose={onClose}
      onSubmit={(v) => reformApi.start(v.startedOn?.trim() || undefined)}
      successText={(r) => t('reform.started', { published: r.fromPublished, latest: r.fromLatest, kept: r.kept })}
      onDone={onDone}
    >
      <Form.Item
        name="startedOn"
        label={t('reform.startDate')}
        extra={t('reform.startDateHint')}
        rules={[{ pattern: DATE_RE, message: t('reform.startDateHint') }]}
      >
        <Input data-testid="reform-start-date" placeholder="YYYY-MM-DD" maxLength={10} />
      </Form.Item>
    </ActionModal>
  );
}

interface BaselineValues {
  steps: number;
  materials: number;
  timeLimit?: number | null;
}

function BaselineModal({ open, item, onClose, onDone }: { open: boolean; item: ReformItem | undefined; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const count = [
    { required: true, message: t('reform.err.count') },
    { type: 'integer' as const, min: 0, message: t('reform.err.count') },
  ];
  return (
    <ActionModal<BaselineValues, ReformItem>
      open={open}
      title={item ? t('reform.baselineTitle', { code: item.code, name: item.name }) : ''}
      okText={t('reform.baselineSubmit')}
      testId="reform-baseline-form"
      intro={<Alert type="info" showIcon title={t('reform.baselineIntro')} />}
      initialValues={item ? { steps: item.baseline.steps, materials: item.baseline.materials, timeLimit: item.baseline.timeLimit } : undefined}
      onClose={onClose}
      onSubmit={(v) => reformApi.recordBaseline(item!.itemId, { steps: v.steps, materials: v.materials, timeLimit: v.timeLimit ?? null })}
      successText={(i) => t('reform.baselineSaved', { code: i.code })}
      onDone={onDone}
    >
      <Form.Item name="steps" label={t('reform.stepsField')} rules={count}>
        <InputNumber<number> data-testid="reform-baseline-steps" min={0} max={1000} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="materials" label={t('reform.materialsField')} rules={count}>
        <InputNumber<number> data-testid="reform-baseline-materials" min={0} max={1000} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="timeLimit" label={t('reform.timeLimitField')} rules={[{ type: 'integer', min: 0, message: t('reform.err.count') }]}>
        <InputNumber<number> data-testid="reform-baseline-limit" min={0} max={3650} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </ActionModal>
  );
}
