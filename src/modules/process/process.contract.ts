import { nullableInteger } from '../../shared/contract.ts';
import { Type } from 'typebox';
import { UNIT_CODE_PATTERN } from '../org/unit.rules.ts';
import { CLOCK_STOP_REASONS, PERFORMER_ROLES, RISK_GRADES, STEP_DUTIES, type RiskGrade } from './process-vocabulary.data.ts';

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([Type.Null(), t]);
/** The caps of a process definition (the BPMN import fits what it makes to them). */
export const PROCESS_LIMITS = { nodes: 120, flows: 240, risksPerStep: 20, nameLength: 100, outcomeLength: 50, separations: 20, reasonLength: 200 } as const;
export const NODE_ID_PATTERN = '^[A-Za-z_][A-Za-z0-9_.\\-]{0,63}$';
const NODE_ID = Type.String({ pattern: NODE_ID_PATTERN });
/** No C0 control characters but tab and line breaks: they are not valid XML, and the drawings are XML. */
const PRINTABLE = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F]*$';
/** Names (of steps, ends, outcomes) are one line: no control characters at all, so they travel unchanged in BPMN attributes. */
const ONE_LINE = '^[^\\u0000-\\u001F]*$';
const name = (max: number) => Type.String({ maxLength: max, pattern: ONE_LINE });
const text = (max: number, minLength = 0) => Type.String({ minLength, maxLength: max, pattern: PRINTABLE });

export const RiskPointSchema = Type.Object(
  {
    description: text(1000, 1),
    grade: Type.Enum(RISK_GRADES),
    category: Type.String({ minLength: 1, maxLength: 40 }),
    measures: text(2000),
    post: nullable(text(100)),
  },
  { additionalProperties: false },
);

const PerformerSchema = Type.Object(
  {
    role: nullable(Type.Enum(PERFORMER_ROLES)),
    unit: Type.Union([Type.Literal('own'), Type.Literal('parent'), Type.Literal('named')]),
    unitCode: nullable(Type.String({ pattern: UNIT_CODE_PATTERN })),
  },
  { additionalProperties: false },
);

const StartSchema = Type.Object({ id: NODE_ID, kind: Type.Literal('start'), name: nullable(name(100)) }, { additionalProperties: false });
const StepSchema = Type.Object(
  {
    id: NODE_ID,
    kind: Type.Literal('step'),
    name: name(PROCESS_LIMITS.nameLength),
    duty: nullable(Type.Enum(STEP_DUTIES)),
    performer: PerformerSchema,
    limitDays: nullableInteger({ minimum: 0, maximum: 3650 }),
    clockStop: nullable(Type.Enum(CLOCK_STOP_REASONS)),
    risks: Type.Array(RiskPointSchema, { maxItems: PROCESS_LIMITS.risksPerStep }),
  },
  { additionalProperties: false },
);
const GatewaySchema = (kind: 'exclusive' | 'parallel') =>
  Type.Object({ id: NODE_ID, kind: Type.Literal(kind), name: nullable(name(100)) }, { additionalProperties: false });
const EndSchema = Type.Object({ id: NODE_ID, kind: Type.Literal('end'), name: name(100) }, { additionalProperties: false });

/**
 * An item's own duty-separation rule. Blank reasons, repeated duties and fewer than two duties are left to
 * `validateProcess`, which names them (`process.separation_*`); more entries than there are duties must repeat one.
 */
export const SeparationRuleSchema = Type.Object(
  {
    duties: Type.Array(Type.Enum(STEP_DUTIES), { maxItems: STEP_DUTIES.length }),
    reason: name(PROCESS_LIMITS.reasonLength),
  },
  { additionalProperties: false },
);

/** The process definition (两图) as stored in an item revision's content. */
export const ProcessSchema = Type.Object(
  {
    nodes: Type.Array(Type.Union([StartSchema, StepSchema, GatewaySchema('exclusive'), GatewaySchema('parallel'), EndSchema]), {
      maxItems: PROCESS_LIMITS.nodes,
    }),
    flows: Type.Array(Type.Object({ from: NODE_ID, to: NODE_ID, outcome: nullable(name(PROCESS_LIMITS.outcomeLength)) }, { additionalProperties: false }), {
      maxItems: PROCESS_LIMITS.flows,
    }),
    separations: Type.Optional(Type.Array(SeparationRuleSchema, { maxItems: PROCESS_LIMITS.separations })),
  },
  { additionalProperties: false },
);

export const ProblemSchema = Type.Object({
  code: Type.String(),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  nodeId: Type.Union([Type.Null(), Type.String()]),
  message: Type.Object({ zh: Type.String(), en: Type.String() }),
});

const days = nullableInteger({ minimum: 0, maximum: 3650 });

