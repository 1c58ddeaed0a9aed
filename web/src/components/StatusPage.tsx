import { Result } from 'antd';
import { ButtonLink } from './ButtonLink';
import { useT } from '../lib/i18n';

/** 404 for unknown addresses; inside the workbench it leads back to the overview. */
export function NotFound({ inWorkbench = false }: { inWorkbench?: boolean }) {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('common.notFound')}
      subTitle={t('common.notFoundHint')}
      extra={
        <ButtonLink type="primary" to={inWorkbench ? '/workbench' : '/'}>
          {inWorkbench ? t('common.backWorkbench') : t('common.backHome')}
        </ButtonLink>
      }
    />
  );
}

/** Shown when a user opens a module none of their roles may use (e.g. by typing the address). */
export function Forbidden() {
  const t = useT();
  return (
    <Result
      status="403"
      title={t('common.forbidden')}
      subTitle={t('common.forbiddenHint')}
      extra={
        <ButtonLink type="primary" to="/workbench">
          {t('common.backWorkbench')}
        </ButtonLink>
      }
    />
  );
}
