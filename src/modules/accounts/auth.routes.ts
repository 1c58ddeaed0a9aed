import type { Http } from '../../http/types.ts';
import { Type } from 'typebox';
import { errorResponses } from '../../shared/contract.ts';
import { setSessionCookie, userOf } from '../../http/auth.ts';
import type { ReferenceService } from '../reference/reference.service.ts';
import { ChangePasswordBody, LoginBody, MeSchema, meDto } from './accounts.contract.ts';
import type { AuthService } from './auth.service.ts';

export function authRoutes(app: Http, deps: { auth: AuthService; reference: ReferenceService; loginRateLimitPerMinute: number }) {
  app.post(
    '/api/v1/auth/login',
    {
      schema: { tags: ['auth'], body: LoginBody, response: { 200: MeSchema, ...errorResponses(400, 401, 403, 423, 429) } },
      config: { access: 'login', rateLimit: { max: deps.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { token, me } = await deps.auth.login({ login: req.body.login, password: req.body.password, ip: req.ip });
      setSessionCookie(req, reply, token);
      return meDto(me, await deps.reference.getLabels());
    },
  );

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], response: { 204: Type.Null(), ...errorResponses(401, 403) } } }, async (req, reply) => {
    await deps.auth.logout(userOf(req));
    setSessionCookie(req, reply, null);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/auth/me', { schema: { tags: ['auth'], response: { 200: MeSchema, ...errorResponses(401) } } }, async (req) => {
    const signedIn = userOf(req);
    return meDto(await deps.auth.me(signedIn.actor.accountId, signedIn.csrfToken), await deps.reference.getLabels());
  });

  app.post(
    '/api/v1/auth/password',
    { schema: { tags: ['auth'], body: ChangePasswordBody, response: { 204: Type.Null(), ...errorResponses(400, 401, 403) } } },
    async (req, reply) => {
      await deps.auth.changePassword(userOf(req), req.body, req.ip);
      setSessionCookie(req, reply, null);
      return reply.status(204).send(null);
    },
  );
}
