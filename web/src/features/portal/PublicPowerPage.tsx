import type { ReactNode } from 'react';
import { Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, FileTextOutlined, FormOutlined, PhoneOutlined } from '@ant-design/icons';
import { Link, useLocation, useParams } from 'react-router-dom';
import { ButtonLink } from '../../components/ButtonLink';
import type { PowerMaterial } from '../../lib/api-types';
import { pickLabel, useLang, useT } from '../../lib/i18n';
import { formatInstant } from '../../lib/time';
import { useApiQuery } from '../../lib/use-api-query';
import { portalApi, type PublicPowerDetail } from './api';
import { takesApplications } from './cases-api';
import { PortalLayout } from './PortalLayout';
import { PublishedPowerState } from './PublishedPowerState';

/** One published power item (`/powers/:code`): every public field of its published revision. */
export default function PublicPowerPage() {
  const { code = '' } = useParams();
  const t = useT();
  const location = useLocation();
  const power = useApiQuery((signal) => portalApi.publicPower(code, signal), [code]);
  // Back to the very results the reader came from, when they came from a search.
  const from = (location.state as { from?: unknown } | null)?.from;
  const back = typeof from === 'string' ? `/powers${from}` : '/powers';

  return (
    <PortalLayout testId="public-power-page">
      <div className="public-back">
        <Link to={back}>
          <ArrowLeftOutlined /> {typeof from === 'string' && from ? t('public.backResults') : t('public.back')}
        </Link>
      </div>
      <PublishedPowerState power={power} render={(item) => <PowerDetail item={item} />} />
    </PortalLayout>
  );
}

function PowerDetail({ item }: { item: PublicPowerDetail }) {
  const t = useT();
  const { lang } = useLang();
  const none = <span className="muted">{t('public.none')}</span>;
  const text = (v: string | null, empty: ReactNode = none) => (v === null || v.trim() === '' ? empty : <span className="public-pre">{v}</span>);
  const days = (v: number | null) => (v === null ? <span className="muted">{t('public.noLimit')}</span> : t('public.days', { n: v }));
  const published = formatInstant(item.publishedAt).slice(0, 10);

  const materialColumns: TableColumnsType<PowerMaterial> = [
    { title: t('public.materialName'), dataIndex: 'name', key: 'name' },
    { title: t('public.materialForm'), key: 'form', render: (_, m) => (m.form ? t(`materialForm.${m.form}`) : none) },
    { title: t('public.materialCopies'), key: 'copies', render: (_, m) => m.copies ?? none },
    {
      title: t('public.materialRequired'),
      key: 'required',
      render: (_, m) => (m.required ? <Tag color="blue">{t('public.required')}</Tag> : <Tag>{t('public.optional')}</Tag>),
    },
  ];

  // Responsibilities grouped by stage, in the order the stages first appear.
  const stages: { stage: string; texts: string[] }[] = [];
  for (const r of item.responsibilities) {
    const group = stages.find((s) => s.stage === r.stage);
    if (group) group.texts.push(r.text);
    else stages.push({ stage: r.stage, texts: [r.text] });
  }

  return (
    <Flex vertical gap={16} data-testid="public-power">
      <div>
        <h1 className="portal-page-title" data-testid="public-power-name">
          {item.name}
        </h1>
        <Flex gap={8} wrap align="center" className="muted">
          <span className="mono" data-testid="public-power-code">
            {item.code}
          </span>
          <Tag>{pickLabel(item.category.label, lang)}</Tag>
          <span data-testid="public-power-revision">{t('public.revision', { n: item.revision, date: published })}</span>
        </Flex>
        <Flex gap={8} wrap style={{ marginTop: 12 }}>
          {takesApplications(item) ? (
            <ButtonLink type="primary" icon={<FormOutlined />} to={`/powers/${encodeURIComponent(item.code)}/apply`} data-testid="public-power-apply">
              {t('apply.button')}
            </ButtonLink>
          ) : null}
          <ButtonLink
            type={takesApplications(item) ? 'default' : 'primary'}
            icon={<FileTextOutlined />}
            to={`/powers/${encodeURIComponent(item.code)}/guide`}
            data-testid="public-power-guide"
          >
            {t('public.guideLink')}
          </ButtonLink>
        </Flex>
      </div>

      <Card size="small" title={t('public.sectionBasic')}>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered className="public-descriptions">
          <Descriptions.Item label={t('public.unit')}>
            <Link to={`/powers?unit=${encodeURIComponent(item.unit.code)}`} data-testid="public-power-unit">
              {item.unit.name}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('public.implementingBody')}>{text(item.implementingBody, item.unit.name)}</Descriptions.Item>
          <Descriptions.Item label={t('public.category')}>{pickLabel(item.category.label, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('public.serviceObject')}>{text(item.serviceObject)}</Descriptions.Item>
          <Descriptions.Item label={t('public.statutoryLimit')}>
            <span data-testid="public-power-statutory">{days(item.statutoryLimit)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('public.promisedLimit')}>
            <span data-testid="public-power-promised">{days(item.promisedLimit)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('public.fees')}>{text(item.fees, <span className="muted">{t('public.noFees')}</span>)}</Descriptions.Item>
          <Descriptions.Item label={t('public.supervisionPhone')}>
            {item.supervisionPhone ? (
              <a href={`tel:${item.supervisionPhone.replace(/[^\d+-]/g, '')}`} data-testid="public-power-phone">
                <PhoneOutlined /> {item.supervisionPhone}
              </a>
            ) : (
              none
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card size="small" title={t('public.conditions')}>
        <div data-testid="public-power-conditions">{text(item.conditions)}</div>
      </Card>

      <Card size="small" title={t('public.basis')}>
        {item.basis.length === 0 ? (
          none
        ) : (
          <ol className="power-basis" data-testid="public-power-basis">
            {item.basis.map((b, i) => (
              <li key={i}>{b}</li>
            ))}
          </ol>
        )}
      </Card>

      <Card size="small" title={t('public.materials')}>
        <Table<PowerMaterial>
          data-testid="public-power-materials"
          className="public-materials"
          rowKey={(m, i) => `${i}-${m.name}`}
          size="small"
          columns={materialColumns}
          dataSource={item.materials}
          pagination={false}
          locale={{ emptyText: t('public.noMaterials') }}
        />
      </Card>

      <Card size="small" title={t('public.responsibilities')}>
        {stages.length === 0 ? (
          none
        ) : (
          <dl className="public-stages" data-testid="public-power-responsibilities">
            {stages.map((s) => (
              <div key={s.stage}>
                <dt>{s.stage}</dt>
                {s.texts.map((x, i) => (
                  <dd key={i} className="public-pre">
                    {x}
                  </dd>
                ))}
              </div>
            ))}
          </dl>
        )}
      </Card>

      <Card size="small" title={t('public.accountability')}>
        {item.accountability.length === 0 ? (
          none
        ) : (
          <ol className="public-accountability" data-testid="public-power-accountability">
            {item.accountability.map((a, i) => (
              <li key={i}>
                <div className="public-pre">{a.situation}</div>
                {a.basis ? <Typography.Text type="secondary">{t('public.accountabilityBasis', { basis: a.basis })}</Typography.Text> : null}
              </li>
            ))}
          </ol>
        )}
      </Card>
    </Flex>
  );
}
