// Separation of duties within a case: the default rules (审查与批准相分离, 定事与办理相分离, 承办与监督相分离) in
// both orders, as a full table of duty pairs; what one person may do twice; the liquor item's own rule (审查、许可、
// 发证 by three people); the order in which earlier steps are found; and the error a violation becomes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DomainError } from '../../shared/errors.ts';
import { DEMO_POWERS } from '../demo/demo-powers.data.ts';
import { DEMO_LIQUOR_LICENCE_CODE } from '../demo/demo-processes.data.ts';
import { stepsOf } from '../process/process.rules.ts';
import { STEP_DUTIES, type StepDuty } from '../process/process-vocabulary.data.ts';
import { DEFAULT_SEPARATIONS, findViolation, itemSeparation, violationError, type DoneStep } from './separation.rules.ts';

const NAMES: Record<StepDuty, string> = { accept: '受理', review: '审查', decide: '决定', deliver: '送达', enforce: '执行', supervise: '监督', other: '其他' };
const did = (duty: StepDuty, person = 'zhang', stepId = `${duty}_1`): DoneStep => ({ stepId, stepName: NAMES[duty], duty, person });

/**
 * The rule the defaults find when one person who did `earlier` takes a step of `later` (symmetric), or null.
 * Every one of the 7 × 7 ordered pairs of duties is in here.
 */
function expectedDefault(earlier: StepDuty, later: StepDuty): string | null {
  const pair = new Set([earlier, later]);
  if (pair.size === 2 && pair.has('review') && pair.has('decide')) return 'review_approve';
  if (pair.size === 2 && pair.has('decide') && (pair.has('accept') || pair.has('deliver'))) return 'decide_handle';
  if (pair.size === 2 && pair.has('supervise')) return 'handle_supervise';
  return null;
}

describe('the default rules', () => {
  test('their codes and names', () => {
    assert.deepEqual(
      DEFAULT_SEPARATIONS.map((r) => [r.code, r.name.zh]),
      [
        ['review_approve', '审查与批准相分离'],
        ['decide_handle', '定事与办理相分离'],
        ['handle_supervise', '承办与监督相分离'],
      ],
    );
  });

  // The table, written out for the pairs the brief names, then checked for all 49 pairs below.
  const ROWS: [StepDuty, StepDuty, string | null][] = [
    ['review', 'decide', 'review_approve'],
    ['decide', 'review', 'review_approve'], // a return put 决定 before a second 审查
    ['decide', 'accept', 'decide_handle'],
    ['accept', 'decide', 'decide_handle'],
    ['decide', 'deliver', 'decide_handle'],
    ['deliver', 'decide', 'decide_handle'],
    ['supervise', 'accept', 'handle_supervise'],
    ['review', 'supervise', 'handle_supervise'],
    ['supervise', 'decide', 'handle_supervise'],
    ['deliver', 'supervise', 'handle_supervise'],
    ['supervise', 'enforce', 'handle_supervise'],
    ['other', 'supervise', 'handle_supervise'],
    ['accept', 'review', null],
    ['review', 'accept', null],
    ['accept', 'deliver', null],
    ['review', 'deliver', null], // only the liquor item's own rule forbids this
    ['deliver', 'review', null],
    ['review', 'review', null],
    ['decide', 'decide', null],
    ['supervise', 'supervise', null],
    ['decide', 'enforce', null],
    ['enforce', 'review', null],
    ['other', 'decide', null],
  ];
  for (const [earlier, later, rule] of ROWS) {
    test(`one person: ${NAMES[earlier]} then ${NAMES[later]} → ${rule ?? 'allowed'}`, () => {
      const v = findViolation(DEFAULT_SEPARATIONS, [did(earlier)], 'zhang', later);
      assert.equal(v?.rule.code ?? null, rule);
      if (v) assert.deepEqual(v.earlier, did(earlier));
    });
  }

  test('all 49 ordered duty pairs, one person: exactly the pairs of the three rules are refused, in both orders', () => {
    const wrong: string[] = [];
    for (const earlier of STEP_DUTIES)
      for (const later of STEP_DUTIES) {
        const got = findViolation(DEFAULT_SEPARATIONS, [did(earlier)], 'zhang', later)?.rule.code ?? null;
        if (got !== expectedDefault(earlier, later)) wrong.push(`${earlier}→${later}: ${got}, expected ${expectedDefault(earlier, later)}`);
      }
    assert.deepEqual(wrong, []);
    assert.ok(STEP_DUTIES.length === 7);
  });

  test('a different person is always allowed, whatever the duties', () => {
    for (const earlier of STEP_DUTIES)
      for (const later of STEP_DUTIES) assert.equal(findViolation(DEFAULT_SEPARATIONS, [did(earlier, 'zhang')], 'li', later), null, `${earlier}→${later}`);
  });

  test('nothing done yet: nothing to break', () => {
    for (const duty of STEP_DUTIES) assert.equal(findViolation(DEFAULT_SEPARATIONS, [], 'zhang', duty), null);
  });

  test('every earlier step counts, not only the last: 审查 by zhang, then 送达 by li, then zhang may not 决定', () => {
    const done = [did('review', 'zhang', 'review'), did('deliver', 'li', 'deliver')];
    const v = findViolation(DEFAULT_SEPARATIONS, done, 'zhang', 'decide');
    assert.equal(v?.rule.code, 'review_approve');
    assert.equal(v?.earlier.stepId, 'review');
    assert.equal(findViolation(DEFAULT_SEPARATIONS, done, 'wang', 'decide'), null);
  });

  test('several conflicts: the first earlier step the person did is reported, with the rule it breaks', () => {
    const done = [did('accept', 'zhang', 'accept'), did('review', 'zhang', 'review')];
    const v = findViolation(DEFAULT_SEPARATIONS, done, 'zhang', 'decide');
    assert.equal(v?.earlier.stepId, 'accept');
    assert.equal(v?.rule.code, 'decide_handle');
  });
});

