import type { Unit } from '../../lib/api-types';

export interface UnitNode extends Unit {
  // Absent (not empty) on leaves, so antd's tree table shows no expand icon for them.
  children?: UnitNode[];
}

/**
 * Turn the flat unit list into a tree via parentId. A unit whose parent is not in the list
 * (outside what this user may see) becomes a root. Siblings are ordered by code. Defensive
 * against bad data: each unit appears once, and units caught in a parent cycle still show up.
 */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const ids = new Set(units.map((u) => u.id));
  const byParent = new Map<string, Unit[]>();
  for (const unit of units) {
    if (unit.parentId === null || !ids.has(unit.parentId)) continue;
    const siblings = byParent.get(unit.parentId) ?? [];
    siblings.push(unit);
    byParent.set(unit.parentId, siblings);
  }
  const byCode = (a: Unit, b: Unit) => a.code.localeCompare(b.code);
  const placed = new Set<string>();

  const build = (unit: Unit): UnitNode => {
    placed.add(unit.id);
    const children: UnitNode[] = [];
    for (const child of [...(byParent.get(unit.id) ?? [])].sort(byCode)) {
      if (!placed.has(child.id)) children.push(build(child));
    }
    return children.length > 0 ? { ...unit, children } : { ...unit };
  };

  const roots = units
    .filter((u) => u.parentId === null || !ids.has(u.parentId))
    .sort(byCode)
    .map(build);
  // Whatever is left sits in a parent cycle; show it at the top rather than lose it.
  for (const unit of [...units].sort(byCode)) {
    if (!placed.has(unit.id)) roots.push(build(unit));
  }
  return roots;
}

/** The units in tree order (each parent followed by its children), for pickers that list them flat. */
export function unitsInTreeOrder(units: readonly Unit[]): Unit[] {
  const out: Unit[] = [];
  const walk = (nodes: readonly UnitNode[]) => {
    for (const node of nodes) {
      const { children, ...unit } = node;
      out.push(unit);
      if (children) walk(children);
    }
  };
  walk(buildUnitTree(units));
  return out;
}
