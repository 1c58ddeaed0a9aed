import { Alert, Button } from 'antd';
import type { ApiError } from '../lib/api-client';
import { useT } from '../lib/i18n';

interface Props {
  error: ApiError;
  title?: string;
  onRetry?: () => void;
  testId?: string;
}

/** Shows the server's own (already localized) message; the code helps support staff find the cause. */
export function ErrorAlert({ error, title, onRetry, testId = 'page-error' }: Props) {
  const t = useT();
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      title={title ?? error.message}
      description={title ? error.message : <span className="muted">{t('common.errorCode', { code: error.code })}</span>}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
