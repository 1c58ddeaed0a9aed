import { Alert, Card, Col, Row, Skeleton, Typography } from 'antd';
import { LoginOutlined } from '@ant-design/icons';
import { ButtonLink } from '../../components/ButtonLink';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { api } from '../../lib/api-client';
import { useT, type MessageKey } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
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
  const home = useApiQuery((signal) => api.publicHome(signal), []);
  const countyName = home.data?.county.name ?? t('portal.countyFallback');

  return (
    <div className="portal" data-testid="portal-home">
      <header className="portal-bar">
        <div className="portal-bar-inner">
          <div className="portal-brand">
            {t('app.title')}
            {home.data ? <small>{home.data.county.name}</small> : null}
          </div>
          <LanguageSwitch className="on-dark" />
        </div>
      </header>

      <section className="portal-hero">
        <div className="portal-hero-inner">
          <h1>{t('portal.heroTitle')}</h1>
          <div className="county">{home.data ? home.data.county.name : <>&nbsp;</>}</div>
          <p>{t('portal.heroBody')}</p>
          <ButtonLink to="/login" data-testid="portal-staff-login" size="large" icon={<LoginOutlined />}>
            {t('portal.staffLogin')}
          </ButtonLink>
        </div>
      </section>

      <main className="portal-main">
        <div className="portal-section-title">{t('portal.unitsTitle')}</div>
        {home.error ? (
          <Alert type="warning" showIcon title={t('portal.unitsError')} description={home.error.message} />
        ) : home.data ? (
          <UnitCounts units={home.data.units} />
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
      </main>

      <footer className="portal-footer">
        <div className="portal-footer-inner">
          {countyName} · {t('app.title')}
        </div>
      </footer>
    </div>
  );
}
