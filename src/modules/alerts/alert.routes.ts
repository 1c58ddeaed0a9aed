import { Type } from 'typebox';
import { actorOf } from '../../http/auth.ts';
import type { Http } from '../../http/types.ts';
import { errorResponses, IdParams, LabelSchema, UnitRefSchema } from '../../shared/contract.ts';
import type { Labels } from '../reference/reference.repository.ts';
import type { ReferenceService } from '../reference/reference.service.ts';
import type { OrgService } from '../org/org.service.ts';
import type { Alert } from './alert.repository.ts';
import type { AlertService } from './alert.service.ts';

const AlertSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  kindLabel: LabelSchema,
  severity: Type.String(),
  severityLabel: LabelSchema,
  subject: Type.String(),
  subjectRef: Type.Union([Type.String(), Type.Null()]),
  unit: Type.Union([UnitRefSchema, Type.Null()]),
  openedAt: Type.String(),
  closedAt: Type.Union([Type.String(), Type.Null()]),
  closedBy: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([Type.String(), Type.Null()]),
});

const ListQuery = Type.Object(
  { status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')])) },
  { additionalProperties: false },
);

const CloseBody = Type.Object({ outcome: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });

const tags = ['alerts'];

export function alertRoutes(app: Http, deps: { alerts: AlertService; org: OrgService; reference: ReferenceService }) {
  const dto = (a: Alert, labels: Labels, units: Map<string, { id: string; code: string; name: string }>) => ({
    ...a,
    kindLabel: labels.get('alert_kind', a.kind),
    severityLabel: labels.get('alert_severity', a.severity),
    unit: (a.unitId && units.get(a.unitId)) || null,
  });
  const unitMap = async (req: Parameters<typeof actorOf>[0]) =>
    new Map((await deps.org.listUnits(actorOf(req))).map((u) => [u.id, { id: u.id, code: u.code, name: u.name }]));

  app.get(
    '/api/v1/alerts',
    {
      schema: {
        tags,
        querystring: ListQuery,
        response: { 200: Type.Object({ items: Type.Array(AlertSchema), total: Type.Integer() }), ...errorResponses(401, 403) },
      },
      config: { roles: ['inspector', 'leader', 'head'] },
    },
    async (req) => {
      const items = await deps.alerts.list(actorOf(req), req.query.status ?? 'open');
      const labels = await deps.reference.getLabels();
      const units = await unitMap(req);
      return { items: items.map((a) => dto(a, labels, units)), total: items.length };
    },
  );

  app.post(
    '/api/v1/alerts/:id/close',
    {
      schema: { tags, params: IdParams, body: CloseBody, response: { 200: AlertSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      config: { roles: ['inspector'] },
    },
    async (req) => dto(await deps.alerts.close(actorOf(req), req.params.id, req.body.outcome), await deps.reference.getLabels(), await unitMap(req)),
  );
}
