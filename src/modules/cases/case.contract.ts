import { Type, type Static } from 'typebox';
import { LabelSchema } from '../../shared/contract.ts';
import { UUID_PATTERN } from '../../shared/ids.ts';
import { ExplanationSchema } from '../calendar/calendar.contract.ts';
import { UNIT_CODE_PATTERN } from '../org/unit.rules.ts';
import { STEP_DUTIES } from '../process/process-vocabulary.data.ts';

/** The four states of a case (办件). */
export const CASE_STATES = ['pending', 'running', 'suspended', 'done'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const TASK_STATES = ['open', 'claimed', 'done', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const CHANNELS = ['counter', 'online'] as const;
/** Where a case stands against its time limit: none (no limit), green, yellow (80% used), red (past the promise). */
export const WARNINGS = ['none', 'green', 'yellow', 'red'] as const;
export type Warning = (typeof WARNINGS)[number];

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([Type.Null(), t]);
const ONE_LINE = '^[^\\r\\n]*$';
const text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const ITEM_CODE = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });
const UUID = Type.String({ pattern: UUID_PATTERN });
const DATE = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

/** The applicant as the counter or the portal records them; stored encrypted, shown masked to anyone but staff of the unit. */
export const ApplicantSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: ONE_LINE }),
    /** 居民身份证号 or 统一社会信用代码. */
    idNumber: Type.Optional(nullable(Type.String({ minLength: 6, maxLength: 32, pattern: '^[0-9A-Za-z]+$' }))),
    phone: Type.Optional(nullable(Type.String({ minLength: 5, maxLength: 20, pattern: '^[0-9+\\- ]+$' }))),
    organisation: Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 200, pattern: ONE_LINE }))),
  },
  { additionalProperties: false },
);

/** One material of the item's list, with the uploaded files (ids from POST …/uploads) or none when handed in on paper. */
export const MaterialInSchema = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), fileIds: Type.Array(UUID, { maxItems: 20 }) },
  { additionalProperties: false },
);

export const ApplicationBody = Type.Object(
  {
    itemCode: ITEM_CODE,
    applicant: ApplicantSchema,
    /** 申请事项摘要, e.g. the premises or project the application is about. */
    summary: Type.Optional(nullable(Type.String({ maxLength: 500 }))),
    materials: Type.Optional(Type.Array(MaterialInSchema, { maxItems: 60 })),
  },
  { additionalProperties: false },
);
export type Application = Static<typeof ApplicationBody>;

export const CompleteBody = Type.Object(
  {
    /** The outcome that picks the branch after the step (齐全 / 需补正 / 准予 / 不予 …); null when the step has one way on. */
    outcome: Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 50 }))),
    comment: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
    attachments: Type.Optional(Type.Array(UUID, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type Completion = Static<typeof CompleteBody>;

/** Claiming a step that stops the clock (第四十五条) records the written notice to the applicant. */
export const ClaimBody = Type.Object({ notice: Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 1000 }))) }, { additionalProperties: false });

export const ExtendBody = Type.Object(
  { reason: text(500), toldApplicant: Type.String({ minLength: 1, maxLength: 1000, description: '告知申请人的延期理由' }) },
  { additionalProperties: false },
);

