import { Type } from 'typebox';
import { actorOf } from '../../http/auth.ts';
import type { Http } from '../../http/types.ts';
import { errorResponses, LabelSchema } from '../../shared/contract.ts';
import { DomainError } from '../../shared/errors.ts';
import {
  DiffQuery,
  DiffSchema,
  EndBody,
  ExportQuery,
  ImportQuery,
  ImportResultSchema,
  ItemParams,
  ItemSchema,
  itemDto,
  ListQuery,
  NewItemBody,
  ReviseBody,
  revisionDto,
  RevisionsSchema,
} from './catalogue.contract.ts';
import type { CatalogueService } from './catalogue.service.ts';

const tags = ['powers'];
/** Spreadsheets and JSON exports arrive as the raw request body. */
const FILE_TYPES = ['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export function catalogueRoutes(app: Http, deps: { catalogue: CatalogueService }) {
  const { catalogue } = deps;
  const one = { 200: ItemSchema, ...errorResponses(400, 401, 403, 404, 409) };

  app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body));

  app.get(
    '/api/v1/reference/power-categories',
    {
      schema: { tags, response: { 200: Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), label: LabelSchema })) }) } },
      config: { access: 'public' },
    },
    async () => ({ items: catalogue.categories.map((c) => ({ code: c.code, label: { zh: c.zh, en: c.en } })) }),
  );

  app.get(
    '/api/v1/powers',
    {
      schema: {
        tags,
        querystring: ListQuery,
        response: { 200: Type.Object({ items: Type.Array(ItemSchema), total: Type.Integer() }), ...errorResponses(401) },
      },
    },
    async (req) => {
      const pageSize = req.query.pageSize ?? 20;
      const page = req.query.page ?? 1;
      const { items, total } = await catalogue.listItems(
        actorOf(req),
        { unitCode: req.query.unit, category: req.query.category, status: req.query.status, q: req.query.q },
        { offset: (page - 1) * pageSize, limit: pageSize },
      );
      return { items: items.map(itemDto), total };
    },
  );

  app.post('/api/v1/powers', { schema: { tags, body: NewItemBody, response: { 201: ItemSchema, ...one } } }, async (req, reply) =>
    reply.status(201).send(itemDto(await catalogue.createItem(actorOf(req), req.body))),
  );

  app.get('/api/v1/powers/:id', { schema: { tags, params: ItemParams, response: one } }, async (req) =>
    itemDto(await catalogue.getItem(actorOf(req), req.params.id)),
  );

  app.put('/api/v1/powers/:id', { schema: { tags, params: ItemParams, body: ReviseBody, response: one } }, async (req) =>
    itemDto(await catalogue.reviseItem(actorOf(req), { itemId: req.params.id, ...req.body })),
  );

  app.post('/api/v1/powers/:id/end', { schema: { tags, params: ItemParams, body: EndBody, response: one } }, async (req) =>
    itemDto(await catalogue.endItem(actorOf(req), { itemId: req.params.id, ...req.body })),
  );

  app.get(
    '/api/v1/powers/:id/revisions',
    { schema: { tags, params: ItemParams, response: { 200: RevisionsSchema, ...errorResponses(401, 404) } } },
    async (req) => ({
      items: (await catalogue.listRevisions(actorOf(req), req.params.id)).map(revisionDto),
    }),
  );

  app.get(
    '/api/v1/powers/:id/diff',
    { schema: { tags, params: ItemParams, querystring: DiffQuery, response: { 200: DiffSchema, ...errorResponses(400, 401, 404) } } },
    async (req) => ({
      changes: await catalogue.diff(actorOf(req), req.params.id, req.query.from, req.query.to),
    }),
  );

  app.post(
    '/api/v1/powers/import',
    {
      schema: {
        tags,
        querystring: ImportQuery,
        description: 'The file is the raw request body (Content-Type application/octet-stream, text/csv or the xlsx type).',
        response: { 200: ImportResultSchema, ...errorResponses(400, 401, 403, 413, 422) },
      },
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
        throw new DomainError('validation', { zh: '请上传文件', en: 'Send the file as the request body' }, { fields: { body: 'required' } });
      }
      return catalogue.importFile(actorOf(req), req.query.unit, req.body, req.query.format);
    },
  );

  app.get(
    '/api/v1/powers/export',
    { schema: { tags, querystring: ExportQuery, description: 'The file itself (xlsx, csv or JSON), as an attachment.' } },
    async (req, reply) => {
      const file = await catalogue.exportFile(actorOf(req), { unitCode: req.query.unit, category: req.query.category }, req.query.format);
      const name = `power-list${req.query.unit ? `-${req.query.unit}` : ''}.${file.extension}`;
      return reply.type(file.contentType).header('content-disposition', `attachment; filename="${name}"`).send(file.body);
    },
  );
}
