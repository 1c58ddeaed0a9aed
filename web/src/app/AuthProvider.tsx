import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, setSessionLostHandler } from '../lib/api-client';
import { AuthContext, type AuthState } from './auth-context';

/**
 * Knows who is logged in. The session itself is an HttpOnly cookie we cannot read, so the
 * answer always comes from the server; the public portal never asks, to stay account-free.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'unknown' });
  // React StrictMode runs effects twice in development; one /auth/me request is enough.
  const checking = useRef(false);
  // Bumped by login/logout so a slower /auth/me answer cannot overwrite their newer result.
  const epoch = useRef(0);

  useEffect(() => {
    setSessionLostHandler(() => setState({ status: 'anonymous' }));
    return () => setSessionLostHandler(null);
  }, []);

  const check = useCallback(() => {
    if (checking.current) return;
    checking.current = true;
    const started = epoch.current;
    setState({ status: 'loading' });
    api
      .me()
      .then(
        (me) => {
          if (epoch.current === started) setState({ status: 'authenticated', me });
        },
        (cause: unknown) => {
          if (epoch.current !== started) return;
          if (cause instanceof ApiError && cause.status === 401) setState({ status: 'anonymous' });
          else setState({ status: 'error', error: asApiError(cause) });
        },
      )
      .finally(() => {
        checking.current = false;
      });
  }, []);

  const login = useCallback(async (loginName: string, password: string) => {
    const me = await api.login(loginName, password);
    epoch.current += 1;
    setState({ status: 'authenticated', me });
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // Even if the server call fails (e.g. session already expired), leave the workbench.
    }
    epoch.current += 1;
    setState({ status: 'anonymous' });
  }, []);

  const sessionEnded = useCallback(() => {
    epoch.current += 1;
    setState({ status: 'anonymous' });
  }, []);

  const value = useMemo(() => ({ state, check, login, logout, sessionEnded }), [state, check, login, logout, sessionEnded]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

function asApiError(cause: unknown): ApiError {
  return cause instanceof ApiError ? cause : new ApiError(0, 'unknown', String(cause));
}