export const CaseListQuery = Type.Object(
  {
    unit: Type.Optional(Type.String({ pattern: UNIT_CODE_PATTERN })),
    state: Type.Optional(Type.Enum([...CASE_STATES])),
    warning: Type.Optional(Type.Enum([...WARNINGS])),
    item: Type.Optional(ITEM_CODE),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type CaseListFilter = Static<typeof CaseListQuery>;

export const TaskListQuery = Type.Object({ scope: Type.Optional(Type.Enum(['mine', 'claimable'])) }, { additionalProperties: false });
export const TaskParams = Type.Object({ taskId: UUID }, { additionalProperties: false });
export const CaseParams = Type.Object({ caseId: UUID }, { additionalProperties: false });
export const ReceiptParams = Type.Object({ receipt: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });

export const EfficiencyQuery = Type.Object(
  { reformOn: DATE, unit: Type.Optional(Type.String({ pattern: UNIT_CODE_PATTERN })) },
  { additionalProperties: false },
);

export const UnitLabelSchema = Type.Object({ code: Type.String(), name: Type.String() });

export const DeadlinesSchema = Type.Object({
  /** The promised limit's deadline (else the statutory one's); null when the item has neither. */
  due: nullable(Type.String()),
  dueDate: nullable(Type.String()),
  /** When the case turns yellow (80% of the limit used) and red (past it); null without a limit. */
  yellowAt: nullable(Type.String()),
  redAt: nullable(Type.String()),
  statutoryDue: nullable(Type.String()),
  /** The case passed (or, closed, had passed) its statutory limit. */
  passedStatutory: Type.Boolean(),
  warning: Type.Enum([...WARNINGS]),
  provisional: Type.Boolean(),
  /** The working-day limit the deadline counts: promised, else statutory. */
  limitDays: nullable(Type.Integer()),
  limitKind: nullable(Type.Enum(['promised', 'statutory'])),
});

export const TaskSchema = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  receipt: Type.String(),
  itemCode: Type.String(),
  itemName: Type.String(),
  stepId: Type.String(),
  stepName: Type.String(),
  duty: Type.Enum([...STEP_DUTIES]),
  role: nullable(Type.String()),
  unit: UnitLabelSchema,
  state: Type.Enum([...TASK_STATES]),
  createdAt: Type.String(),
  due: nullable(Type.String()),
  claimedBy: nullable(Type.String()),
  claimedAt: nullable(Type.String()),
  completedBy: nullable(Type.String()),
  completedAt: nullable(Type.String()),
  outcome: nullable(Type.String()),
  comment: nullable(Type.String()),
  notice: nullable(Type.String()),
  attachments: Type.Array(Type.String()),
  /** The outcomes the completer chooses from (the branches after the step); empty when there is one way on. */
  outcomes: Type.Array(Type.String()),
  /** The step stops the clock (听证、检验、专家评审 …): claiming it records the written notice to the applicant. */
  clockStop: nullable(Type.String()),
  applicantMasked: Type.String(),
  caseWarning: Type.Enum([...WARNINGS]),
});
export type TaskView = Static<typeof TaskSchema>;

export const CaseSummarySchema = Type.Object({
  id: Type.String(),
  receipt: Type.String(),
  itemCode: Type.String(),
  itemName: Type.String(),
  revision: Type.Integer(),
  unit: UnitLabelSchema,
  channel: Type.Enum([...CHANNELS]),
  state: Type.Enum([...CASE_STATES]),
  outcome: nullable(Type.String()),
  applicantMasked: Type.String(),
  arrivedAt: Type.String(),
  acceptedAt: nullable(Type.String()),
  deemedAccepted: Type.Boolean(),
  closedAt: nullable(Type.String()),
  /** The steps open now. */
  current: Type.Array(Type.String()),
  deadlines: DeadlinesSchema,
  workdaysTaken: nullable(Type.Integer()),
});
export type CaseSummary = Static<typeof CaseSummarySchema>;

export const TimelineEntrySchema = Type.Object({
  at: Type.String(),
  kind: Type.String(),
  label: LabelSchema,
  /** Staff name, for staff views only. */
  by: nullable(Type.String()),
  detail: nullable(Type.String()),
});

