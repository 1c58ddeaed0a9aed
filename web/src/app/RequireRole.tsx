import type { ReactNode } from 'react';
import { Forbidden } from '../components/StatusPage';
import { useMe } from './auth-context';
import { canSee, navEntry, type NavKey } from './nav';

/** Hides a module from users whose grants lack its roles, matching what the menu shows. */
export function RequireRole({ module, children }: { module: NavKey; children: ReactNode }) {
  const me = useMe();
  return canSee(navEntry(module), me.grants) ? <>{children}</> : <Forbidden />;
}
