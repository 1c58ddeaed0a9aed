// Processes that are valid but hard to lay out, for the drawing engine's limits: a chain of steps with 退回 flows to
// its first step, and a tangle of random flows.
import type { Flow, ProcessDefinition, ProcessNode, StepNode } from '../../process.rules.ts';

const step = (i: number): StepNode => ({
  id: `s${i}`,
  kind: 'step',
  name: i === 1 ? '受理' : `审查步骤${i}`,
  duty: i === 1 ? 'accept' : 'review',
  performer: { role: 'clerk', unit: 'own', unitCode: null },
  limitDays: 1,
  clockStop: null,
  risks: [],
});

/**
 * 开始 → s1 (受理) → … → sN → 办结, with a 退回 flow to s1 from the last step (`back: 'last'`) or from every step after
 * the first (`back: 'every'`).
 */
export function chainWithBackFlows(steps: number, back: 'last' | 'every'): ProcessDefinition {
  const nodes: ProcessNode[] = [{ id: 'start', kind: 'start', name: '申请人提交申请' }];
  const flows: Flow[] = [{ from: 'start', to: 's1', outcome: null }];
  for (let i = 1; i <= steps; i++) {
    nodes.push(step(i));
    if (i > 1) flows.push({ from: `s${i - 1}`, to: `s${i}`, outcome: back === 'every' && i > 2 ? '通过' : null });
  }
  nodes.push({ id: 'end', kind: 'end', name: '办结' });
  flows.push({ from: `s${steps}`, to: 'end', outcome: '通过' });
  for (let i = back === 'last' ? steps : 2; i <= steps; i++) flows.push({ from: `s${i}`, to: 's1', outcome: '退回' });
  return { nodes, flows };
}

/** A start, `steps` steps and an end joined by a chain, plus `extra` flows between random steps (a fixed seed). */
export function tangle(steps: number, extra: number, seed = 1): ProcessDefinition {
  const base = chainWithBackFlows(steps, 'last');
  base.flows.pop();
  let s = seed;
  const rand = (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return 1 + (s % n);
  };
  for (let i = 0; i < extra; i++) base.flows.push({ from: `s${rand(steps)}`, to: `s${rand(steps)}`, outcome: `结果${i}` });
  return base;
}
