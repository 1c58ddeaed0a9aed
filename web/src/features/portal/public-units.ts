import type { PublicUnitCount } from './api';

/**
 * How a unit reads on its own: sections and villages share names across the county (every department has its 行政审批股),
 * so they are named with the unit above them.
 */
export function unitFullNames(units: readonly PublicUnitCount[] | undefined): Map<string, string> {
  const byCode = new Map((units ?? []).map((u) => [u.code, u]));
  const names = new Map<string, string>();
  for (const u of units ?? []) {
    const parent = u.parentCode ? byCode.get(u.parentCode) : undefined;
    names.set(u.code, parent ? `${parent.name} · ${u.name}` : u.name);
  }
  return names;
}

/** The top units (departments, townships) with the units under them, in the server's tree order. */
export function unitGroups(units: readonly PublicUnitCount[]): { unit: PublicUnitCount; children: PublicUnitCount[] }[] {
  const codes = new Set(units.map((u) => u.code));
  const groups: { unit: PublicUnitCount; children: PublicUnitCount[] }[] = [];
  const byCode = new Map<string, { unit: PublicUnitCount; children: PublicUnitCount[] }>();
  for (const u of units) {
    const parent = u.parentCode && codes.has(u.parentCode) ? byCode.get(u.parentCode) : undefined;
    if (parent) {
      parent.children.push(u);
      byCode.set(u.code, parent);
    } else {
      const group = { unit: u, children: [] };
      groups.push(group);
      byCode.set(u.code, group);
    }
  }
  return groups;
}
