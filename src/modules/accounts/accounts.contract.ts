import { Type } from 'typebox';
import { ROLES } from '../../shared/actor.ts';
import { LabelSchema, UnitRefSchema } from '../../shared/contract.ts';
import { UNIT_CODE_PATTERN } from '../org/unit.rules.ts';
import type { Labels } from '../reference/reference.repository.ts';
import type { Grant } from './account.repository.ts';
import type { AccountWithGrants } from './accounts.service.ts';
import type { Me } from './auth.service.ts';

export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));
export const LOGIN_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$';

export const LoginBody = Type.Object(
  { login: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);

export const GrantSchema = Type.Object({ id: Type.String(), role: Type.String(), roleLabel: LabelSchema, unit: UnitRefSchema });

export const MeSchema = Type.Object({
  account: Type.Object({
    id: Type.String(),
    login: Type.String(),
    name: Type.String(),
    county: Type.Object({ code: Type.String(), name: Type.String() }),
  }),
  grants: Type.Array(GrantSchema),
  csrfToken: Type.String(),
});

export const AccountSchema = Type.Object({
  id: Type.String(),
  login: Type.String(),
  name: Type.String(),
  status: Type.String(),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  unit: Type.Union([UnitRefSchema, Type.Null()]),
  grants: Type.Array(GrantSchema),
});

export const NewAccountBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50 }),
    login: Type.String({ pattern: LOGIN_PATTERN }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    unitCode: Type.String({ pattern: UNIT_CODE_PATTERN }),
    phone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' })),
    idNumber: Type.Optional(Type.String({ pattern: '^[0-9]{17}[0-9Xx]$' })),
  },
  { additionalProperties: false },
);

export const GrantBody = Type.Object(
  { login: Type.String({ pattern: LOGIN_PATTERN }), role: RoleSchema, unitCode: Type.String({ pattern: UNIT_CODE_PATTERN }) },
  { additionalProperties: false },
);

export const PasswordResetBody = Type.Object({ password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false });

export const grantDto = (g: Grant, labels: Labels) => ({
  id: g.id,
  role: g.role,
  roleLabel: labels.get('role', g.role),
  unit: { id: g.unitId, code: g.unitCode, name: g.unitName },
});

export const meDto = (me: Me, labels: Labels) => ({ ...me, grants: me.grants.map((g) => grantDto(g, labels)) });

export const accountDto = (a: AccountWithGrants, labels: Labels) => ({
  id: a.id,
  login: a.login,
  name: a.name,
  status: a.status,
  lockedUntil: a.lockedUntil,
  unit: a.unit && { id: a.unit.id, code: a.unit.code, name: a.unit.name },
  grants: a.grants.map((g) => grantDto(g, labels)),
});
