import { createContext, useContext } from 'react';
import type { ApiError } from '../lib/api-client';
import type { Me } from '../lib/api-types';

/** Where we are in finding out who the visitor is. `unknown` means nobody has asked yet. */
export type AuthState =
  { status: 'unknown' } | { status: 'loading' } | { status: 'anonymous' } | { status: 'authenticated'; me: Me } | { status: 'error'; error: ApiError };

export interface AuthContextValue {
  state: AuthState;
  /** Ask the server who is logged in (GET /auth/me). */
  check: () => void;
  /** Throws ApiError with the server's localized message on failure. */
  login: (login: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  /** The server has already ended the session (e.g. after a password change): forget it here too. */
  sessionEnded: () => void;
}

/** Navigation state `notice` telling the login page the session ended because the password was changed. */
export const PASSWORD_CHANGED_NOTICE = 'passwordChanged';

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The logged-in user; only call below <RequireAuth>, which guarantees one. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('useMe called without a logged-in user');
  return state.me;
}
