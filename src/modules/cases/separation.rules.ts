import { DomainError } from '../../shared/errors.ts';
import { DUTY_LABELS, STEP_DUTIES, type StepDuty } from '../process/process-vocabulary.data.ts';

/**
 * Segregation of duties per case (职责分离), written in step duties. A rule names duties that must be done by
 * different people within one case; it holds whichever comes first (a return can put 决定 before a second 审查)
 * and across parallel branches, so it is checked against every step the person already did in the case.
 */
export interface SeparationRule {
  code: string;
  name: { zh: string; en: string };
  /** Every pair of these duties must be done by different people… */
  duties: StepDuty[];
  /** …or only pairs of one of these with one of `duties` (a hub rule, such as supervision against everything). */
  against?: StepDuty[];
  source: string;
}

/** 中共中央办公厅、国务院办公厅《关于深化政务公开加强政务服务的意见》and the county's 六权治本 rules (seed article). */
const SOURCE = '示范县“六权治本”：审查与批准相分离、定事与办理相分离、承办与监督相分离';

export const DEFAULT_SEPARATIONS: readonly SeparationRule[] = Object.freeze([
  { code: 'review_approve', name: { zh: '审查与批准相分离', en: 'Review and approval separated' }, duties: ['review', 'decide'], source: SOURCE },
  {
    code: 'decide_handle',
    name: { zh: '定事与办理相分离', en: 'Deciding and handling separated' },
    duties: ['decide'],
    against: ['accept', 'deliver'],
    source: SOURCE,
  },
  {
    code: 'handle_supervise',
    name: { zh: '承办与监督相分离', en: 'Handling and supervision separated' },
    duties: ['supervise'],
    against: STEP_DUTIES.filter((d) => d !== 'supervise'),
    source: SOURCE,
  },
]);

/** An item's own rule (ProcessDefinition.separations): its duties pairwise by different people. */
export function itemSeparation(rule: { duties: StepDuty[]; reason: string }, index: number): SeparationRule {
  return {
    code: `item_${index + 1}`,
    name: { zh: rule.reason, en: `Item rule: ${rule.duties.map((d) => DUTY_LABELS[d].en.toLowerCase()).join(', ')} by different people` },
    duties: rule.duties,
    source: '事项流程图的职责分离规则',
  };
}

/** A step someone already did (or holds) in the case. */
export interface DoneStep {
  stepId: string;
  stepName: string;
  duty: StepDuty;
  person: string;
}

export interface Violation {
  rule: SeparationRule;
  earlier: DoneStep;
}

/** Whether two duties may not be done by one person under `rule`. */
function conflicts(rule: SeparationRule, a: StepDuty, b: StepDuty): boolean {
  if (rule.against) return (rule.duties.includes(a) && rule.against.includes(b)) || (rule.duties.includes(b) && rule.against.includes(a));
  return a !== b && rule.duties.includes(a) && rule.duties.includes(b);
}

/** The first rule `person` would break by doing a step of `duty`, given the steps already done in the case. */
export function findViolation(rules: readonly SeparationRule[], done: readonly DoneStep[], person: string, duty: StepDuty): Violation | null {
  for (const earlier of done) {
    if (earlier.person !== person) continue;
    const rule = rules.find((r) => conflicts(r, earlier.duty, duty));
    if (rule) return { rule, earlier };
  }
  return null;
}

export function violationError(v: Violation, stepName: string): DomainError {
  return new DomainError(
    'sod.violation',
    {
      zh: `违反“${v.rule.name.zh}”：您已办理本案的“${v.earlier.stepName}”环节，不能再办理“${stepName}”`,
      en: `This breaks “${v.rule.name.en}”: you did “${v.earlier.stepName}” in this case and may not also do “${stepName}”`,
    },
    { rule: v.rule.code, ruleName: v.rule.name, earlierStep: v.earlier.stepId, earlierStepName: v.earlier.stepName, source: v.rule.source },
  );
}
