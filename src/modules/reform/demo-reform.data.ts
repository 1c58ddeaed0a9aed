import type { ApprovalFigures } from './reform.rules.ts';

/**
 * The demo county's approval reform, as its report puts it: "32个项目精减了审批环节，31个项目减少了申报材料，49个项目
 * 缩短了办理时限". The demo's items are loaded as they stand after the reform; these baselines are what they were
 * before it, so that the ledger shows exactly the report's figures.
 */
export const DEMO_REFORM_TARGETS = Object.freeze({ fewerSteps: 32, fewerMaterials: 31, shorterLimit: 49 });

/** An approval item of the demo with its current (published) figures. */
export interface DemoApprovalItem {
  code: string;
  current: ApprovalFigures;
}

/**
 * `k` of `n` positions spread evenly over the list and turned by `offset`, so that the three groups overlap in part:
 * some items were streamlined in several ways, others not at all.
 */
function spread(k: number, n: number, offset: number): Map<number, number> {
  const picked = new Map<number, number>();
  for (let j = 0; j < k; j += 1) picked.set((Math.floor((j * n) / k) + offset) % n, j);
  return picked;
}

/**
 * Baselines for the demo's approval items (deterministic: items are taken in code order). Exactly
 * `DEMO_REFORM_TARGETS.fewerSteps` items get a baseline with one or two more steps, `fewerMaterials` one to three more
 * materials, `shorterLimit` a longer time limit (only items that state a limit can count); every other figure of
 * every item is its current one. Throws when the items are too few to reach the figures.
 */
export function demoReformBaselines(items: readonly DemoApprovalItem[]): { code: string; baseline: ApprovalFigures }[] {
  const sorted = [...items].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const withLimit = sorted.filter((i) => i.current.timeLimit !== null);
  const { fewerSteps, fewerMaterials, shorterLimit } = DEMO_REFORM_TARGETS;
  if (sorted.length < Math.max(fewerSteps, fewerMaterials) || withLimit.length < shorterLimit) {
    throw new Error(
      `示范县审批事项不足：需要至少 ${shorterLimit} 个有办理时限的审批事项，现有 ${withLimit.length} 个（共 ${sorted.length} 个）` +
        ` (too few demo approval items for the reform figures)`,
    );
  }
  const steps = spread(fewerSteps, sorted.length, 1);
  const materials = spread(fewerMaterials, sorted.length, 2);
  const limits = spread(shorterLimit, withLimit.length, 0);
  const longerLimit = new Map<string, number>();
  for (const [position, j] of limits) {
    const current = withLimit[position]!.current.timeLimit!;
    // A quarter, a half or the whole of today's limit again, at least one working day.
    longerLimit.set(withLimit[position]!.code, current + Math.max(1, Math.ceil(current * [0.25, 0.5, 1][j % 3]!)));
  }
  return sorted.map((item, position) => {
    const s = steps.get(position);
    const m = materials.get(position);
    return {
      code: item.code,
      baseline: {
        steps: item.current.steps + (s === undefined ? 0 : 1 + (s % 2)),
        materials: item.current.materials + (m === undefined ? 0 : 1 + (m % 3)),
        timeLimit: longerLimit.get(item.code) ?? item.current.timeLimit,
      },
    };
  });
}
