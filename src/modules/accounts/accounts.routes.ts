import type { Http } from '../../http/types.ts';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth.ts';
import { errorResponses, IdParams, ReasonBody } from '../../shared/contract.ts';
import type { ReferenceService } from '../reference/reference.service.ts';
import { AccountSchema, accountDto, GrantBody, NewAccountBody, PasswordResetBody } from './accounts.contract.ts';
import type { AccountsService } from './accounts.service.ts';

const tags = ['accounts'];
const admins = ['sysadmin', 'secadmin'] as const;

export function accountsRoutes(app: Http, deps: { accounts: AccountsService; reference: ReferenceService }) {
  const labels = () => deps.reference.getLabels();
  const one = { 200: AccountSchema, ...errorResponses(400, 401, 403, 404, 409) };

  app.get(
    '/api/v1/accounts',
    { schema: { tags, response: { 200: Type.Object({ items: Type.Array(AccountSchema) }), ...errorResponses(401, 403) } }, config: { roles: admins } },
    async (req) => {
      const l = await labels();
      return { items: (await deps.accounts.listAccounts(actorOf(req))).map((a) => accountDto(a, l)) };
    },
  );

  app.get('/api/v1/accounts/:id', { schema: { tags, params: IdParams, response: one }, config: { roles: admins } }, async (req) => {
    return accountDto(await deps.accounts.getAccount(actorOf(req), req.params.id), await labels());
  });

  app.post(
    '/api/v1/accounts',
    { schema: { tags, body: NewAccountBody, response: { 201: AccountSchema, ...one } }, config: { roles: ['sysadmin'] } },
    async (req, reply) => {
      const created = await deps.accounts.createAccount(actorOf(req), req.body);
      return reply.status(201).send(accountDto(created, await labels()));
    },
  );

  const byId = (params: { id: string }) => params.id;
  const sysadmin = { roles: ['sysadmin'] as const };

  app.post('/api/v1/accounts/:id/disable', { schema: { tags, params: IdParams, body: ReasonBody, response: one }, config: sysadmin }, async (req) =>
    accountDto(await deps.accounts.disableAccount(actorOf(req), byId(req.params), req.body.reason), await labels()),
  );
  app.post('/api/v1/accounts/:id/enable', { schema: { tags, params: IdParams, body: ReasonBody, response: one }, config: sysadmin }, async (req) =>
    accountDto(await deps.accounts.enableAccount(actorOf(req), byId(req.params), req.body.reason), await labels()),
  );
  app.post('/api/v1/accounts/:id/unlock', { schema: { tags, params: IdParams, response: one }, config: sysadmin }, async (req) =>
    accountDto(await deps.accounts.unlockAccount(actorOf(req), byId(req.params)), await labels()),
  );
  app.post(
    '/api/v1/accounts/:id/password-reset',
    { schema: { tags, params: IdParams, body: PasswordResetBody, response: one }, config: sysadmin },
    async (req) => accountDto(await deps.accounts.resetPassword(actorOf(req), byId(req.params), req.body.password), await labels()),
  );

  app.post(
    '/api/v1/grants',
    { schema: { tags, body: GrantBody, response: { 201: AccountSchema, ...one } }, config: { roles: ['secadmin'] } },
    async (req, reply) => {
      return reply.status(201).send(accountDto(await deps.accounts.grantRole(actorOf(req), req.body), await labels()));
    },
  );

  app.post(
    '/api/v1/grants/:id/revoke',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses(401, 403, 404) } }, config: { roles: ['secadmin'] } },
    async (req, reply) => {
      await deps.accounts.revokeGrant(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
