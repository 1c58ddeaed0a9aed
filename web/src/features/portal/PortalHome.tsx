import { useState } from 'react';
import { Alert, Card, Col, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import { AppstoreOutlined, ApartmentOutlined, LoginOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { ButtonLink } from '../../components/ButtonLink';
import { api, query } from '../../lib/api-client';
import { useT, type MessageKey } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { portalApi } from './api';
import { PortalLayout } from './PortalLayout';
import { SEARCH_EXAMPLES } from './search-text';
import { SearchBox } from './SearchBox';
import { UnitCounts } from './UnitCounts';

// The programme explained in plain words; each point names a part of 六权治本, not a feature.
const POINTS: ReadonlyArray<[MessageKey, MessageKey]> = [
  ['portal.point1Title', 'portal.point1Body'],
  ['portal.point2Title', 'portal.point2Body'],
  ['portal.point3Title', 'portal.point3Body'],
  ['portal.point4Title', 'portal.point4Body'],
  ['portal.point5Title', 'portal.point5Body'],
];

/** Public portal home: no account needed, readable on a phone. */
export function PortalHome() {
  const t = useT();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const home = useApiQuery((signal) => api.publicHome(signal), []);
  // Only the total: one item is the cheapest page that carries it.
  const published = useApiQuery((signal) => portalApi.publicPowers({ page: 1, pageSize: 1 }, signal), []);

  const search = (value: string) => {
    const qs = query({ q: value.trim() });
    navigate(qs ? `/powers?${qs}` : '/powers');
  };

  const hero = (
    <section className="portal-hero">
      <div className="portal-hero-inner">
        <h1>{t('portal.heroTitle')}</h1>
        <div className="county">{home.data ? home.data.county.name : <>&nbsp;</>}</div>
        <p>{t('portal.heroBody')}</p>
        <div className="portal-hero-search">
          <SearchBox
            testId="portal-search-input"
            value={text}
            placeholder={t('portal.searchPlaceholder')}
            ariaLabel={t('portal.searchTitle')}
            buttonText={t('portal.searchButton')}
            onChange={setText}
            onSearch={search}
          />
          <div className="portal-hero-examples">
            {t('portal.searchExamples')}
            {SEARCH_EXAMPLES.map((example) => (
              <Link key={example} to={`/powers?${query({ q: example })}`}>
                {example}
              </Link>
            ))}
          </div>
        </div>
        <ButtonLink to="/login" data-testid="portal-staff-login" icon={<LoginOutlined />}>
          {t('portal.staffLogin')}
        </ButtonLink>
      </div>
    </section>
  );

  return (
    <PortalLayout home={home} hero={hero} testId="portal-home">
      <div className="portal-section-title">{t('portal.publicTitle')}</div>
      {published.error ? (
        <Alert type="warning" showIcon title={t('portal.publicError')} description={published.error.message} />
      ) : (
        <Row gutter={[12, 12]}>
          <Col xs={24} md={8}>
            <Link to="/powers" className="portal-link-card" data-testid="portal-public-all">
              <Card size="small" hoverable style={{ height: '100%' }}>
                <Statistic
                  title={t('portal.publicCount')}
                  value={published.data?.total ?? '—'}
                  loading={published.data === undefined}
                  prefix={<UnorderedListOutlined />}
                />
              </Card>
            </Link>
          </Col>
          <Col xs={12} md={8}>
            <Link to="/powers/units" className="portal-link-card" data-testid="portal-public-units">
              <Card size="small" hoverable style={{ height: '100%' }}>
                <Flex align="center" gap={8} className="portal-link-card-label">
                  <ApartmentOutlined /> {t('portal.publicByUnit')}
                </Flex>
              </Card>
            </Link>
          </Col>
          <Col xs={12} md={8}>
            <Link to="/powers/categories" className="portal-link-card" data-testid="portal-public-categories">
              <Card size="small" hoverable style={{ height: '100%' }}>
                <Flex align="center" gap={8} className="portal-link-card-label">
                  <AppstoreOutlined /> {t('portal.publicByCategory')}
                </Flex>
              </Card>
            </Link>
          </Col>
        </Row>
      )}

      <div className="portal-section-title">{t('portal.unitsTitle')}</div>
      {home.error ? (
        <Alert type="warning" showIcon title={t('portal.unitsError')} description={home.error.message} />
      ) : home.data ? (
        <>
          <UnitCounts units={home.data.units} />
          <div style={{ marginTop: 8 }}>
            <Link to="/powers/units">{t('portal.unitsLink')} →</Link>
          </div>
        </>
      ) : (
        <Card>
          <Skeleton active paragraph={{ rows: 1 }} />
        </Card>
      )}

      <div className="portal-section-title">{t('portal.programmeTitle')}</div>
      <Row gutter={[16, 16]}>
        {POINTS.map(([title, body]) => (
          <Col key={title} xs={24} md={12} lg={8}>
            <Card style={{ height: '100%' }}>
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {t(title)}
              </Typography.Title>
              <Typography.Paragraph style={{ marginBottom: 0 }}>{t(body)}</Typography.Paragraph>
            </Card>
          </Col>
        ))}
        <Col xs={24} md={12} lg={8}>
          <Card style={{ height: '100%' }}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('portal.staffLogin')}
            </Typography.Title>
            <Typography.Paragraph>{t('portal.staffBox')}</Typography.Paragraph>
            <ButtonLink to="/login" type="primary" icon={<LoginOutlined />}>
              {t('portal.staffLogin')}
            </ButtonLink>
          </Card>
        </Col>
      </Row>
    </PortalLayout>
  );
}
