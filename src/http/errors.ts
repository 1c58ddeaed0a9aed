import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode, type LocalizedText } from '../shared/errors.ts';
import { languageOf } from './language.ts';

/** HTTP status of each domain error code; docs/errors.md lists the same table. */
export const STATUS_OF: Record<ErrorCode, number> = {
  validation: 400,
  'auth.password_policy': 400,
  'unit.invalid_parent': 400,
  'auth.required': 401,
  'auth.invalid_credentials': 401,
  forbidden: 403,
  'auth.csrf': 403,
  'auth.origin': 403,
  'auth.disabled': 403,
  'review.own_work': 403,
  not_found: 404,
  conflict: 409,
  'import.rejected': 422,
  'process.invalid': 422,
  'process.incomplete': 409,
  'bpmn.refused': 422,
  'calendar.ics_refused': 422,
  'upload.refused': 422,
  'sod.violation': 409,
  'case.outcome_invalid': 422,
  'case.stuck': 409,
  'case.not_allowed': 409,
  'task.taken': 409,
  'grant.separation_of_duties': 409,
  'auth.locked': 423,
  rate_limited: 429,
  'audit.chain_broken': 500,
  internal: 500,
};

const VALIDATION: LocalizedText = { zh: '输入有误，请检查标出的字段', en: 'Some fields are not valid' };

function send(req: FastifyRequest, reply: FastifyReply, status: number, code: ErrorCode, text: LocalizedText, details: Record<string, unknown>) {
  const lang = languageOf(req);
  return reply.status(status).send({ error: { code, message: text[lang], details } });
}

/** One place turns every failure into `{error:{code,message,details}}`; stack traces stay in the server log. */
export function errorHandler(error: FastifyError | DomainError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) return send(req, reply, STATUS_OF[error.code], error.code, error.text, error.details);
  const fe = error as FastifyError;
  if (fe.validation) {
    const fields: Record<string, string> = {};
    for (const v of fe.validation) {
      const missing = (v.params as { missingProperty?: string }).missingProperty;
      const extra = (v.params as { additionalProperty?: string }).additionalProperty;
      const path = [fe.validationContext, v.instancePath.replace(/^\//, '').replace(/\//g, '.'), missing ?? extra].filter(Boolean).join('.');
      fields[path] = extra ? 'is not allowed' : (v.message ?? 'invalid');
    }
    return send(req, reply, 400, 'validation', VALIDATION, { fields });
  }
  if (fe.statusCode === 429) {
    return send(req, reply, 429, 'rate_limited', { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again shortly' }, {});
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Malformed JSON, wrong content type, body too large: the client's fault, told plainly.
    return send(
      req,
      reply,
      fe.statusCode === 413 ? 413 : 400,
      'validation',
      { zh: `请求无法解析：${fe.message}`, en: `The request could not be read: ${fe.message}` },
      {},
    );
  }
  req.log.error({ err: error }, 'unhandled error');
  return send(req, reply, 500, 'internal', { zh: '服务器内部错误，已记录，请稍后再试', en: 'Internal error; it has been logged' }, {});
}
