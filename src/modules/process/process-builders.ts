import type { ExclusiveNode, Flow, ParallelNode, ProcessNode, RiskPoint, StepNode } from './process.rules.ts';
import type { StepDuty } from './process-vocabulary.data.ts';

/** Short builders for processes written as data (the templates, test fixtures): a step of the item's own unit. */
export const step = (
  id: string,
  name: string,
  duty: StepDuty,
  role: StepNode['performer']['role'],
  limitDays: number | null,
  risks: RiskPoint[] = [],
  extra: Partial<StepNode> = {},
): StepNode => ({ id, kind: 'step', name, duty, performer: { role, unit: 'own', unitCode: null }, limitDays, clockStop: null, risks, ...extra });
export const choice = (id: string, name: string): ExclusiveNode => ({ id, kind: 'exclusive', name });
export const parallel = (id: string): ParallelNode => ({ id, kind: 'parallel', name: null });
export const end = (id: string, name: string): ProcessNode => ({ id, kind: 'end', name });
export const flow = (from: string, to: string, outcome: string | null = null): Flow => ({ from, to, outcome });
export const risk = (grade: RiskPoint['grade'], category: string, description: string, measures: string, post: string | null = null): RiskPoint => ({
  grade,
  category,
  description,
  measures,
  post,
});
