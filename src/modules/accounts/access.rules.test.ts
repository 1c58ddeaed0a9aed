import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROLES, type Actor, type Role } from '../../shared/actor.ts';
import { DomainError } from '../../shared/errors.ts';
import { assertGrantKeepsSeparation, canReadOrg, holdsRoleOn } from './access.rules.ts';

const ADMIN = new Set<Role>(['sysadmin', 'secadmin', 'auditor']);

test('三员分立: the full table of held role × new role', () => {
  for (const held of ROLES) {
    for (const role of ROLES) {
      const allowed = held === role || (!ADMIN.has(held) && !ADMIN.has(role));
      const run = () => assertGrantKeepsSeparation([held], role);
      if (allowed) assert.doesNotThrow(run, `${held} + ${role}`);
      else assert.throws(run, (e: unknown) => e instanceof DomainError && e.code === 'grant.separation_of_duties', `${held} + ${role}`);
    }
  }
  assert.doesNotThrow(() => assertGrantKeepsSeparation([], 'auditor'));
  assert.doesNotThrow(() => assertGrantKeepsSeparation(['clerk', 'section_chief'], 'leader'));
});

const user = (grants: [Role, string][]): Actor => ({
  kind: 'user',
  accountId: 'a',
  login: 'x',
  countyCode: '990101',
  grants: grants.map(([role, unitPath], i) => ({ id: String(i), role, unitId: unitPath, unitPath })),
});

test('a grant covers its unit and the subtree below, not siblings or parents', () => {
  const leader = user([['leader', '/c/hbj/']]);
  assert.equal(holdsRoleOn(leader, ['leader'], '/c/hbj/'), true);
  assert.equal(holdsRoleOn(leader, ['leader'], '/c/hbj/sp/'), true);
  assert.equal(holdsRoleOn(leader, ['leader'], '/c/slj/'), false);
  assert.equal(holdsRoleOn(leader, ['leader'], '/c/'), false);
  assert.equal(holdsRoleOn(leader, ['head'], '/c/hbj/'), false);
});

test('who reads the organisation: business roles in scope, inspector everywhere, the auditor nowhere', () => {
  assert.equal(canReadOrg(user([['clerk', '/c/hbj/sp/']]), '/c/hbj/'), false);
  assert.equal(canReadOrg(user([['clerk', '/c/hbj/sp/']]), '/c/hbj/sp/'), true);
  assert.equal(canReadOrg(user([['inspector', '/c/jw/']]), '/c/slj/'), true);
  assert.equal(canReadOrg(user([['sysadmin', '/c/']]), '/c/slj/'), true);
  assert.equal(canReadOrg(user([['auditor', '/c/']]), '/c/slj/'), false);
  assert.equal(canReadOrg({ kind: 'anonymous', ip: '1.2.3.4', countyCode: '990101' }, '/c/'), false);
});
