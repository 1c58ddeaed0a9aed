import type { ReactNode } from 'react';
import { Flex, Result, Skeleton, Spin } from 'antd';
import { ButtonLink } from '../../components/ButtonLink';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../lib/i18n';
import type { ApiQuery } from '../../lib/use-api-query';
import type { PublicPowerDetail } from './api';

/**
 * The states every page of one published item goes through: loading, not (or no longer) published, failed, shown.
 * `render` draws the item once it has arrived.
 */
export function PublishedPowerState(props: { power: ApiQuery<PublicPowerDetail>; render: (item: PublicPowerDetail) => ReactNode; skeletonRows?: number }) {
  const t = useT();
  const { power } = props;
  if (power.error?.status === 404) {
    return (
      <Result
        status="404"
        data-testid="public-power-not-found"
        title={t('public.powerNotFound')}
        subTitle={t('public.powerNotFoundHint')}
        extra={
          <Flex gap={8} wrap justify="center">
            <ButtonLink type="primary" to="/powers">
              {t('public.back')}
            </ButtonLink>
            <ButtonLink to="/">{t('public.backHome')}</ButtonLink>
          </Flex>
        }
      />
    );
  }
  if (power.error) return <ErrorAlert error={power.error} onRetry={power.reload} />;
  if (power.data === undefined) {
    return (
      <div data-testid="page-loading">
        <Skeleton active paragraph={{ rows: props.skeletonRows ?? 8 }} />
      </div>
    );
  }
  return <Spin spinning={power.loading}>{props.render(power.data)}</Spin>;
}
