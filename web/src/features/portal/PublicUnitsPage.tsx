import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { QueryState } from '../../components/QueryState';
import { query } from '../../lib/api-client';
import { useT, type MessageKey } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { portalApi, type PublicUnitCount } from './api';
import { PortalLayout } from './PortalLayout';
import { unitGroups } from './public-units';

const SECTIONS: ReadonlyArray<{ title: MessageKey; types: readonly string[] | null }> = [
  { title: 'public.departments', types: ['department'] },
  { title: 'public.townships', types: ['township'] },
  { title: 'public.others', types: null },
];

/** The published items by unit (`/powers/units`): departments and townships, each with its sections or villages. */
export default function PublicUnitsPage() {
  const t = useT();
  const units = useApiQuery((signal) => portalApi.publicPowerUnits(signal), []);

  return (
    <PortalLayout testId="public-units-page">
      <h1 className="portal-page-title">{t('public.unitsTitle')}</h1>
      <Typography.Paragraph type="secondary">{t('public.unitsIntro')}</Typography.Paragraph>
      <QueryState query={units} isEmpty={(d) => d.items.length === 0} emptyText={t('public.unitsEmpty')}>
        {(data) => {
          const groups = unitGroups(data.items);
          const known = new Set(SECTIONS.flatMap((s) => s.types ?? []));
          return SECTIONS.map((section) => {
            const mine = groups.filter((g) => (section.types ? section.types.includes(g.unit.type) : !known.has(g.unit.type)));
            if (mine.length === 0) return null;
            return (
              <section key={section.title}>
                <div className="portal-section-title">{t(section.title)}</div>
                <Row gutter={[12, 12]}>
                  {mine.map(({ unit, children }) => (
                    <Col key={unit.code} xs={24} md={12} lg={8}>
                      <Card size="small" style={{ height: '100%' }} title={<UnitLink unit={unit} />}>
                        {children.length === 0 ? null : (
                          <ul className="public-unit-children">
                            {children.map((c) => (
                              <li key={c.code}>
                                <UnitLink unit={c} />
                              </li>
                            ))}
                          </ul>
                        )}
                      </Card>
                    </Col>
                  ))}
                </Row>
              </section>
            );
          });
        }}
      </QueryState>
    </PortalLayout>
  );
}

function UnitLink({ unit }: { unit: PublicUnitCount }) {
  const t = useT();
  return (
    <Link to={`/powers?${query({ unit: unit.code })}`} className="public-count-link" data-testid="public-unit-link" data-unit={unit.code}>
      <span className="public-count-name">{unit.name}</span>
      <span className="public-count">{t('public.itemsN', { n: unit.count })}</span>
    </Link>
  );
}
