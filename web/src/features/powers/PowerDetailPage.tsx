import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Flex, List, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, EditOutlined, PartitionOutlined, StopOutlined } from '@ant-design/icons';
import { useParams, useSearchParams } from 'react-router-dom';
import { useMe } from '../../app/auth-context';
import { ButtonLink } from '../../components/ButtonLink';
import { LocalTime } from '../../components/LocalTime';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { api } from '../../lib/api-client';
import type { PowerCategory, PowerEnding, PowerItem, PowerMaterial } from '../../lib/api-types';
import { useLang, useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { EndPowerModal } from './EndPowerModal';
import { PowerEditor } from './PowerEditor';
import { PowerHistory } from './PowerHistory';
import { ProcessTab } from '../process/ProcessTab';
import { categoryName, editableUnits, PowerStatusTag, RevisionStateTag } from './power-shared';

/** One power item: everything it says, its status, and (for editors) 编辑 and 取消/下放/划转; its history in a tab. */
export default function PowerDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const query = useApiQuery((signal) => api.power(id, signal), [id]);
  const categoriesQuery = useApiQuery((signal) => api.powerCategories(signal), []);

  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <ButtonLink to="/workbench/powers" type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('powers.backToList')}
        </ButtonLink>
      </div>
      <QueryState query={query} emptyText={t('powers.notFound')}>
        {(item) => <PowerDetail item={item} categories={categoriesQuery.data?.items} reload={query.reload} />}
      </QueryState>
    </>
  );
}

