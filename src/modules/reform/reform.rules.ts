import { stepsOf } from '../process/process.rules.ts';
import type { PowerContent } from '../catalogue/power-item.rules.ts';

/**
 * 审批制度改革 (approval reform): how far each approval item was streamlined since the reform started. The county
 * reports "N 个项目精减了审批环节，M 个项目减少了申报材料，K 个项目缩短了办理时限"; these rules say what each of the
 * three figures counts.
 */

/**
 * The approval categories (categories.data.ts): 行政许可, and 非行政许可审批 where a province still lists it. Kept as
 * data so that a province with another approval category adds it here.
 */
export const APPROVAL_CATEGORIES: readonly string[] = Object.freeze(['licensing', 'non_licensing_approval']);

export const isApprovalCategory = (category: string): boolean => APPROVAL_CATEGORIES.includes(category);

/**
 * Responsibility stages that are not a step an application goes through: 事后监管 follows the decision, 其他 collects
 * the remaining duties. Counting them would make dropping a line of the 责任清单 look like a streamlined process.
 */
export const NON_PROCESS_STAGES: readonly string[] = Object.freeze(['事后监管', '其他']);

/** The three figures of an approval item the reform compares. */
export interface ApprovalFigures {
  /** 审批环节. */
  steps: number;
  /** 申报材料: every material listed, required and optional alike (an optional one is still asked of some applicants). */
  materials: number;
  /** 办理时限 in working days: the promised limit when there is one, else the statutory one; null when neither is set. */
  timeLimit: number | null;
}

/**
 * The number of steps of an item's process (两图): its steps, leaving out 监督 (supervision follows the decision and
 * is no step an application waits on). An item without a process yet counts the distinct stages of its
 * responsibility list (受理、审查、决定、送达 …), leaving out those that are not steps (`NON_PROCESS_STAGES`).
 */
export function approvalSteps(content: PowerContent): number {
  if (content.process) return stepsOf(content.process).filter((s) => s.duty !== 'supervise').length;
  const stages = new Set(content.responsibilities.map((r) => r.stage.trim()).filter((s) => s && !NON_PROCESS_STAGES.includes(s)));
  return stages.size;
}

/** The time limit the reform compares: promised ?? statutory, null when the item states neither. */
export const approvalTimeLimit = (content: PowerContent): number | null => content.promisedLimit ?? content.statutoryLimit;

/** The three figures of one revision's content. */
export function approvalFigures(content: PowerContent): ApprovalFigures {
  return { steps: approvalSteps(content), materials: content.materials.length, timeLimit: approvalTimeLimit(content) };
}

/** How an item stands against its baseline. Deltas are current − baseline (negative when reduced). */
export interface Comparison {
  fewerSteps: boolean;
  fewerMaterials: boolean;
  /** False when either side has no time limit: an unknown limit is not shorter, and a dropped one proves nothing. */
  shorterLimit: boolean;
  /** Any of the three. */
  streamlined: boolean;
  stepsDelta: number;
  materialsDelta: number;
  /** Null when either side has no time limit. */
  timeLimitDelta: number | null;
}

/** Compares an item's current figures (its published revision) with its baseline. */
export function compare(baseline: ApprovalFigures, current: ApprovalFigures): Comparison {
  const fewerSteps = current.steps < baseline.steps;
  const fewerMaterials = current.materials < baseline.materials;
  const timeLimitDelta = baseline.timeLimit === null || current.timeLimit === null ? null : current.timeLimit - baseline.timeLimit;
  const shorterLimit = timeLimitDelta !== null && timeLimitDelta < 0;
  return {
    fewerSteps,
    fewerMaterials,
    shorterLimit,
    streamlined: fewerSteps || fewerMaterials || shorterLimit,
    stepsDelta: current.steps - baseline.steps,
    materialsDelta: current.materials - baseline.materials,
    timeLimitDelta,
  };
}

/** An item with nothing published yet compares as not streamlined. */
export const NOT_COMPARED: Comparison = Object.freeze({
  fewerSteps: false,
  fewerMaterials: false,
  shorterLimit: false,
  streamlined: false,
  stepsDelta: 0,
  materialsDelta: 0,
  timeLimitDelta: null,
});

/** The counts the reform page shows, for the county or one unit. */
export interface ReformCounts {
  items: number;
  fewerSteps: number;
  fewerMaterials: number;
  shorterLimit: number;
  streamlined: number;
}

/** Counts comparisons: each item once per figure it improved, and once as streamlined when it improved any. */
export function countComparisons(comparisons: readonly Comparison[]): ReformCounts {
  const counts: ReformCounts = { items: 0, fewerSteps: 0, fewerMaterials: 0, shorterLimit: 0, streamlined: 0 };
  for (const c of comparisons) {
    counts.items += 1;
    if (c.fewerSteps) counts.fewerSteps += 1;
    if (c.fewerMaterials) counts.fewerMaterials += 1;
    if (c.shorterLimit) counts.shorterLimit += 1;
    if (c.streamlined) counts.streamlined += 1;
  }
  return counts;
}

const MAX_COUNT = 1000;
const MAX_DAYS = 3650;

/** Problems of figures entered by hand, by field (Chinese reasons); empty when they may be recorded. */
export function baselineProblems(f: ApprovalFigures): Record<string, string> {
  const problems: Record<string, string> = {};
  const count = (v: number) => Number.isInteger(v) && v >= 0 && v <= MAX_COUNT;
  if (!count(f.steps)) problems.steps = `环节数须为 0–${MAX_COUNT} 的整数`;
  if (!count(f.materials)) problems.materials = `材料数须为 0–${MAX_COUNT} 的整数`;
  if (f.timeLimit !== null && !(Number.isInteger(f.timeLimit) && f.timeLimit >= 0 && f.timeLimit <= MAX_DAYS)) {
    problems.timeLimit = `时限须为 0–${MAX_DAYS} 的整数（工作日），或留空`;
  }
  return problems;
}

export const BASELINE_LIMITS = { maxCount: MAX_COUNT, maxDays: MAX_DAYS } as const;
