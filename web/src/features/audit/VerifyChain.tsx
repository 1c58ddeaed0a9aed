import { useState } from 'react';
import { Alert, Button } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api, ApiError } from '../../lib/api-client';
import type { AuditVerifyResult } from '../../lib/api-types';
import { useT } from '../../lib/i18n';

type VerifyState = { phase: 'idle' } | { phase: 'running' } | { phase: 'done'; result: AuditVerifyResult } | { phase: 'failed'; error: ApiError };

/** Runs the server's full hash-chain check on demand; it re-reads every event, so not on page load. */
export function useVerifyChain() {
  const [state, setState] = useState<VerifyState>({ phase: 'idle' });
  const run = () => {
    setState({ phase: 'running' });
    api.auditVerify().then(
      (result) => setState({ phase: 'done', result }),
      (cause: unknown) => setState({ phase: 'failed', error: cause instanceof ApiError ? cause : new ApiError(0, 'unknown', String(cause)) }),
    );
  };
  return { state, run };
}

export function VerifyButton({ running, onClick }: { running: boolean; onClick: () => void }) {
  const t = useT();
  return (
    <Button data-testid="audit-verify" icon={<SafetyCertificateOutlined />} loading={running} onClick={onClick}>
      {t('audit.verify')}
    </Button>
  );
}

export function VerifyResult({ state }: { state: VerifyState }) {
  const t = useT();
  if (state.phase === 'failed') return <ErrorAlert error={state.error} testId="audit-verify-result" />;
  if (state.phase !== 'done') return null;
  const { result } = state;
  return result.ok ? (
    <Alert
      data-testid="audit-verify-result"
      type="success"
      showIcon
      title={t('audit.verifyOkTitle')}
      description={<span className="hash">{t('audit.verifyOk', { count: result.count, seq: result.headSeq, hash: result.headHash })}</span>}
    />
  ) : (
    <Alert
      data-testid="audit-verify-result"
      type="error"
      showIcon
      title={t('audit.verifyBadTitle')}
      description={t('audit.verifyBad', { seq: result.firstBadSeq, count: result.count, reason: result.reason })}
    />
  );
}