export const CaseViewSchema = Type.Object({
  ...CaseSummarySchema.properties,
  applicant: Type.Object({ name: Type.String(), idNumber: nullable(Type.String()), phone: nullable(Type.String()), organisation: nullable(Type.String()) }),
  summary: nullable(Type.String()),
  materials: Type.Array(
    Type.Object({
      name: Type.String(),
      files: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), size: Type.Integer(), sha256: Type.String() })),
    }),
  ),
  tasks: Type.Array(TaskSchema),
  timeline: Type.Array(TimelineEntrySchema),
  explanation: nullable(ExplanationSchema),
  extensions: Type.Array(
    Type.Object({ days: Type.Integer(), approvedBy: Type.String(), reason: Type.String(), toldApplicant: Type.String(), at: Type.String() }),
  ),
  suspensions: Type.Array(Type.Object({ from: Type.String(), to: nullable(Type.String()), reason: Type.String(), notice: nullable(Type.String()) })),
  /** What the viewer may do now. */
  can: Type.Object({ extend: Type.Boolean() }),
  audit: Type.Array(Type.Object({ seq: Type.Integer(), at: Type.String(), actor: Type.String(), action: Type.String() })),
});
export type CaseView = Static<typeof CaseViewSchema>;

export const CaseListSchema = Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), cases: Type.Array(CaseSummarySchema) });

/** What the applicant sees with the receipt code: no internal comments, no staff names beyond the unit. */
export const PublicCaseSchema = Type.Object({
  receipt: Type.String(),
  itemName: Type.String(),
  unitName: Type.String(),
  state: Type.Enum([...CASE_STATES]),
  outcome: nullable(Type.String()),
  applicantMasked: Type.String(),
  arrivedAt: Type.String(),
  acceptedAt: nullable(Type.String()),
  deemedAccepted: Type.Boolean(),
  closedAt: nullable(Type.String()),
  dueDate: nullable(Type.String()),
  provisional: Type.Boolean(),
  steps: Type.Array(
    Type.Object({
      name: Type.String(),
      state: Type.Enum(['open', 'done']),
      startedAt: Type.String(),
      finishedAt: nullable(Type.String()),
      outcome: nullable(Type.String()),
    }),
  ),
  /** Notices to the applicant: 补正, 第四十五条 clock stops, 第四十二条 extensions. */
  notices: Type.Array(Type.Object({ at: Type.String(), kind: Type.String(), text: Type.String() })),
});
export type PublicCaseView = Static<typeof PublicCaseSchema>;

export const ReceiptSchema = Type.Object({ receipt: Type.String(), caseId: Type.String(), trackUrl: Type.String() });

export const UploadSchema = Type.Object({ id: Type.String(), name: Type.String(), size: Type.Integer(), mediaType: Type.String(), sha256: Type.String() });

export const ApplicationFormSchema = Type.Object({
  itemCode: Type.String(),
  itemName: Type.String(),
  unitName: Type.String(),
  revision: Type.Integer(),
  materials: Type.Array(Type.Object({ name: Type.String(), required: Type.Boolean(), form: nullable(Type.String()), copies: nullable(Type.Integer()) })),
  limits: Type.Object({ statutory: nullable(Type.Integer()), promised: nullable(Type.Integer()) }),
  upload: Type.Object({ maxBytes: Type.Integer(), maxFiles: Type.Integer(), types: Type.Array(Type.String()) }),
});

export const EfficiencySchema = Type.Object({
  reformOn: Type.String(),
  rows: Type.Array(
    Type.Object({
      itemCode: Type.String(),
      itemName: Type.String(),
      unit: UnitLabelSchema,
      before: Type.Object({ cases: Type.Integer(), medianDays: nullable(Type.Number()) }),
      after: Type.Object({ cases: Type.Integer(), medianDays: nullable(Type.Number()) }),
      /** (before − after) / before; null without cases on both sides. */
      improvement: nullable(Type.Number()),
    }),
  ),
  units: Type.Array(
    Type.Object({
      unit: UnitLabelSchema,
      before: Type.Object({ cases: Type.Integer(), medianDays: nullable(Type.Number()) }),
      after: Type.Object({ cases: Type.Integer(), medianDays: nullable(Type.Number()) }),
      improvement: nullable(Type.Number()),
    }),
  ),
});
export type Efficiency = Static<typeof EfficiencySchema>;
