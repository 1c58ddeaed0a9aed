import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth.ts';
import type { Http } from '../../http/types.ts';
import type { Actor } from '../../shared/actor.ts';
import { errorResponses } from '../../shared/contract.ts';
import { DomainError } from '../../shared/errors.ts';
import { PublicCodeParams } from '../portal/public-list.contract.ts';
import {
  ApplicationBody,
  ApplicationFormSchema,
  CaseListQuery,
  CaseListSchema,
  CaseParams,
  CaseViewSchema,
  ClaimBody,
  CompleteBody,
  EfficiencyQuery,
  EfficiencySchema,
  ExtendBody,
  PublicCaseSchema,
  ReceiptParams,
  ReceiptSchema,
  TaskListQuery,
  TaskParams,
  TaskSchema,
  UploadSchema,
} from './case.contract.ts';
import type { CaseService } from './case.service.ts';
import { UPLOAD_LIMITS } from './upload.rules.ts';

const tags = ['cases'];
const BUSINESS = ['clerk', 'section_chief', 'leader', 'head', 'legal_reviewer', 'inspector', 'village_cadre'] as const;
const UploadQuery = Type.Object({ name: Type.String({ minLength: 1, maxLength: 400 }) }, { additionalProperties: false });

/** The raw body of an upload (application/octet-stream is read by the catalogue's parser), within the file limit. */
function uploaded(req: FastifyRequest) {
  const body = req.body;
  const { name } = req.query as { name: string };
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new DomainError('validation', { zh: '请选择要上传的文件', en: 'Send the file as the request body' }, { fields: { body: 'required' } });
  return { name, bytes: body };
}

const FileParams = Type.Object({ caseId: CaseParams.properties.caseId, fileId: CaseParams.properties.caseId }, { additionalProperties: false });

const anonymous = (req: FastifyRequest, countyCode: string): Actor => ({ kind: 'anonymous', ip: req.ip, countyCode });

