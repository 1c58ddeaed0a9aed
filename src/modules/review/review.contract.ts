import { Type } from 'typebox';
import { UUID_PATTERN } from '../../shared/ids.ts';
import { UNIT_CODE_PATTERN } from '../org/unit.rules.ts';
import type { Batch, LedgerEntry, Rectification, StoredFinding, TransitionRecord } from './review.repository.ts';
import type { BatchView } from './review.service.ts';
import { ASPECT_LABELS, ASPECTS, BATCH_STATES, PROBLEM_LABELS, PROBLEMS, REVIEW_ACTIONS, STATE_LABELS, TRANSITIONS } from './review.rules.ts';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([Type.Null(), t]);
const Label = Type.Object({ zh: Type.String(), en: Type.String() });
const ITEM_CODE = Type.String({ minLength: 1, maxLength: 64 });
/** Text that must say something: not empty, not only spaces. */
const said = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

export const BatchParams = Type.Object({ id: Type.String({ pattern: UUID_PATTERN }) }, { additionalProperties: false });
export const BatchItemParams = Type.Object(
  { id: Type.String({ pattern: UUID_PATTERN }), itemId: Type.String({ pattern: UUID_PATTERN }) },
  { additionalProperties: false },
);
export const FindingParams = Type.Object(
  { id: Type.String({ pattern: UUID_PATTERN }), itemId: Type.String({ pattern: UUID_PATTERN }), aspect: literals(ASPECTS) },
  { additionalProperties: false },
);

