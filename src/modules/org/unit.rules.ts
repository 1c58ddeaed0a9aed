import { DomainError } from '../../shared/errors.ts';

export const UNIT_TYPES = ['county', 'department', 'section', 'township', 'village'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
export type UnitStatus = 'active' | 'abolished' | 'merged';

export interface Unit {
  id: string;
  countyCode: string;
  code: string;
  name: string;
  type: UnitType;
  parentId: string | null;
  path: string;
  status: UnitStatus;
  effectiveFrom: string;
  effectiveTo: string | null;
  statusReason: string | null;
  mergedIntoId: string | null;
}

/** Which unit types may sit under which: the county holds departments and townships; sections sit in either. */
const ALLOWED_PARENTS: Record<UnitType, UnitType[]> = {
  county: [],
  department: ['county'],
  township: ['county'],
  section: ['department', 'township'],
  village: ['township'],
};

export const UNIT_CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$';

export function assertValidPlacement(type: UnitType, parent: Unit | null): void {
  if (type === 'county') {
    throw new DomainError('unit.invalid_parent', {
      zh: '县（区）本级单位由系统配置创建，不能手工添加',
      en: 'The county unit is created from configuration and cannot be added by hand',
    });
  }
  if (!parent || !ALLOWED_PARENTS[type].includes(parent.type)) {
    throw new DomainError(
      'unit.invalid_parent',
      {
        zh: `${type} 类单位只能挂在 ${ALLOWED_PARENTS[type].join('、')} 之下`,
        en: `A ${type} unit can only sit under ${ALLOWED_PARENTS[type].join(' or ')}`,
      },
      { type, parentType: parent?.type ?? null },
    );
  }
  if (parent.status !== 'active') {
    throw new DomainError('unit.invalid_parent', { zh: '上级单位已撤销或合并', en: 'The parent unit is no longer active' }, { parent: parent.code });
  }
}

/** A unit merges (合并) into another active unit of the same type: a section into a section, a village into a village. */
export function canMergeInto(unit: Unit, target: Unit): boolean {
  return target.id !== unit.id && target.status === 'active' && target.type === unit.type;
}

/** A child's materialised path: the parent's path plus its own id. */
export const childPath = (parent: Unit | null, id: string): string => `${parent ? parent.path : '/'}${id}/`;
