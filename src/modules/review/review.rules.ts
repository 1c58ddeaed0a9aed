/**
 * "三上三下" legal review of a unit's power list: the batch's state machine, who acts at each step, and what must
 * hold before a batch may move on. Pure: no I/O, no clock.
 */

export const BATCH_STATES = ['draft', 'submitted', 'in_review', 'returned', 'resubmitted', 'passed', 'evaluation', 'published'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

export const REVIEW_ACTIONS = ['submit', 'take', 'return', 'resubmit', 'pass', 'evaluate', 'send_back', 'publish'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/**
 * Who acts: the unit's clerk compiles the batch, the unit head (一把手) submits it, the legal group (政策法规组)
 * reviews, and a county leader over the unit evaluates (评审) and publishes.
 */
export type ReviewParty = 'unit_clerk' | 'unit_head' | 'legal_reviewer' | 'county_leader';

export interface Transition {
  from: readonly BatchState[];
  to: BatchState;
  by: ReviewParty;
  label: { zh: string; en: string };
}

export const TRANSITIONS: Record<ReviewAction, Transition> = {
  submit: { from: ['draft'], to: 'submitted', by: 'unit_head', label: { zh: '报送审查', en: 'Submit' } },
  take: { from: ['submitted', 'resubmitted'], to: 'in_review', by: 'legal_reviewer', label: { zh: '开始审查', en: 'Start review' } },
  return: { from: ['in_review'], to: 'returned', by: 'legal_reviewer', label: { zh: '退回整改', en: 'Return for rectification' } },
  resubmit: { from: ['returned'], to: 'resubmitted', by: 'unit_head', label: { zh: '整改后重新报送', en: 'Resubmit' } },
  pass: { from: ['in_review'], to: 'passed', by: 'legal_reviewer', label: { zh: '初审通过', en: 'Pass initial review' } },
  evaluate: { from: ['passed'], to: 'evaluation', by: 'county_leader', label: { zh: '开始评审', en: 'Start evaluation' } },
  send_back: { from: ['evaluation'], to: 'returned', by: 'county_leader', label: { zh: '评审退回', en: 'Send back from evaluation' } },
  publish: { from: ['evaluation'], to: 'published', by: 'county_leader', label: { zh: '评审通过并公布', en: 'Approve and publish' } },
};

/** States in which the unit may add items to its batch (compiling it, or adding an omitted item before resubmitting). */
export const COMPOSABLE_STATES: readonly BatchState[] = ['draft', 'returned'];

/** "三上三下": three returns are the norm; a fourth is allowed but the inspector is told. */
export const NORMAL_RETURNS = 3;

/** The three questions asked of every item (逐条逐项进行合法性、合理性和必要性审查). */
export const ASPECTS = ['legality', 'reasonableness', 'necessity'] as const;
export type Aspect = (typeof ASPECTS)[number];
export const ASPECT_LABELS: Record<Aspect, { zh: string; en: string }> = {
  legality: { zh: '合法性', en: 'Legality' },
  reasonableness: { zh: '合理性', en: 'Reasonableness' },
  necessity: { zh: '必要性', en: 'Necessity' },
};

export const PROBLEMS = ['omission', 'wrong_entry', 'invalid_basis', 'beyond_competence', 'incomplete', 'other'] as const;
export type Problem = (typeof PROBLEMS)[number];
export const PROBLEM_LABELS: Record<Problem, { zh: string; en: string }> = {
  omission: { zh: '漏报', en: 'Omission' },
  wrong_entry: { zh: '错报', en: 'Wrong entry' },
  invalid_basis: { zh: '依据失效', en: 'Invalid basis' },
  beyond_competence: { zh: '超越职权', en: 'Beyond competence' },
  incomplete: { zh: '要件不全', en: 'Incomplete' },
  other: { zh: '其他', en: 'Other' },
};

export type Verdict = 'pass' | 'problem';

/** A finding on one aspect of one item, in one round, about the revision then under review. */
export interface Finding {
  itemId: string;
  revision: number;
  round: number;
  aspect: Aspect;
  verdict: Verdict;
  problem: Problem | null;
  comment: string | null;
}

/** A rectification entry (整改台账) as the rules need it. */
export interface RectificationState {
  id: string;
  itemId: string | null;
  problem: Problem;
  /** Omissions name the item the unit must add; it must be linked and in the batch before resubmitting. */
  missingItemName: string | null;
  resolvedItemId: string | null;
  raisedRound: number;
  responseRound: number | null;
  state: 'open' | 'accepted' | 'withdrawn';
}

/** A refusal the service turns into a domain error. */
export interface Refusal {
  zh: string;
  en: string;
}

/** The state a batch moves to, or the refusal when the action does not apply in its state. */
export function nextState(state: BatchState, action: ReviewAction): BatchState | Refusal {
  const t = TRANSITIONS[action];
  if (!t.from.includes(state)) {
    return {
      zh: `批次当前为「${STATE_LABELS[state].zh}」，不能${t.label.zh}`,
      en: `The batch is ${STATE_LABELS[state].en.toLowerCase()}: cannot ${t.label.en.toLowerCase()}`,
    };
  }
  return t.to;
}

export const STATE_LABELS: Record<BatchState, { zh: string; en: string }> = {
  draft: { zh: '编制中', en: 'Draft' },
  submitted: { zh: '已报送', en: 'Submitted' },
  in_review: { zh: '审查中', en: 'In review' },
  returned: { zh: '已退回', en: 'Returned' },
  resubmitted: { zh: '已重新报送', en: 'Resubmitted' },
  passed: { zh: '初审通过', en: 'Initial review passed' },
  evaluation: { zh: '评审中', en: 'In evaluation' },
  published: { zh: '已公布', en: 'Published' },
};

/** Does a finding hold together: a pass carries no problem; a problem names its kind and says what is wrong. */
export function findingProblem(f: { verdict: Verdict; problem: Problem | null; comment: string | null }): Refusal | null {
  if (f.verdict === 'pass' && f.problem !== null) return { zh: '通过的审查意见不应填写问题类型', en: 'A pass carries no problem type' };
  if (f.verdict === 'problem' && f.problem === null) return { zh: '请选择问题类型', en: 'Choose the kind of problem' };
  if (f.verdict === 'problem' && !f.comment?.trim()) return { zh: '请写明问题', en: 'Say what the problem is' };
  return null;
}

/**
 * An item is cleared when the revision now under review has a pass on all three aspects (the latest finding per
 * aspect counts, from any round — an unchanged revision passed in round 1 needs no second look) and none of its
 * rectification entries is open.
 */
export function itemCleared(revision: number, findings: readonly Finding[], openEntries: number): boolean {
  if (openEntries > 0) return false;
  return ASPECTS.every((aspect) => {
    const latest = findings
      .filter((f) => f.aspect === aspect && f.revision === revision)
      .reduce<Finding | null>((a, f) => (a === null || f.round > a.round ? f : a), null);
    return latest?.verdict === 'pass';
  });
}

/** Why the reviewer may not pass the batch yet, or null: items without three passes, and fixes not yet accepted. */
export function passRefusal(items: { code: string; passed: boolean }[], openEntries: number): Refusal | null {
  const pending = items.filter((i) => !i.passed).map((i) => i.code);
  const zh: string[] = [];
  const en: string[] = [];
  if (pending.length > 0) {
    const more = pending.length > 10;
    zh.push(`以下事项尚未在合法性、合理性、必要性三方面全部通过：${pending.slice(0, 10).join('、')}${more ? ` 等 ${pending.length} 项` : ''}`);
    en.push(
      `Not every item has passed on legality, reasonableness and necessity: ${pending.slice(0, 10).join(', ')}${more ? ` and ${pending.length - 10} more` : ''}`,
    );
  }
  if (openEntries > 0) {
    zh.push(`还有 ${openEntries} 条整改未验收`);
    en.push(`${openEntries} rectification(s) not yet accepted`);
  }
  return zh.length > 0 ? { zh: zh.join('；'), en: en.join('; ') } : null;
}

/** Why the unit may not resubmit yet: every open entry needs this round's response, every omission its new item. */
export function resubmitRefusal(round: number, entries: readonly RectificationState[], batchItemIds: ReadonlySet<string>): Refusal | null {
  const open = entries.filter((e) => e.state === 'open');
  const unanswered = open.filter((e) => e.responseRound !== round).length;
  if (unanswered > 0) return { zh: `还有 ${unanswered} 条整改未填写整改情况`, en: `${unanswered} rectification(s) have no response yet` };
  const missing = open.filter((e) => e.problem === 'omission' && e.itemId === null && (e.resolvedItemId === null || !batchItemIds.has(e.resolvedItemId)));
  if (missing.length > 0) {
    return {
      zh: `漏报事项尚未补报：${missing.map((e) => e.missingItemName).join('、')}`,
      en: `Omitted items not yet added: ${missing.map((e) => e.missingItemName).join(', ')}`,
    };
  }
  return null;
}

/** Problems found in a round become rectification entries when the batch is returned, unless one is already open. */
export function entriesToRaise(
  roundFindings: readonly Finding[],
  openEntries: readonly { itemId: string | null; aspect: Aspect | null; problem: Problem }[],
): Finding[] {
  return roundFindings.filter(
    (f) => f.verdict === 'problem' && !openEntries.some((e) => e.itemId === f.itemId && e.aspect === f.aspect && e.problem === f.problem),
  );
}

/** A return beyond the third opens a supervision alert: "三上三下" is the rule, more rounds need watching. */
export const returnNeedsAlert = (returnsAfter: number): boolean => returnsAfter > NORMAL_RETURNS;