/** 权力运行: applications, tasks, cases on the legal clock, and the applicant's own view by receipt code. */
export function caseRoutes(app: Http, deps: { cases: CaseService; countyCode: string }) {
  const { cases, countyCode } = deps;

  app.post(
    '/api/v1/cases',
    {
      schema: {
        tags,
        body: ApplicationBody,
        description: 'Registers an application at the counter (窗口受理登记) for a published item; the case starts at its acceptance step.',
        response: { 200: CaseViewSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      config: { roles: [...BUSINESS] },
    },
    async (req) => cases.register(actorOf(req), req.body),
  );

  app.post(
    '/api/v1/cases/uploads',
    {
      schema: {
        tags,
        querystring: UploadQuery,
        description: `A material or attachment as the raw body (application/octet-stream), at most ${UPLOAD_LIMITS.maxFileBytes / 1024 / 1024} MB, PDF, JPEG, PNG, DOCX or XLSX by content.`,
        response: { 200: UploadSchema, ...errorResponses(400, 401, 403, 413, 422) },
      },
      config: { roles: [...BUSINESS] },
    },
    async (req) => cases.upload(actorOf(req), uploaded(req)),
  );

  app.get(
    '/api/v1/cases',
    {
      schema: {
        tags,
        querystring: CaseListQuery,
        description:
          'Cases of the caller’s units (the whole county for an inspector), newest first; `warning` filters open cases by the stored yellow/red instants.',
        response: { 200: CaseListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => cases.listCases(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/cases/efficiency',
    {
      schema: {
        tags,
        querystring: EfficiencyQuery,
        description: 'Median working days from acceptance to completion per item and unit, before and after the reform date.',
        response: { 200: EfficiencySchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => cases.efficiency(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/cases/by-receipt/:receipt',
    { schema: { tags, params: ReceiptParams, response: { 200: CaseViewSchema, ...errorResponses(400, 401, 404) } } },
    async (req) => cases.getByReceipt(actorOf(req), req.params.receipt),
  );

  app.get('/api/v1/cases/:caseId', { schema: { tags, params: CaseParams, response: { 200: CaseViewSchema, ...errorResponses(400, 401, 404) } } }, async (req) =>
    cases.getCase(actorOf(req), req.params.caseId),
  );

  app.get(
    '/api/v1/cases/:caseId/files/:fileId',
    {
      schema: {
        tags,
        params: FileParams,
        description: 'A material or attachment of the case, for staff who may see the case (downloaded, never shown inline).',
        response: { 200: Type.Any(), ...errorResponses(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const file = await cases.file(actorOf(req), req.params.caseId, req.params.fileId);
      return reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.bytes);
    },
  );

  app.post(
    '/api/v1/cases/:caseId/extend',
    {
      schema: {
        tags,
        params: CaseParams,
        body: ExtendBody,
        description: '行政许可法第四十二条: the unit head extends a licensing case once by ten working days; the reason is told to the applicant.',
        response: { 200: CaseViewSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => cases.extend(actorOf(req), req.params.caseId, req.body),
  );

  app.get(
    '/api/v1/tasks',
    {
      schema: {
        tags,
        querystring: TaskListQuery,
        description: 'mine: steps I have claimed; claimable: open steps for my roles in my units.',
        response: { 200: Type.Array(TaskSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => cases.listTasks(actorOf(req), req.query.scope ?? 'mine'),
  );

  app.post(
    '/api/v1/tasks/:taskId/claim',
    {
      schema: {
        tags,
        params: TaskParams,
        body: ClaimBody,
        description:
          'Claims an open step. A step that stops the clock (第四十五条) records the written notice to the applicant. 409 sod.violation when duties would be combined.',
        response: { 200: TaskSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await cases.claim(actor, req.params.taskId, req.body ?? {});
      return cases.getTask(actor, req.params.taskId);
    },
  );

  app.post(
    '/api/v1/tasks/:taskId/release',
    {
      schema: {
        tags,
        params: TaskParams,
        description: 'Puts a claimed step back among the open ones: by its claimer, or by a section chief or head of the step’s unit.',
        response: { 200: TaskSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await cases.release(actor, req.params.taskId);
      return cases.getTask(actor, req.params.taskId);
    },
  );

  app.post(
    '/api/v1/tasks/:taskId/complete',
    {
      schema: {
        tags,
        params: TaskParams,
        body: CompleteBody,
        description:
          'Completes a claimed step with its outcome (which picks the branch), comment and attachments. 409 sod.violation names the rule and the earlier step.',
        response: { 200: CaseViewSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const done = await cases.complete(actor, req.params.taskId, req.body);
      return cases.getCase(actor, done.caseId);
    },
  );

  // ── The portal, without an account ──

  app.get(
    '/api/v1/public/powers/:code/application-form',
    {
      schema: { tags: ['public'], params: PublicCodeParams, response: { 200: ApplicationFormSchema, ...errorResponses(400, 404, 409, 429) } },
      config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (req) => cases.applicationForm(countyCode, req.params.code),
  );

  app.post(
    '/api/v1/public/uploads',
    {
      schema: {
        tags: ['public'],
        querystring: UploadQuery,
        description: 'A material for an online application, as the raw body; never served publicly.',
        response: { 200: UploadSchema, ...errorResponses(400, 403, 413, 422, 429) },
      },
      // Twenty files a minute per address is an application's worth; more is someone filling the disk.
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req) => cases.upload(anonymous(req, countyCode), uploaded(req)),
  );

  app.post(
    '/api/v1/public/applications',
    {
      schema: {
        tags: ['public'],
        body: ApplicationBody,
        description: 'Applies online for a published item; the answer carries the receipt code to follow the case with.',
        response: { 200: ReceiptSchema, ...errorResponses(400, 403, 404, 409, 422, 429) },
      },
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req) => cases.applyOnline(anonymous(req, countyCode), req.body),
  );

  app.get(
    '/api/v1/public/cases/:receipt',
    {
      schema: {
        tags: ['public'],
        params: ReceiptParams,
        description: 'The applicant’s view of a case by its receipt code: steps, dates, deadline, notices and outcome. Rate-limited against guessing.',
        response: { 200: PublicCaseSchema, ...errorResponses(400, 404, 429) },
      },
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req) => cases.track(countyCode, req.params.receipt),
  );
}
