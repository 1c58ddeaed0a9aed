import type { Actor, Role } from '../../shared/actor.ts';
import { grantCovers } from '../accounts/access.rules.ts';

/** Roles that compile a unit's power list. The legal reviewer reviews and the inspector watches: neither edits. */
const EDITORS: readonly Role[] = ['clerk', 'section_chief', 'head', 'leader', 'village_cadre'];
/** Roles that read a unit's list (besides the inspector and the legal reviewer, who read the whole county's). */
const READERS: readonly Role[] = [...EDITORS];

/** May the actor read the power items of the unit at `unitPath`? */
export function canReadPowers(actor: Actor, unitPath: string): boolean {
  if (actor.kind === 'cli') return true;
  if (actor.kind !== 'user') return false;
  return actor.grants.some((g) => g.role === 'inspector' || g.role === 'legal_reviewer' || (READERS.includes(g.role) && grantCovers(g, unitPath)));
}

/** May the actor add or change the power items of the unit at `unitPath`? */
export function canEditPowers(actor: Actor, unitPath: string): boolean {
  if (actor.kind === 'cli') return true;
  if (actor.kind !== 'user') return false;
  return actor.grants.some((g) => EDITORS.includes(g.role) && grantCovers(g, unitPath));
}

/** The unit paths whose items the actor may read, or undefined for the whole county. */
export function readablePaths(actor: Actor): string[] | undefined {
  if (actor.kind === 'cli') return undefined;
  if (actor.kind !== 'user') return [];
  if (actor.grants.some((g) => g.role === 'inspector' || g.role === 'legal_reviewer')) return undefined;
  return actor.grants.filter((g) => READERS.includes(g.role)).map((g) => g.unitPath);
}