describe("the liquor item's own rule: 审查、许可、发证 by three people", () => {
  const liquor = DEMO_POWERS.find((p) => p.code === DEMO_LIQUOR_LICENCE_CODE)!;
  const own = liquor.content.process!.separations ?? [];
  const rules = [...DEFAULT_SEPARATIONS, ...own.map(itemSeparation)];
  const step = (name: string) => {
    const s = stepsOf(liquor.content.process!).find((x) => x.name === name)!;
    return { stepId: s.id, stepName: s.name, duty: s.duty! };
  };
  const review = step('审查');
  const decide = step('许可');
  const issue = step('发证');

  test('the demo item has the rule, and it becomes item_1 with its reason as its name', () => {
    assert.deepEqual(own, [{ duties: ['review', 'decide', 'deliver'], reason: '审查、许可、发证分别由三人负责（经信局酒类流通备案登记）' }]);
    const r = itemSeparation(own[0]!, 0);
    assert.equal(r.code, 'item_1');
    assert.equal(r.name.zh, own[0]!.reason);
    assert.equal(r.name.en, 'Item rule: review, decide, deliver by different people');
    assert.deepEqual(r.duties, ['review', 'decide', 'deliver']);
    assert.equal(r.against, undefined);
    assert.equal(itemSeparation(own[0]!, 2).code, 'item_3');
  });

  test('审查 then 发证 by one person: allowed by the defaults, refused by the item rule (both orders)', () => {
    for (const [earlier, later] of [
      [review, issue],
      [issue, review],
    ] as const) {
      const done = [{ ...earlier, person: 'zhang' }];
      assert.equal(findViolation(DEFAULT_SEPARATIONS, done, 'zhang', later.duty), null);
      const v = findViolation(rules, done, 'zhang', later.duty);
      assert.equal(v?.rule.code, 'item_1');
      assert.equal(v?.earlier.stepId, earlier.stepId);
      assert.equal(findViolation(rules, done, 'li', later.duty), null, 'another person may');
    }
  });

  test('the pairs a default rule already covers are reported under the default rule (it comes first)', () => {
    assert.equal(findViolation(rules, [{ ...review, person: 'zhang' }], 'zhang', decide.duty)?.rule.code, 'review_approve');
    assert.equal(findViolation(rules, [{ ...decide, person: 'zhang' }], 'zhang', issue.duty)?.rule.code, 'decide_handle');
  });

  test('the item rule alone: pairwise among its duties, not a duty with itself nor a duty it does not name', () => {
    const r = [itemSeparation({ duties: ['review', 'decide', 'deliver'], reason: '三人' }, 0)];
    const among = ['review', 'decide', 'deliver'] as StepDuty[];
    for (const a of STEP_DUTIES)
      for (const b of STEP_DUTIES) {
        const expected = a !== b && among.includes(a) && among.includes(b) ? 'item_1' : null;
        assert.equal(findViolation(r, [did(a)], 'zhang', b)?.rule.code ?? null, expected, `${a}→${b}`);
      }
  });
});

describe('violationError', () => {
  test('sod.violation with the rule, its name and source, and the earlier step; both languages name both steps', () => {
    const v = findViolation(DEFAULT_SEPARATIONS, [did('review', 'zhang', 'review_7')], 'zhang', 'decide')!;
    const e = violationError(v, '决定');
    assert.ok(e instanceof DomainError);
    assert.equal(e.code, 'sod.violation');
    assert.equal(e.details.rule, 'review_approve');
    assert.deepEqual(e.details.ruleName, { zh: '审查与批准相分离', en: 'Review and approval separated' });
    assert.equal(e.details.earlierStep, 'review_7');
    assert.equal(e.details.earlierStepName, '审查');
    assert.equal(e.details.source, v.rule.source);
    assert.equal(e.text.zh, '违反“审查与批准相分离”：您已办理本案的“审查”环节，不能再办理“决定”');
    assert.match(e.text.en, /Review and approval separated.*“审查”.*“决定”/);
    assert.equal(e.message, e.text.en);
  });

  test("an item rule's error carries the item's reason as the rule name", () => {
    const rule = itemSeparation({ duties: ['review', 'deliver'], reason: '审查与发证分人' }, 0);
    const v = findViolation([rule], [did('deliver', 'zhang', 'issue')], 'zhang', 'review')!;
    const e = violationError(v, '审查');
    assert.equal(e.details.rule, 'item_1');
    assert.deepEqual(e.details.ruleName, rule.name);
    assert.equal(e.details.earlierStep, 'issue');
    assert.equal(e.details.earlierStepName, '送达');
    assert.match(e.text.zh, /违反“审查与发证分人”/);
  });
});