/** The editor's live check: the process being edited with the item fields the drawing frames it with. */
export const CheckBody = Type.Object(
  {
    process: ProcessSchema,
    statutoryLimit: days,
    promisedLimit: days,
    name: Type.String({ maxLength: 200 }),
    basis: Type.Array(Type.String({ maxLength: 500 }), { maxItems: 100 }),
    supervisionPhone: nullable(Type.String({ maxLength: 100 })),
    unitCode: Type.String({ pattern: UNIT_CODE_PATTERN }),
    risk: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const CheckResultSchema = Type.Object({
  problems: Type.Array(ProblemSchema),
  /** The longest path on the clock, in working days; null when the shape has errors. */
  longest: Type.Union([Type.Null(), Type.Object({ days: Type.Integer(), path: Type.Array(Type.String()) })]),
  /** The drawing as it stands (errors and all); null only when it is too tangled to lay out (`process.undrawable`). */
  svg: Type.Union([Type.Null(), Type.String()]),
});

export const DrawingQuery = Type.Object(
  {
    format: Type.Optional(Type.Union([Type.Literal('svg'), Type.Literal('png')])),
    risk: Type.Optional(Type.Boolean()),
    revision: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const PublicDrawingQuery = Type.Object(
  { format: Type.Optional(Type.Union([Type.Literal('svg'), Type.Literal('png')])), risk: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const RiskRegisterQuery = Type.Object(
  {
    unit: Type.Optional(Type.String({ pattern: UNIT_CODE_PATTERN })),
    // An integer, not the enum: query strings are coerced to integers, never to enum members.
    grade: Type.Optional(Type.Unsafe<RiskGrade>(Type.Integer({ minimum: 1, maximum: 3 }))),
    category: Type.Optional(Type.String({ maxLength: 40 })),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx'), Type.Literal('csv')])),
    page: Type.Optional(Type.Integer({ minimum: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);

export const RiskRegisterRowSchema = Type.Object({
  itemId: Type.String(),
  itemCode: Type.String(),
  itemName: Type.String(),
  unit: Type.Object({ code: Type.String(), name: Type.String() }),
  revision: Type.Integer(),
  /** Whether this revision is the published one (the register reads each item's latest revision). */
  published: Type.Boolean(),
  stepId: Type.String(),
  stepName: Type.String(),
  duty: Type.String(),
  description: Type.String(),
  grade: Type.Integer(),
  category: Type.String(),
  measures: Type.String(),
  post: Type.Union([Type.Null(), Type.String()]),
});

export const RiskRegisterSchema = Type.Object({
  total: Type.Integer(),
  /** Counts by grade over the other filters (unit, category, text), whatever the grade filter and page. */
  byGrade: Type.Object({ 1: Type.Integer(), 2: Type.Integer(), 3: Type.Integer() }),
  items: Type.Array(RiskRegisterRowSchema),
});

const Labelled = Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() });

export const ProcessVocabularySchema = Type.Object({
  duties: Type.Array(Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String(), alsoCalled: Type.Array(Type.String()) })),
  roles: Type.Array(Labelled),
  riskGrades: Type.Array(Type.Object({ code: Type.Integer(), zh: Type.String(), en: Type.String(), stars: Type.String() })),
  riskCategories: Type.Array(Labelled),
  clockStopReasons: Type.Array(Type.String()),
  clockStopSource: Type.String(),
  templates: Type.Array(
    Type.Object({
      code: Type.String(),
      zh: Type.String(),
      en: Type.String(),
      description: Type.String(),
      categories: Type.Array(Type.String()),
      process: ProcessSchema,
    }),
  ),
});

export const PortalSettingsSchema = Type.Object({ publishRiskMaps: Type.Boolean() });
export const PortalSettingsBody = Type.Object({ publishRiskMaps: Type.Boolean() }, { additionalProperties: false });

export const BpmnExportQuery = Type.Object({ revision: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });

export const BpmnImportQuery = Type.Object(
  {
    /** The process to import when the file holds several. */
    process: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** The revision the upload was prepared against: refused (409) when someone has saved a newer one meanwhile. */
    basedOn: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Only check the file and report; make no revision. */
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const ProcessSummarySchema = Type.Object({ id: Type.String(), name: Type.Union([Type.Null(), Type.String()]), flowNodes: Type.Integer() });

export const BpmnReportSchema = Type.Object({
  outcome: Type.Union([Type.Literal('imported'), Type.Literal('refused')]),
  process: Type.Union([Type.Null(), ProcessSummarySchema]),
  processes: Type.Array(ProcessSummarySchema),
  counts: Type.Union([
    Type.Null(),
    Type.Object({ steps: Type.Integer(), choices: Type.Integer(), parallels: Type.Integer(), ends: Type.Integer(), flows: Type.Integer() }),
  ]),
  entries: Type.Array(
    Type.Object({
      kind: Type.Union([Type.Literal('refused'), Type.Literal('unsupported'), Type.Literal('adapted'), Type.Literal('warning')]),
      code: Type.String(),
      element: Type.Union([Type.Null(), Type.String()]),
      id: Type.Union([Type.Null(), Type.String()]),
      name: Type.Union([Type.Null(), Type.String()]),
      line: Type.Union([Type.Null(), Type.Integer()]),
      message: Type.Object({ zh: Type.String(), en: Type.String() }),
    }),
  ),
});

export const BpmnImportResultSchema = Type.Object({
  report: BpmnReportSchema,
  process: ProcessSchema,
  /** The draft revision made; null for a dry run. */
  revision: Type.Union([Type.Null(), Type.Integer()]),
  changed: Type.Boolean(),
});
