import { actorOf } from '../../http/auth.ts';
import type { Http } from '../../http/types.ts';
import { BUSINESS_ROLES } from '../../shared/actor.ts';
import { errorResponses } from '../../shared/contract.ts';
import {
  BaselineBody,
  BaselineParams,
  ExportQuery,
  LedgerItemSchema,
  LedgerQuery,
  LedgerSchema,
  ledgerDto,
  ledgerItemDto,
  StartBody,
  StartedSchema,
  startedDto,
} from './reform.contract.ts';
import type { ReformService } from './reform.service.ts';

const tags = ['reform'];
/** Who records a baseline by hand: the item's unit editors (checked per item by the service) and the legal reviewer. */
const BASELINE_ROLES = ['clerk', 'section_chief', 'head', 'leader', 'village_cadre', 'legal_reviewer'] as const;

export function reformRoutes(app: Http, deps: { reform: ReformService }) {
  const { reform } = deps;

  app.post(
    '/api/v1/reform/start',
    {
      schema: { tags, body: StartBody, response: { 201: StartedSchema, ...errorResponses(400, 401, 403, 409) } },
      config: { roles: ['legal_reviewer', 'leader'] },
      // Everything in the body is optional, so no body at all means `{}` (after the sign-in and role checks).
      preValidation: async (req) => {
        req.body ??= {};
      },
    },
    async (req, reply) => reply.status(201).send(startedDto(await reform.start(actorOf(req), req.body))),
  );

  app.put(
    '/api/v1/reform/baselines/:itemId',
    {
      schema: { tags, params: BaselineParams, body: BaselineBody, response: { 200: LedgerItemSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      config: { roles: BASELINE_ROLES },
    },
    async (req) => ledgerItemDto(await reform.recordBaseline(actorOf(req), req.params.itemId, req.body)),
  );

  app.get(
    '/api/v1/reform',
    { schema: { tags, querystring: LedgerQuery, response: { 200: LedgerSchema, ...errorResponses(400, 401, 403, 404) } }, config: { roles: BUSINESS_ROLES } },
    async (req) => ledgerDto(await reform.ledger(actorOf(req), { unitCode: req.query.unit })),
  );

  app.get(
    '/api/v1/reform/export',
    {
      schema: { tags, querystring: ExportQuery, description: 'The ledger table (xlsx or csv), as an attachment.' },
      config: { roles: BUSINESS_ROLES },
    },
    async (req, reply) => {
      const file = await reform.exportLedger(actorOf(req), { unitCode: req.query.unit }, req.query.format);
      const name = `reform-ledger${req.query.unit ? `-${req.query.unit}` : ''}.${file.extension}`;
      return reply.type(file.contentType).header('content-disposition', `attachment; filename="${name}"`).send(file.body);
    },
  );
}
