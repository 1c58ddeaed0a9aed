import { Type } from 'typebox';
import { ProcessSchema } from '../process/process.contract.ts';
import { LabelSchema } from '../../shared/contract.ts';
import { PowerContentSchema } from '../catalogue/catalogue.contract.ts';
import { UNIT_CODE_PATTERN } from '../org/unit.rules.ts';
import type { PublicItem, PublishedItem } from './public-list.repository.ts';
import type { SynonymList, UnitCount } from './public-list.service.ts';
import { EXPANSION_MAX, MAX_QUERY_LENGTH, SYNONYMS_MAX, TERM_MAX } from './search.rules.ts';

export const MAX_PAGE_SIZE = 100;

export const PublicListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: MAX_QUERY_LENGTH })),
    unit: Type.Optional(Type.String({ pattern: UNIT_CODE_PATTERN })),
    category: Type.Optional(Type.String({ maxLength: 40 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE })),
  },
  { additionalProperties: false },
);

export const PublicCodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

const CategoryRef = Type.Object({ code: Type.String(), label: LabelSchema });
const UnitRef = Type.Object({ code: Type.String(), name: Type.String() });
const days = Type.Union([Type.Null(), Type.Integer()]);

export const PublicItemSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  category: CategoryRef,
  unit: UnitRef,
  statutoryLimit: days,
  promisedLimit: days,
  /** The published revision shown. */
  revision: Type.Integer(),
  publishedAt: Type.String(),
});

export const PublicListSchema = Type.Object({ items: Type.Array(PublicItemSchema), total: Type.Integer() });

const P = PowerContentSchema.properties;

/** Every public field of the published revision. */
export const PublicItemDetailSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  category: CategoryRef,
  unit: UnitRef,
  implementingBody: P.implementingBody,
  basis: P.basis,
  conditions: P.conditions,
  materials: P.materials,
  statutoryLimit: P.statutoryLimit,
  promisedLimit: P.promisedLimit,
  fees: P.fees,
  serviceObject: P.serviceObject,
  supervisionPhone: P.supervisionPhone,
  responsibilities: P.responsibilities,
  accountability: P.accountability,
  /** The published process; its risk points are left out unless the county publishes its risk maps. */
  process: Type.Union([Type.Null(), ProcessSchema]),
  riskMapPublished: Type.Boolean(),
  revision: Type.Integer(),
  publishedAt: Type.String(),
});

export const PublicUnitsSchema = Type.Object({
  items: Type.Array(
    Type.Object({ code: Type.String(), name: Type.String(), type: Type.String(), parentCode: Type.Union([Type.Null(), Type.String()]), count: Type.Integer() }),
  ),
});

export const PublicCategoriesSchema = Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), label: LabelSchema, count: Type.Integer() })) });

const SynonymEntrySchema = Type.Object(
  {
    term: Type.String({ minLength: 1, maxLength: TERM_MAX }),
    expansions: Type.Array(Type.String({ minLength: 1, maxLength: EXPANSION_MAX }), { minItems: 1, maxItems: 20 }),
    note: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 200 })])),
  },
  { additionalProperties: false },
);

export const SynonymsBody = Type.Object({ items: Type.Array(SynonymEntrySchema, { maxItems: SYNONYMS_MAX }) }, { additionalProperties: false });

export const SynonymsSchema = Type.Object({
  items: Type.Array(Type.Object({ term: Type.String(), expansions: Type.Array(Type.String()), note: Type.Union([Type.Null(), Type.String()]) })),
  updatedAt: Type.Union([Type.Null(), Type.String()]),
  updatedBy: Type.Union([Type.Null(), Type.String()]),
});

type LabelOf = (category: string) => { zh: string; en: string };

export const publicItemDto = (i: PublicItem, label: LabelOf) => ({
  id: i.id,
  code: i.code,
  name: i.name,
  category: { code: i.category, label: label(i.category) },
  unit: { code: i.unitCode, name: i.unitName },
  statutoryLimit: i.statutoryLimit,
  promisedLimit: i.promisedLimit,
  revision: i.revision,
  publishedAt: i.publishedAt,
});

export const publicItemDetailDto = (i: PublishedItem, label: LabelOf, riskMapPublished: boolean) => {
  const c = i.content;
  const process = c.process
    ? riskMapPublished
      ? c.process
      : { ...c.process, nodes: c.process.nodes.map((n) => (n.kind === 'step' ? { ...n, risks: [] } : n)) }
    : null;
  return {
    id: i.id,
    code: i.code,
    name: c.name,
    category: { code: c.category, label: label(c.category) },
    unit: { code: i.unitCode, name: i.unitName },
    implementingBody: c.implementingBody,
    basis: c.basis,
    conditions: c.conditions,
    materials: c.materials,
    statutoryLimit: c.statutoryLimit,
    promisedLimit: c.promisedLimit,
    fees: c.fees,
    serviceObject: c.serviceObject,
    supervisionPhone: c.supervisionPhone,
    responsibilities: c.responsibilities,
    accountability: c.accountability,
    process,
    riskMapPublished: riskMapPublished && process !== null,
    revision: i.revision,
    publishedAt: i.publishedAt,
  };
};

export const unitCountDto = (u: UnitCount) => ({ code: u.code, name: u.name, type: u.type, parentCode: u.parentCode, count: u.count });

export const synonymsDto = (s: SynonymList) => ({
  items: s.items.map((e) => ({ term: e.term, expansions: e.expansions, note: e.note })),
  updatedAt: s.updatedAt,
  updatedBy: s.updatedBy,
});
