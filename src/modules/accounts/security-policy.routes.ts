import { Type } from 'typebox';
import { actorOf } from '../../http/auth.ts';
import type { Http } from '../../http/types.ts';
import { errorResponses } from '../../shared/contract.ts';
import type { SecurityPolicyService } from './security-policy.service.ts';
import { POLICY_LIMITS } from './security-policy.rules.ts';

const setting = (key: keyof typeof POLICY_LIMITS) => Type.Integer({ minimum: POLICY_LIMITS[key][0], maximum: POLICY_LIMITS[key][1] });

const PolicyBody = Type.Object(
  {
    minPasswordLength: setting('minPasswordLength'),
    minPasswordClasses: setting('minPasswordClasses'),
    lockoutThreshold: setting('lockoutThreshold'),
    lockoutMinutes: setting('lockoutMinutes'),
    idleMinutes: setting('idleMinutes'),
  },
  { additionalProperties: false },
);

const PolicySchema = Type.Object({
  minPasswordLength: Type.Integer(),
  minPasswordClasses: Type.Integer(),
  lockoutThreshold: Type.Integer(),
  lockoutMinutes: Type.Integer(),
  idleMinutes: Type.Integer(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  /** Each setting's allowed [min, max]. */
  limits: Type.Record(Type.String(), Type.Array(Type.Integer())),
});

const tags = ['security'];
const limits = Object.fromEntries(Object.entries(POLICY_LIMITS).map(([key, [min, max]]) => [key, [min, max]]));

export function securityPolicyRoutes(app: Http, deps: { policies: SecurityPolicyService }) {
  // Everyone signed in may read it: the password form shows the rules a new password must meet.
  app.get('/api/v1/security/policy', { schema: { tags, response: { 200: PolicySchema, ...errorResponses(401) } } }, async (req) => ({
    ...(await deps.policies.view(actorOf(req).countyCode)),
    limits,
  }));

  app.put(
    '/api/v1/security/policy',
    { schema: { tags, body: PolicyBody, response: { 200: PolicySchema, ...errorResponses(400, 401, 403) } }, config: { roles: ['secadmin'] } },
    async (req) => ({ ...(await deps.policies.set(actorOf(req), req.body)), limits }),
  );
}
