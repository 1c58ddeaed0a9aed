import type { CaseView } from './case.contract.ts';

const day = (instant: string | null) => (instant ? instant.slice(0, 16).replace('T', ' ') + 'Z' : '-');

/** A case as lines of text, for `sunlit cases show`. */
export function caseLines(c: CaseView): string[] {
  const d = c.deadlines;
  const lines = [
    `${c.receipt}  ${c.itemCode} ${c.itemName} (revision ${c.revision})`,
    `unit ${c.unit.code} ${c.unit.name}; ${c.channel}; applicant ${c.applicant.organisation ?? c.applicant.name}`,
    `state ${c.state}${c.outcome ? ` — ${c.outcome}` : ''}; arrived ${day(c.arrivedAt)}; accepted ${day(c.acceptedAt)}${c.deemedAccepted ? ' (deemed, art. 32 / 视为受理)' : ''}; closed ${day(c.closedAt)}`,
    d.limitDays === null
      ? 'no time limit / 无办理时限'
      : `limit ${d.limitDays} working days (${d.limitKind}); due ${d.dueDate}${d.provisional ? ' 暂定 provisional' : ''}; warning ${d.warning}; yellow ${day(d.yellowAt)}; red ${day(d.redAt)}; statutory due ${day(d.statutoryDue)}${d.passedStatutory ? ' PASSED / 已超法定时限' : ''}`,
    'steps:',
    ...c.tasks.map(
      (t) =>
        `  ${t.stepName} [${t.duty}] ${t.state}${t.claimedBy ? ` by ${t.completedBy ?? t.claimedBy}` : ''}${t.outcome ? ` → ${t.outcome}` : ''}${t.due ? ` (due ${day(t.due)})` : ''}`,
    ),
    'timeline:',
    ...c.timeline.map((e) => `  ${day(e.at)}  ${e.label.zh} / ${e.label.en}${e.by ? ` — ${e.by}` : ''}${e.detail ? `: ${e.detail}` : ''}`),
  ];
  for (const e of c.extensions) lines.push(`extended +${e.days} by ${e.approvedBy}: ${e.reason}`);
  return lines;
}
