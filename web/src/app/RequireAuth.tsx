import { useEffect, type ReactNode } from 'react';
import { Flex } from 'antd';
import { Navigate, useLocation } from 'react-router-dom';
import { ErrorAlert } from '../components/ErrorAlert';
import { FullPageSpin } from '../components/FullPageSpin';
import { useT } from '../lib/i18n';
import { useAuth } from './auth-context';

/** Gate for the staff workbench: asks the server once, sends anonymous visitors to /login. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, check } = useAuth();
  const location = useLocation();
  const t = useT();

  useEffect(() => {
    if (state.status === 'unknown') check();
  }, [state.status, check]);

  switch (state.status) {
    case 'authenticated':
      return <>{children}</>;
    case 'anonymous':
      // Remember where the user was going so login can bring them back.
      return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
    case 'error':
      return (
        <Flex align="center" justify="center" style={{ minHeight: '100vh', padding: 16 }}>
          <ErrorAlert error={state.error} title={t('common.sessionError')} onRetry={check} />
        </Flex>
      );
    default:
      return <FullPageSpin />;
  }
}