export const BatchListQuery = Type.Object(
  { unit: Type.Optional(Type.String({ pattern: UNIT_CODE_PATTERN })), state: Type.Optional(literals(BATCH_STATES)) },
  { additionalProperties: false },
);
export const NewBatchBody = Type.Object(
  {
    unitCode: Type.String({ pattern: UNIT_CODE_PATTERN }),
    title: said(200),
    itemCodes: Type.Array(ITEM_CODE, { maxItems: 2000 }),
  },
  { additionalProperties: false },
);
export const AddItemsBody = Type.Object({ itemCodes: Type.Array(ITEM_CODE, { minItems: 1, maxItems: 2000 }) }, { additionalProperties: false });
export const TransitionBody = Type.Object(
  { action: literals(REVIEW_ACTIONS), comment: Type.Optional(nullable(Type.String({ maxLength: 2000 }))) },
  { additionalProperties: false },
);
export const FindingBody = Type.Object(
  { verdict: literals(['pass', 'problem'] as const), problem: nullable(literals(PROBLEMS)), comment: nullable(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export const PassItemsBody = Type.Object(
  { itemIds: Type.Array(Type.String({ pattern: UUID_PATTERN }), { minItems: 1, maxItems: 2000 }) },
  { additionalProperties: false },
);
export const OmissionBody = Type.Object({ name: said(200), comment: said(2000) }, { additionalProperties: false });
export const RespondBody = Type.Object({ response: said(2000), itemCode: Type.Optional(nullable(ITEM_CODE)) }, { additionalProperties: false });
export const LedgerQuery = Type.Object(
  {
    unit: Type.Optional(Type.String({ pattern: UNIT_CODE_PATTERN })),
    state: Type.Optional(literals(['open', 'accepted', 'withdrawn'] as const)),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const BatchSchema = Type.Object({
  id: Type.String(),
  unit: Type.Object({ code: Type.String(), name: Type.String() }),
  title: Type.String(),
  state: Type.String(),
  stateLabel: Label,
  round: Type.Integer(),
  returns: Type.Integer(),
  createdAt: Type.String(),
  createdBy: Type.String(),
  submittedBy: nullable(Type.String()),
  reviewer: nullable(Type.String()),
  updatedAt: Type.String(),
});

export const FindingSchema = Type.Object({
  id: Type.String(),
  itemId: Type.String(),
  revision: Type.Integer(),
  round: Type.Integer(),
  aspect: Type.String(),
  verdict: Type.String(),
  problem: nullable(Type.String()),
  comment: nullable(Type.String()),
  reviewer: Type.String(),
  recordedAt: Type.String(),
});

export const RectificationSchema = Type.Object({
  id: Type.String(),
  batchId: Type.String(),
  itemId: nullable(Type.String()),
  aspect: nullable(Type.String()),
  problem: Type.String(),
  problemLabel: Label,
  comment: Type.String(),
  missingItemName: nullable(Type.String()),
  raisedBy: Type.String(),
  raisedRound: Type.Integer(),
  raisedAt: Type.String(),
  response: nullable(Type.String()),
  responseRound: nullable(Type.Integer()),
  respondedBy: nullable(Type.String()),
  resolvedItemId: nullable(Type.String()),
  state: Type.String(),
  acceptedRound: nullable(Type.Integer()),
  acceptedBy: nullable(Type.String()),
  acceptedAt: nullable(Type.String()),
});

export const BatchViewSchema = Type.Object({
  batch: BatchSchema,
  items: Type.Array(
    Type.Object({
      itemId: Type.String(),
      code: Type.String(),
      name: Type.String(),
      status: Type.String(),
      revision: Type.Integer(),
      revisionState: Type.String(),
      revisionCreatedBy: Type.String(),
      latestRevision: Type.Integer(),
      publishedRevision: nullable(Type.Integer()),
      findings: Type.Object(Object.fromEntries(ASPECTS.map((a) => [a, nullable(FindingSchema)]))),
      cleared: Type.Boolean(),
      openEntries: Type.Integer(),
    }),
  ),
  findings: Type.Array(FindingSchema),
  rectifications: Type.Array(RectificationSchema),
  transitions: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      action: Type.String(),
      fromState: nullable(Type.String()),
      toState: Type.String(),
      round: Type.Integer(),
      actor: Type.String(),
      comment: nullable(Type.String()),
      at: Type.String(),
    }),
  ),
  allowed: Type.Array(Type.String()),
});

export const LedgerSchema = Type.Object({
  items: Type.Array(
    Type.Intersect([
      RectificationSchema,
      Type.Object({
        unit: Type.Object({ code: Type.String(), name: Type.String() }),
        batchTitle: Type.String(),
        itemCode: nullable(Type.String()),
        itemName: nullable(Type.String()),
      }),
    ]),
  ),
  total: Type.Integer(),
});

/** The vocabulary the review pages show: states, actions with who takes them, aspects and problem kinds. */
export const ReviewVocabularySchema = Type.Object({
  states: Type.Array(Type.Object({ code: Type.String(), label: Label })),
  actions: Type.Array(Type.Object({ code: Type.String(), label: Label, from: Type.Array(Type.String()), to: Type.String(), by: Type.String() })),
  aspects: Type.Array(Type.Object({ code: Type.String(), label: Label })),
  problems: Type.Array(Type.Object({ code: Type.String(), label: Label })),
});

export const reviewVocabulary = () => ({
  states: BATCH_STATES.map((s) => ({ code: s, label: STATE_LABELS[s] })),
  actions: REVIEW_ACTIONS.map((a) => ({ code: a, label: TRANSITIONS[a].label, from: [...TRANSITIONS[a].from], to: TRANSITIONS[a].to, by: TRANSITIONS[a].by })),
  aspects: ASPECTS.map((a) => ({ code: a, label: ASPECT_LABELS[a] })),
  problems: PROBLEMS.map((p) => ({ code: p, label: PROBLEM_LABELS[p] })),
});

export const batchDto = (b: Batch) => ({
  id: b.id,
  unit: { code: b.unitCode, name: b.unitName },
  title: b.title,
  state: b.state,
  stateLabel: STATE_LABELS[b.state],
  round: b.round,
  returns: b.returns,
  createdAt: b.createdAt,
  createdBy: b.createdBy,
  submittedBy: b.submittedBy,
  reviewer: b.reviewer,
  updatedAt: b.updatedAt,
});

const findingDto = (f: StoredFinding) => ({ ...f });

export const rectificationDto = (r: Rectification) => ({
  id: r.id,
  batchId: r.batchId,
  itemId: r.itemId,
  aspect: r.aspect,
  problem: r.problem,
  problemLabel: PROBLEM_LABELS[r.problem],
  comment: r.comment,
  missingItemName: r.missingItemName,
  raisedBy: r.raisedBy,
  raisedRound: r.raisedRound,
  raisedAt: r.raisedAt,
  response: r.response,
  responseRound: r.responseRound,
  respondedBy: r.respondedBy,
  resolvedItemId: r.resolvedItemId,
  state: r.state,
  acceptedRound: r.acceptedRound,
  acceptedBy: r.acceptedBy,
  acceptedAt: r.acceptedAt,
});

export const ledgerEntryDto = (e: LedgerEntry) => ({
  ...rectificationDto(e),
  unit: { code: e.unitCode, name: e.unitName },
  batchTitle: e.batchTitle,
  itemCode: e.itemCode,
  itemName: e.itemName,
});

const transitionDto = (t: TransitionRecord) => ({ ...t });

export const batchViewDto = (v: BatchView) => ({
  batch: batchDto(v.batch),
  items: v.items.map((i) => ({ ...i, findings: Object.fromEntries(ASPECTS.map((a) => [a, i.findings[a] && findingDto(i.findings[a])])) })),
  findings: v.findings.map(findingDto),
  rectifications: v.rectifications.map(rectificationDto),
  transitions: v.transitions.map(transitionDto),
  allowed: v.allowed,
});
