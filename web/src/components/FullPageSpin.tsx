import { Flex, Spin } from 'antd';
import { useT } from '../lib/i18n';

/** Shown while the app finds out whether the visitor is logged in. */
export function FullPageSpin() {
  const t = useT();
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }} data-testid="page-loading">
      <Spin size="large" description={t('common.loading')} />
    </Flex>
  );
}
