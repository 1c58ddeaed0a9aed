import { Type } from 'typebox';
import { LabelSchema } from '../../shared/contract.ts';
import { UUID_PATTERN } from '../../shared/ids.ts';
import type { Labels } from '../reference/reference.repository.ts';
import { UNIT_CODE_PATTERN, UNIT_TYPES, type Unit } from './unit.rules.ts';

export const UnitTypeSchema = Type.Union(UNIT_TYPES.map((t) => Type.Literal(t)));

export const UnitSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  type: Type.String(),
  typeLabel: LabelSchema,
  parentId: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  statusLabel: LabelSchema,
  effectiveFrom: Type.String(),
  effectiveTo: Type.Union([Type.String(), Type.Null()]),
  statusReason: Type.Union([Type.String(), Type.Null()]),
  mergedIntoId: Type.Union([Type.String(), Type.Null()]),
});

export const NewUnitBody = Type.Object(
  {
    code: Type.String({ pattern: UNIT_CODE_PATTERN }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    type: UnitTypeSchema,
    parentCode: Type.Optional(Type.String({ pattern: UNIT_CODE_PATTERN })),
  },
  { additionalProperties: false },
);

export const EndUnitBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }), mergeIntoId: Type.Optional(Type.String({ pattern: UUID_PATTERN })) },
  { additionalProperties: false },
);

export const PublicHomeSchema = Type.Object({
  county: Type.Object({ code: Type.String(), name: Type.String() }),
  units: Type.Object({ departments: Type.Integer(), townships: Type.Integer(), villages: Type.Integer() }),
});

export const unitDto = (u: Unit, labels: Labels) => ({
  id: u.id,
  code: u.code,
  name: u.name,
  type: u.type,
  typeLabel: labels.get('unit_type', u.type),
  parentId: u.parentId,
  status: u.status,
  statusLabel: labels.get('unit_status', u.status),
  effectiveFrom: u.effectiveFrom,
  effectiveTo: u.effectiveTo,
  statusReason: u.statusReason,
  mergedIntoId: u.mergedIntoId,
});
