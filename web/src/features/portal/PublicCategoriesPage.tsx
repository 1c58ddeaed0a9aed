import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { QueryState } from '../../components/QueryState';
import { query } from '../../lib/api-client';
import { pickLabel, useLang, useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { portalApi } from './api';
import { PortalLayout } from './PortalLayout';

/** The published items by category (`/powers/categories`); every category is listed, empty ones without a link. */
export default function PublicCategoriesPage() {
  const t = useT();
  const { lang } = useLang();
  const categories = useApiQuery((signal) => portalApi.publicPowerCategories(signal), []);

  return (
    <PortalLayout testId="public-categories-page">
      <h1 className="portal-page-title">{t('public.categoriesTitle')}</h1>
      <Typography.Paragraph type="secondary">{t('public.categoriesIntro')}</Typography.Paragraph>
      <QueryState query={categories} isEmpty={(d) => d.items.length === 0} emptyText={t('public.emptyAll')}>
        {(data) => (
          <Row gutter={[12, 12]}>
            {data.items.map((c) => {
              const inner = (
                <>
                  <span className="public-count-name">{pickLabel(c.label, lang)}</span>
                  <span className="public-count">{t('public.itemsN', { n: c.count })}</span>
                </>
              );
              return (
                <Col key={c.code} xs={24} sm={12} lg={8}>
                  <Card size="small" hoverable={c.count > 0} style={{ height: '100%' }}>
                    {c.count > 0 ? (
                      <Link
                        to={`/powers?${query({ category: c.code })}`}
                        className="public-count-link"
                        data-testid="public-category-link"
                        data-category={c.code}
                      >
                        {inner}
                      </Link>
                    ) : (
                      <span className="public-count-link muted">{inner}</span>
                    )}
                  </Card>
                </Col>
              );
            })}
          </Row>
        )}
      </QueryState>
    </PortalLayout>
  );
}
