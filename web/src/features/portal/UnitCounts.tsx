import { Card, Col, Row, Statistic } from 'antd';
import type { PublicHome } from '../../lib/api-types';
import { useT } from '../../lib/i18n';

/** The three unit counts of the county, side by side on desktop, stacked on a phone. */
export function UnitCounts({ units }: { units: PublicHome['units'] }) {
  const t = useT();
  const counts = [
    { key: 'departments', label: t('portal.departments'), value: units.departments },
    { key: 'townships', label: t('portal.townships'), value: units.townships },
    { key: 'villages', label: t('portal.villages'), value: units.villages },
  ];
  return (
    <Row gutter={[12, 12]}>
      {counts.map((c) => (
        // Three across even on a phone: the numbers are short and fit side by side.
        <Col key={c.key} span={8}>
          <Card size="small" style={{ height: '100%' }} data-testid={`portal-count-${c.key}`}>
            <Statistic title={c.label} value={c.value} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
