import { Type } from 'typebox';
import { actorOf } from '../../http/auth.ts';
import type { Http } from '../../http/types.ts';
import { errorResponses, IdParams } from '../../shared/contract.ts';
import type { ReferenceService } from '../reference/reference.service.ts';
import { EndUnitBody, NewUnitBody, PublicHomeSchema, UnitSchema, unitDto } from './org.contract.ts';
import type { OrgService } from './org.service.ts';

const tags = ['org'];

export function orgRoutes(app: Http, deps: { org: OrgService; reference: ReferenceService; countyCode: string }) {
  const labels = () => deps.reference.getLabels();
  const one = { 200: UnitSchema, ...errorResponses(400, 401, 403, 404, 409) };

  app.get('/api/v1/units', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(UnitSchema) }), ...errorResponses(401) } } }, async (req) => {
    const l = await labels();
    return { items: (await deps.org.listUnits(actorOf(req))).map((u) => unitDto(u, l)) };
  });

  app.get('/api/v1/units/:id', { schema: { tags, params: IdParams, response: one } }, async (req) =>
    unitDto(await deps.org.getUnit(actorOf(req), req.params.id), await labels()),
  );

  app.post(
    '/api/v1/units',
    { schema: { tags, body: NewUnitBody, response: { 201: UnitSchema, ...one } }, config: { roles: ['sysadmin'] } },
    async (req, reply) => reply.status(201).send(unitDto(await deps.org.addUnit(actorOf(req), req.body), await labels())),
  );

  app.post('/api/v1/units/:id/end', { schema: { tags, params: IdParams, body: EndUnitBody, response: one }, config: { roles: ['sysadmin'] } }, async (req) =>
    unitDto(await deps.org.endUnit(actorOf(req), { unitId: req.params.id, ...req.body }), await labels()),
  );

  app.get('/api/v1/public/home', { schema: { tags: ['public'], response: { 200: PublicHomeSchema } }, config: { access: 'public' } }, async () =>
    deps.org.publicSummary(deps.countyCode),
  );
}
