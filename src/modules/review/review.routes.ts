import { Type } from 'typebox';
import { actorOf } from '../../http/auth.ts';
import type { Http } from '../../http/types.ts';
import { errorResponses, IdParams } from '../../shared/contract.ts';
import {
  AddItemsBody,
  BatchItemParams,
  BatchListQuery,
  BatchParams,
  BatchSchema,
  batchDto,
  BatchViewSchema,
  batchViewDto,
  FindingBody,
  FindingSchema,
  FindingParams,
  LedgerQuery,
  LedgerSchema,
  ledgerEntryDto,
  NewBatchBody,
  OmissionBody,
  PassItemsBody,
  RectificationSchema,
  rectificationDto,
  RespondBody,
  ReviewVocabularySchema,
  reviewVocabulary,
  TransitionBody,
} from './review.contract.ts';
import type { ReviewService } from './review.service.ts';

const tags = ['review'];

export function reviewRoutes(app: Http, deps: { review: ReviewService }) {
  const { review } = deps;
  const view = { 200: BatchViewSchema, ...errorResponses(400, 401, 403, 404, 409) };
  const entry = { 200: RectificationSchema, ...errorResponses(400, 401, 403, 404, 409) };

  app.get('/api/v1/review/vocabulary', { schema: { tags, response: { 200: ReviewVocabularySchema } } }, async () => reviewVocabulary());

  app.get(
    '/api/v1/review/batches',
    { schema: { tags, querystring: BatchListQuery, response: { 200: Type.Object({ items: Type.Array(BatchSchema) }), ...errorResponses(401) } } },
    async (req) => ({ items: (await review.listBatches(actorOf(req), { unitCode: req.query.unit, state: req.query.state })).map(batchDto) }),
  );

  app.post('/api/v1/review/batches', { schema: { tags, body: NewBatchBody, response: { 201: BatchViewSchema, ...view } } }, async (req, reply) =>
    reply.status(201).send(batchViewDto(await review.createBatch(actorOf(req), req.body))),
  );

  app.get('/api/v1/review/batches/:id', { schema: { tags, params: BatchParams, response: view } }, async (req) =>
    batchViewDto(await review.getBatch(actorOf(req), req.params.id)),
  );

  app.post('/api/v1/review/batches/:id/items', { schema: { tags, params: BatchParams, body: AddItemsBody, response: view } }, async (req) =>
    batchViewDto(await review.addItems(actorOf(req), req.params.id, req.body.itemCodes)),
  );

  app.delete('/api/v1/review/batches/:id/items/:itemId', { schema: { tags, params: BatchItemParams, response: view } }, async (req) =>
    batchViewDto(await review.removeItem(actorOf(req), req.params.id, req.params.itemId)),
  );

  app.post('/api/v1/review/batches/:id/transitions', { schema: { tags, params: BatchParams, body: TransitionBody, response: view } }, async (req) =>
    batchViewDto(await review.transition(actorOf(req), req.params.id, req.body.action, req.body.comment)),
  );

  app.put(
    '/api/v1/review/batches/:id/items/:itemId/findings/:aspect',
    { schema: { tags, params: FindingParams, body: FindingBody, response: { 200: FindingSchema, ...errorResponses(400, 401, 403, 404, 409) } } },
    async (req) => review.recordFinding(actorOf(req), req.params.id, req.params.itemId, req.params.aspect, req.body),
  );

  app.post('/api/v1/review/batches/:id/passes', { schema: { tags, params: BatchParams, body: PassItemsBody, response: view } }, async (req) =>
    batchViewDto(await review.passItems(actorOf(req), req.params.id, req.body.itemIds)),
  );

  app.post(
    '/api/v1/review/batches/:id/omissions',
    { schema: { tags, params: BatchParams, body: OmissionBody, response: { 201: RectificationSchema, ...entry } } },
    async (req, reply) => reply.status(201).send(rectificationDto(await review.raiseOmission(actorOf(req), req.params.id, req.body))),
  );

  app.post('/api/v1/review/rectifications/:id/response', { schema: { tags, params: IdParams, body: RespondBody, response: entry } }, async (req) =>
    rectificationDto(await review.respond(actorOf(req), req.params.id, req.body)),
  );

  app.post('/api/v1/review/rectifications/:id/accept', { schema: { tags, params: IdParams, response: entry } }, async (req) =>
    rectificationDto(await review.accept(actorOf(req), req.params.id)),
  );

  app.get(
    '/api/v1/review/rectifications',
    { schema: { tags, querystring: LedgerQuery, response: { 200: LedgerSchema, ...errorResponses(401) } } },
    async (req) => {
      const pageSize = req.query.pageSize ?? 50;
      const { items, total } = await review.ledger(
        actorOf(req),
        { unitCode: req.query.unit, state: req.query.state },
        { offset: ((req.query.page ?? 1) - 1) * pageSize, limit: pageSize },
      );
      return { items: items.map(ledgerEntryDto), total };
    },
  );
}
