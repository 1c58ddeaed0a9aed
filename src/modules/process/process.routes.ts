import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth.ts';
import type { Http } from '../../http/types.ts';
import { errorResponses, IdParams } from '../../shared/contract.ts';
import { PublicCodeParams } from '../portal/public-list.contract.ts';
import { DomainError } from '../../shared/errors.ts';
import {
  BpmnExportQuery,
  BpmnImportQuery,
  BpmnImportResultSchema,
  CheckBody,
  CheckResultSchema,
  DrawingQuery,
  PortalSettingsBody,
  PortalSettingsSchema,
  ProcessVocabularySchema,
  PublicDrawingQuery,
  RiskRegisterQuery,
  RiskRegisterSchema,
} from './process.contract.ts';
import type { FileDownload, ProcessService } from './process.service.ts';

const tags = ['process'];
const BUSINESS = ['clerk', 'section_chief', 'leader', 'head', 'legal_reviewer', 'inspector', 'village_cadre'] as const;

/** BPMN files arrive as the raw request body (application/octet-stream is read by the catalogue's parser). */
const XML_TYPES = ['application/xml', 'text/xml', 'application/bpmn+xml'];
const MAX_BPMN_BYTES = 10 * 1024 * 1024;

const sendFile = (reply: FastifyReply, file: FileDownload, disposition: 'inline' | 'attachment') =>
  reply.type(file.contentType).header('content-disposition', `${disposition}; filename="${file.fileName}"`).send(file.body);

/** 两图: the editor's vocabulary and live check, drawings, the risk register and the portal's risk-map setting. */
export function processRoutes(app: Http, deps: { process: ProcessService; countyCode: string }) {
  const { process, countyCode } = deps;

  app.get('/api/v1/process/vocabulary', { schema: { tags, response: { 200: ProcessVocabularySchema, ...errorResponses(401) } } }, async () =>
    process.vocabulary(),
  );

  app.post(
    '/api/v1/process/check',
    {
      schema: { tags, body: CheckBody, response: { 200: CheckResultSchema, ...errorResponses(400, 401, 403, 429) } },
      // Layouts share one worker: a generous rate for an editor redrawing as one types, not for a flood.
      config: { roles: [...BUSINESS], rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (req) => process.check(actorOf(req), req.body),
  );

  app.get(
    '/api/v1/powers/:id/drawing',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: DrawingQuery,
        description:
          'The flowchart (权力运行流程图) or, with risk=true, the risk map (廉政风险防控图), as SVG or PNG; the latest revision unless `revision` names another.',
        response: errorResponses(400, 401, 404),
      },
    },
    async (req, reply) => {
      const file = await process.drawItem(actorOf(req), req.params.id, {
        revision: req.query.revision,
        risk: req.query.risk ?? false,
        format: req.query.format ?? 'svg',
      });
      return sendFile(reply, file, 'inline');
    },
  );

  app.get(
    '/api/v1/powers/:id/bpmn',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: BpmnExportQuery,
        description:
          "The item's process as BPMN 2.0 XML with diagram and Sunlit extensions; the latest revision (draft or not) unless `revision` names another.",
        response: errorResponses(400, 401, 404),
      },
    },
    async (req, reply) => sendFile(reply, await process.exportBpmn(actorOf(req), req.params.id, { revision: req.query.revision }), 'attachment'),
  );

  app.addContentTypeParser(XML_TYPES, { parseAs: 'buffer', bodyLimit: MAX_BPMN_BYTES }, (_req, body, done) => done(null, body));

  app.post(
    '/api/v1/powers/:id/bpmn',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: BpmnImportQuery,
        description:
          'Imports a BPMN 2.0 file (the raw body, Content-Type application/xml, text/xml or application/octet-stream) as a draft revision of the item’s process; `dryRun=true` only reports. A refused file answers 422 `bpmn.refused` with the report in `details.report`.',
        response: { 200: BpmnImportResultSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 422) },
      },
      config: { roles: [...BUSINESS] },
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
        throw new DomainError('validation', { zh: '请上传 BPMN 文件', en: 'Send the BPMN file as the request body' }, { fields: { body: 'required' } });
      }
      // The same limit whichever parser read the body (octet-stream is the catalogue's, with room for spreadsheets).
      if (req.body.length > MAX_BPMN_BYTES) {
        const mb = MAX_BPMN_BYTES / 1024 / 1024;
        throw new DomainError('validation', { zh: `BPMN 文件不能超过 ${mb} MB`, en: `A BPMN file may be at most ${mb} MB` }, { fields: { body: 'too_large' } });
      }
      const { process: processId, basedOn, dryRun } = req.query;
      return process.importBpmn(actorOf(req), req.params.id, req.body, { processId, basedOn, dryRun });
    },
  );

  app.get(
    '/api/v1/risks',
    {
      schema: {
        tags,
        querystring: RiskRegisterQuery,
        description: 'The risk register (廉政风险点台账) of the items the caller reads; format=xlsx|csv downloads it.',
        response: { 200: RiskRegisterSchema, ...errorResponses(400, 401, 403) },
      },
      config: { roles: [...BUSINESS] },
    },
    async (req, reply) => {
      const { unit, grade, category, q, format, page = 1, pageSize = 50 } = req.query;
      const filter = { unitCode: unit, grade, category, q };
      if (format === 'xlsx' || format === 'csv') return sendFile(reply, await process.exportRiskRegister(actorOf(req), filter, format), 'attachment');
      return process.riskRegister(actorOf(req), filter, { offset: (page - 1) * pageSize, limit: pageSize });
    },
  );

  app.get('/api/v1/portal/settings', { schema: { tags, response: { 200: PortalSettingsSchema, ...errorResponses(401) } } }, async (req) =>
    process.settings(actorOf(req).countyCode),
  );

  app.put(
    '/api/v1/portal/settings',
    { schema: { tags, body: PortalSettingsBody, response: { 200: PortalSettingsSchema, ...errorResponses(400, 401, 403) } } },
    async (req) => process.saveSettings(actorOf(req), req.body),
  );

  app.get(
    '/api/v1/public/powers/:code/drawing',
    {
      schema: {
        tags: ['public'],
        params: PublicCodeParams,
        querystring: PublicDrawingQuery,
        description: 'The published flowchart, or the risk map where the county publishes risk maps.',
        response: { 200: Type.Any(), 304: Type.Any(), ...errorResponses(400, 404, 429) },
      },
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const file = await process.drawPublished(countyCode, req.params.code, { risk: req.query.risk ?? false, format: req.query.format ?? 'svg' });
      // The address stays when the item is published again or the risk maps are withdrawn: caches must ask each time,
      // and the file name (code, revision, kind) is the validator.
      const etag = `"${file.fileName}"`;
      reply.header('cache-control', 'no-cache').header('etag', etag);
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      return sendFile(reply, file, 'inline');
    },
  );
}
