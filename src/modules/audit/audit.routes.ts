import { Type } from 'typebox';
import { actorOf } from '../../http/auth.ts';
import type { Http } from '../../http/types.ts';
import { errorResponses } from '../../shared/contract.ts';
import type { AuditLog } from './audit.service.ts';

const EventSchema = Type.Object({
  seq: Type.Integer(),
  time: Type.String(),
  actor: Type.String(),
  action: Type.String(),
  entity: Type.String(),
  payload: Type.Unknown(),
  alg: Type.String(),
  prevHash: Type.String(),
  hash: Type.String(),
});

const VerdictSchema = Type.Object({
  ok: Type.Boolean(),
  count: Type.Integer(),
  headSeq: Type.Optional(Type.Integer()),
  headHash: Type.Optional(Type.String()),
  firstBadSeq: Type.Optional(Type.Integer()),
  reason: Type.Optional(Type.String()),
});

const CheckpointSchema = Type.Object({ seq: Type.Integer(), hash: Type.String(), time: Type.String(), signature: Type.Union([Type.String(), Type.Null()]) });

const EventsQuery = Type.Object(
  { afterSeq: Type.Optional(Type.Integer({ minimum: 0 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
  { additionalProperties: false },
);

const tags = ['audit'];
/** The audit log is the auditor's alone (三员分立). */
const auditorOnly = { roles: ['auditor'] as const };

export function auditRoutes(app: Http, deps: { audit: AuditLog }) {
  app.get(
    '/api/v1/audit/events',
    {
      schema: {
        tags,
        querystring: EventsQuery,
        response: {
          200: Type.Object({ items: Type.Array(EventSchema), head: Type.Object({ seq: Type.Integer(), hash: Type.String() }) }),
          ...errorResponses(401, 403),
        },
      },
      config: auditorOnly,
    },
    async (req) => {
      const items = await deps.audit.listForAuditor(actorOf(req), req.query.afterSeq ?? 0, req.query.limit ?? 50);
      const head = await deps.audit.head();
      return { items: items.map((e) => ({ ...e, payload: JSON.parse(e.payload) as unknown })), head: { seq: head.seq, hash: head.hash } };
    },
  );

  app.get('/api/v1/audit/verify', { schema: { tags, response: { 200: VerdictSchema, ...errorResponses(401, 403) } }, config: auditorOnly }, async () =>
    deps.audit.verify(),
  );

  app.get(
    '/api/v1/audit/checkpoints',
    { schema: { tags, response: { 200: Type.Object({ items: Type.Array(CheckpointSchema) }), ...errorResponses(401, 403) } }, config: auditorOnly },
    async () => ({ items: await deps.audit.listCheckpoints() }),
  );

  app.post(
    '/api/v1/audit/checkpoints',
    { schema: { tags, response: { 201: CheckpointSchema, ...errorResponses(401, 403, 409) } }, config: auditorOnly },
    async (req, reply) => reply.status(201).send({ signature: null, ...(await deps.audit.checkpoint(actorOf(req))) }),
  );
}
