// What the power-list pages share: category names, the status tag, and who may edit which unit's items.
import { Tag } from 'antd';
import type { Grant, Label, PowerCategory, PowerStatus, RoleCode, Unit } from '../../lib/api-types';
import { pickLabel, useT, type Lang } from '../../lib/i18n';

/** Roles that compile a unit's list (the server's catalogue-access rules); the others only read. */
export const POWER_EDITOR_ROLES: readonly RoleCode[] = ['clerk', 'section_chief', 'head', 'leader', 'village_cadre'];

export const POWER_STATUSES: readonly PowerStatus[] = ['active', 'abolished', 'devolved', 'transferred'];

/** Stages offered for 责任事项: licensing-type items, then penalty-type items; anything else may be typed. */
export const RESPONSIBILITY_STAGES: readonly string[] = ['受理', '审查', '决定', '送达', '事后监管', '其他', '立案', '调查', '审理', '告知', '执行'];

/** The category's name in the UI language; an unknown code shows as itself. */
export function categoryName(code: string, categories: readonly PowerCategory[] | undefined, lang: Lang): string {
  const found = categories?.find((c) => c.code === code);
  return found ? pickLabel(found.label, lang) : code;
}

export function categoryLabels(categories: readonly PowerCategory[] | undefined): Map<string, Label> {
  return new Map((categories ?? []).map((c) => [c.code, c.label]));
}

const STATUS_COLOR: Record<PowerStatus, string> = { active: 'green', abolished: 'default', devolved: 'blue', transferred: 'purple' };

export function PowerStatusTag({ status }: { status: string }) {
  const t = useT();
  const known = (POWER_STATUSES as readonly string[]).includes(status) ? (status as PowerStatus) : undefined;
  return <Tag color={known ? STATUS_COLOR[known] : 'default'}>{known ? t(`powerStatus.${known}`) : status}</Tag>;
}

/** A revision's review states: drafted, under review, returned for fixes, published, replaced by a later publication. */
export const REVISION_STATES = ['draft', 'in_review', 'returned', 'published', 'superseded'] as const;
export type RevisionState = (typeof REVISION_STATES)[number];

const REVISION_STATE_COLOR: Record<RevisionState, string> = {
  draft: 'default',
  in_review: 'processing',
  returned: 'orange',
  published: 'green',
  superseded: 'default',
};

const knownRevisionState = (state: string): RevisionState | undefined =>
  (REVISION_STATES as readonly string[]).includes(state) ? (state as RevisionState) : undefined;

/** A revision's state (draft, …) in words; a state this app does not know yet shows as its code. */
export function useRevisionState(): (state: string) => string {
  const t = useT();
  return (state) => {
    const known = knownRevisionState(state);
    return known ? t(`revisionState.${known}`) : state;
  };
}

/** A revision's state as a coloured tag. */
export function RevisionStateTag({ state, testId }: { state: string; testId?: string }) {
  const stateName = useRevisionState();
  const known = knownRevisionState(state);
  return (
    <Tag color={known ? REVISION_STATE_COLOR[known] : 'default'} data-testid={testId} data-state={state}>
      {stateName(state)}
    </Tag>
  );
}

/** Is `unitId` the unit `ancestorId` or below it? Walks up through parentId within the units this user can see. */
function within(units: ReadonlyMap<string, Unit>, unitId: string, ancestorId: string): boolean {
  const seen = new Set<string>();
  let current: Unit | undefined = units.get(unitId);
  while (current && !seen.has(current.id)) {
    if (current.id === ancestorId) return true;
    seen.add(current.id);
    current = current.parentId ? units.get(current.parentId) : undefined;
  }
  return false;
}

/**
 * The units whose items the user may add and change: those under a grant of an editing role. A convenience for
 * showing the right buttons; the server checks every write itself.
 */
export function editableUnits(grants: readonly Grant[], units: readonly Unit[] | undefined): Unit[] {
  if (!units) return [];
  const byId = new Map(units.map((u) => [u.id, u]));
  const roots = grants.filter((g) => (POWER_EDITOR_ROLES as readonly string[]).includes(g.role)).map((g) => g.unit.id);
  return units.filter((u) => u.status === 'active' && roots.some((root) => within(byId, u.id, root)));
}

export function mayEditPowers(grants: readonly Grant[]): boolean {
  return grants.some((g) => (POWER_EDITOR_ROLES as readonly string[]).includes(g.role));
}
