import { nullableInteger } from '../../shared/contract.ts';
import { Type } from 'typebox';
import { UNIT_CODE_PATTERN } from '../org/unit.rules.ts';
import type { ItemWithLatest, Revision } from './power-item.repository.ts';
import { ITEM_ENDINGS } from './power-item.rules.ts';
import { ProcessSchema } from '../process/process.contract.ts';

const text = (max: number) => Type.String({ maxLength: max });
// Null first: the validator coerces query strings, and would otherwise turn a null into '' or 0 before trying null.
const nullableText = (max: number) => Type.Union([Type.Null(), text(max)]);
const days = nullableInteger({ minimum: 0, maximum: 3650 });

export const PowerContentSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    category: Type.String({ minLength: 1, maxLength: 40 }),
    implementingBody: nullableText(200),
    basis: Type.Array(text(500), { maxItems: 100 }),
    conditions: nullableText(5000),
    materials: Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 300 }),
          form: Type.Union([Type.Null(), Type.Literal('original'), Type.Literal('copy'), Type.Literal('either')]),
          copies: nullableInteger({ minimum: 0, maximum: 100 }),
          required: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
      { maxItems: 200 },
    ),
    statutoryLimit: days,
    promisedLimit: days,
    fees: nullableText(2000),
    serviceObject: nullableText(500),
    supervisionPhone: nullableText(100),
    responsibilities: Type.Array(Type.Object({ stage: Type.String({ minLength: 1, maxLength: 40 }), text: text(5000) }, { additionalProperties: false }), {
      maxItems: 100,
    }),
    accountability: Type.Array(
      Type.Object({ situation: Type.String({ minLength: 1, maxLength: 2000 }), basis: nullableText(500) }, { additionalProperties: false }),
      {
        maxItems: 100,
      },
    ),
    process: Type.Optional(Type.Union([Type.Null(), ProcessSchema])),
  },
  { additionalProperties: false },
);

const POWER_CODE = '^[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}$';

export const NewItemBody = Type.Object(
  { unitCode: Type.String({ pattern: UNIT_CODE_PATTERN }), code: Type.String({ pattern: POWER_CODE }), content: PowerContentSchema },
  { additionalProperties: false },
);

export const ReviseBody = Type.Object({ basedOn: Type.Integer({ minimum: 1 }), content: PowerContentSchema }, { additionalProperties: false });

export const EndBody = Type.Object(
  {
    ending: Type.Union(ITEM_ENDINGS.map((e) => Type.Literal(e))),
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
    date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    to: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const ListQuery = Type.Object(
  {
    unit: Type.Optional(Type.String({ pattern: UNIT_CODE_PATTERN })),
    category: Type.Optional(Type.String({ maxLength: 40 })),
    status: Type.Optional(Type.Union([Type.Literal('active'), ...ITEM_ENDINGS.map((e) => Type.Literal(e))])),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    page: Type.Optional(Type.Integer({ minimum: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const ExportQuery = Type.Object(
  {
    format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv'), Type.Literal('json')]),
    unit: Type.Optional(Type.String({ pattern: UNIT_CODE_PATTERN })),
    category: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

export const ImportQuery = Type.Object(
  { unit: Type.String({ pattern: UNIT_CODE_PATTERN }), format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv'), Type.Literal('json')]) },
  { additionalProperties: false },
);

export const DiffQuery = Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const ItemParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$' }) }, { additionalProperties: false });

const RevisionSchema = Type.Object({
  revision: Type.Integer(),
  state: Type.String(),
  source: Type.String(),
  createdAt: Type.String(),
  createdBy: Type.String(),
  content: PowerContentSchema,
});

export const ItemSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  unit: Type.Object({ code: Type.String(), name: Type.String() }),
  status: Type.String(),
  statusDate: Type.Union([Type.String(), Type.Null()]),
  statusReason: Type.Union([Type.String(), Type.Null()]),
  statusTo: Type.Union([Type.String(), Type.Null()]),
  latestRevision: Type.Integer(),
  /** The revision the portal shows; null until the item passes review and is published. */
  publishedRevision: Type.Union([Type.Null(), Type.Integer()]),
  publishedAt: Type.Union([Type.Null(), Type.String()]),
  latest: RevisionSchema,
});

export const RevisionsSchema = Type.Object({ items: Type.Array(RevisionSchema) });

export const DiffSchema = Type.Object({
  changes: Type.Array(
    Type.Object({
      field: Type.String(),
      label: Type.Object({ zh: Type.String(), en: Type.String() }),
      before: Type.Array(Type.String()),
      after: Type.Array(Type.String()),
      removed: Type.Array(Type.String()),
      added: Type.Array(Type.String()),
    }),
  ),
});

export const ImportResultSchema = Type.Object({ created: Type.Integer(), revised: Type.Integer(), unchanged: Type.Integer() });

export const revisionDto = (r: Revision) => ({
  revision: r.revision,
  state: r.state,
  source: r.source,
  createdAt: r.createdAt,
  createdBy: r.createdBy,
  content: r.content,
});

export const itemDto = (i: ItemWithLatest) => ({
  id: i.id,
  code: i.code,
  unit: { code: i.unitCode, name: i.unitName },
  status: i.status,
  statusDate: i.statusDate,
  statusReason: i.statusReason,
  statusTo: i.statusTo,
  latestRevision: i.latestRevision,
  publishedRevision: i.publishedRevision,
  publishedAt: i.publishedAt,
  latest: revisionDto(i.latest),
});