function PowerDetail({ item, categories, reload }: { item: PowerItem; categories: readonly PowerCategory[] | undefined; reload: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const unitsQuery = useApiQuery((signal) => api.units(signal), []);
  const writable = useMemo(() => editableUnits(me.grants, unitsQuery.data?.items), [me.grants, unitsQuery.data]);
  const canEdit = item.status === 'active' && writable.some((u) => u.code === item.unit.code);
  const [editing, setEditing] = useState(false);
  const [ending, setEnding] = useState(false);
  // `?tab=history` opens the history (the review page links a revision under review there, to see its diff).
  const [searchParams] = useSearchParams();
  // `?tab=process` opens the process and its drawing.
  const requested = searchParams.get('tab');
  const [tab, setTab] = useState(requested === 'history' || requested === 'process' ? requested : 'content');

  const c = item.latest.content;
  const none = <span className="muted">{t('common.none')}</span>;
  const text = (v: string | null) => (v === null || v.trim() === '' ? none : <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>);
  const days = (v: number | null) => (v === null ? none : t('powers.days', { n: v }));

  const materialColumns: TableColumnsType<PowerMaterial> = [
    { title: t('powers.materialName'), dataIndex: 'name', key: 'name' },
    { title: t('powers.materialForm'), key: 'form', render: (_, m) => (m.form ? t(`materialForm.${m.form}`) : none) },
    { title: t('powers.materialCopies'), key: 'copies', render: (_, m) => m.copies ?? none },
    {
      title: t('powers.materialRequired'),
      key: 'required',
      render: (_, m) => (m.required ? <Tag color="blue">{t('powers.yes')}</Tag> : <Tag>{t('powers.no')}</Tag>),
    },
  ];

  // Responsibilities grouped by stage, keeping the order stages first appear in.
  const stages: { stage: string; texts: string[] }[] = [];
  for (const r of c.responsibilities) {
    const group = stages.find((s) => s.stage === r.stage);
    if (group) group.texts.push(r.text);
    else stages.push({ stage: r.stage, texts: [r.text] });
  }

  const ended = item.status !== 'active';
  const destination = (): ReactNode => {
    if (!item.statusTo) return null;
    if (item.status === 'transferred') {
      const target = unitsQuery.data?.items.find((u) => u.code === item.statusTo);
      return t('powers.transferredToValue', { to: target ? `${target.name}（${target.code}）` : item.statusTo });
    }
    return t('powers.devolvedToValue', { to: item.statusTo });
  };

  const content = (
    <Flex vertical gap={16} data-testid="power-detail">
      <Card size="small" title={t('powers.sectionBasic')}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('powers.code')}>
            <span className="mono" data-testid="power-detail-code">
              {item.code}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('powers.name')}>
            <span data-testid="power-detail-name">{c.name}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('powers.category')}>{categoryName(c.category, categories, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('powers.unit')}>
            {item.unit.name}（<span className="mono">{item.unit.code}</span>）
          </Descriptions.Item>
          <Descriptions.Item label={t('powers.implementingBody')}>{text(c.implementingBody)}</Descriptions.Item>
          <Descriptions.Item label={t('powers.serviceObject')}>{text(c.serviceObject)}</Descriptions.Item>
          <Descriptions.Item label={t('powers.statutoryLimit')}>
            <span data-testid="power-detail-statutory">{days(c.statutoryLimit)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('powers.promisedLimit')}>
            <span data-testid="power-detail-promised">{days(c.promisedLimit)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('powers.fees')}>{text(c.fees)}</Descriptions.Item>
          <Descriptions.Item label={t('powers.supervisionPhone')}>{text(c.supervisionPhone)}</Descriptions.Item>
          <Descriptions.Item label={t('powers.conditions')} span={2}>
            {text(c.conditions)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('powers.basis')}>
        {c.basis.length === 0 ? (
          none
        ) : (
          <ol className="power-basis" data-testid="power-detail-basis">
            {c.basis.map((b, i) => (
              <li key={i}>{b}</li>
            ))}
          </ol>
        )}
      </Card>
      <Card size="small" title={t('powers.materials')}>
        <Table<PowerMaterial>
          data-testid="power-detail-materials"
          rowKey={(m) => m.name}
          size="small"
          columns={materialColumns}
          dataSource={c.materials}
          pagination={false}
          locale={{ emptyText: t('powers.noMaterials') }}
        />
      </Card>
      <Card size="small" title={t('powers.responsibilities')}>
        {stages.length === 0 ? (
          none
        ) : (
          <Descriptions column={1} size="small" bordered data-testid="power-detail-responsibilities">
            {stages.map((s) => (
              <Descriptions.Item key={s.stage} label={s.stage}>
                {s.texts.map((x, i) => (
                  <div key={i} style={{ whiteSpace: 'pre-wrap' }}>
                    {x || none}
                  </div>
                ))}
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Card>
      <Card size="small" title={t('powers.accountability')}>
        {c.accountability.length === 0 ? (
          none
        ) : (
          <List
            size="small"
            data-testid="power-detail-accountability"
            dataSource={c.accountability}
            renderItem={(a, i) => (
              <List.Item key={i}>
                <div>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{a.situation}</div>
                  {a.basis ? <Typography.Text type="secondary">{t('powers.accountabilityBasis', { basis: a.basis })}</Typography.Text> : null}
                </div>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Flex>
  );

  return (
    <>
      <PageTitle
        title={`${item.code} ${c.name}`}
        hint={
          <Flex gap={8} align="center" wrap component="span">
            <PowerStatusTag status={item.status} />
            <span data-testid="power-detail-revision">{t('powers.revisionN', { n: item.latestRevision })}</span>
            <RevisionStateTag state={item.latest.state} testId="power-detail-state" />
            <span>
              {t('powers.savedAt')} <LocalTime iso={item.latest.createdAt} />
            </span>
            <PublishedNote item={item} />
          </Flex>
        }
        extra={
          <>
            <ButtonLink to={`/workbench/powers/${encodeURIComponent(item.id)}/process`} icon={<PartitionOutlined />} data-testid="power-process">
              {t('process.tab')}
            </ButtonLink>
            {canEdit ? (
              <>
                <Button type="primary" icon={<EditOutlined />} data-testid="power-edit" onClick={() => setEditing(true)}>
                  {t('powers.edit')}
                </Button>
                <Button danger icon={<StopOutlined />} data-testid="power-end" onClick={() => setEnding(true)}>
                  {t('powers.end')}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      {ended ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="power-ended"
          title={t('powers.endedTitle', { status: t(`powerStatus.${item.status as PowerEnding}`), date: item.statusDate ?? '' })}
          description={
            <Flex vertical>
              {destination() ? <span>{destination()}</span> : null}
              {item.statusReason ? <span>{t('powers.endedReason', { reason: item.statusReason })}</span> : null}
            </Flex>
          }
        />
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'content', label: t('powers.tabContent'), children: content },
          {
            key: 'process',
            label: <span data-testid="power-process-tab">{t('process.tab')}</span>,
            children: <ProcessTab item={item} canEdit={canEdit} />,
          },
          { key: 'history', label: <span data-testid="power-history-tab">{t('powers.tabHistory')}</span>, children: <PowerHistory item={item} /> },
        ]}
      />
      {canEdit ? (
        <>
          <PowerEditor
            mode={{ kind: 'edit', item }}
            open={editing}
            categories={categories}
            onClose={() => setEditing(false)}
            onDone={reload}
            onReload={reload}
          />
          <EndPowerModal
            item={item}
            open={ending}
            units={unitsQuery.data?.items.filter((u) => u.status === 'active')}
            unitsError={unitsQuery.error}
            onClose={() => setEnding(false)}
            onDone={reload}
          />
        </>
      ) : null}
    </>
  );
}

/** 已公布第 N 版；第 M 版待审查: which revision the public sees, and whether a newer one still awaits review. */
function PublishedNote({ item }: { item: PowerItem }) {
  const t = useT();
  const published = item.publishedRevision;
  const pending = published === null || item.latestRevision > published;
  const text =
    published === null
      ? t('powers.unpublishedPending', { m: item.latestRevision })
      : pending
        ? t('powers.publishedPending', { n: published, m: item.latestRevision })
        : t('powers.publishedOnly', { n: published });
  return (
    <Tag color={published === null ? 'default' : pending ? 'gold' : 'green'} data-testid="power-detail-published" style={{ whiteSpace: 'normal' }}>
      {text}
      {item.publishedAt ? (
        <>
          {' · '}
          {t('powers.publishedAt')} <LocalTime iso={item.publishedAt} />
        </>
      ) : null}
    </Tag>
  );
}
