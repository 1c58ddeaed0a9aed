import { outcomesAfter, type Chart } from './case-engine.rules.ts';
import { CASE_LAW, warningAt } from './case-clock.rules.ts';
import type { CaseSummary, CaseView, TaskView } from './case.contract.ts';
import type { CaseRecord, TaskRecord } from './case.repository.ts';
import { formatReceipt } from './receipt.rules.ts';

/** How cases and tasks are shown to staff: pure shaping of the records, the clock's warnings read at `now`. */

/**
 * Acceptance as the case shows it: given, or — nobody answered within the five working days, and no correction was
 * asked for — deemed given on the day the materials arrived (第三十二条), before anyone records it.
 */
export function acceptanceShown(c: CaseRecord, now: Date): { acceptedAt: string | null; deemedAccepted: boolean } {
  const unanswered = c.state === 'pending' && !c.correctionAsked && now >= new Date(c.acceptanceDueAt);
  return unanswered ? { acceptedAt: c.arrivedAt, deemedAccepted: true } : { acceptedAt: c.acceptedAt, deemedAccepted: c.deemedAccepted };
}

export function summaryOf(c: CaseRecord, units: Map<string, { code: string; name: string }>, current: string[], now: Date): CaseSummary {
  const at = c.closedAt ? new Date(c.closedAt) : now;
  const yellowAt = c.yellowAt ? new Date(c.yellowAt) : null;
  const redAt = c.redAt ? new Date(c.redAt) : null;
  return {
    id: c.id,
    receipt: formatReceipt(c.receipt),
    itemCode: c.itemCode,
    itemName: c.itemName,
    revision: c.revision,
    unit: units.get(c.unitId) ?? { code: '', name: '' },
    channel: c.channel,
    state: c.state,
    outcome: c.outcome,
    applicantMasked: c.applicantMasked,
    arrivedAt: c.arrivedAt,
    ...acceptanceShown(c, now),
    closedAt: c.closedAt,
    current,
    deadlines: {
      due: c.dueAt,
      dueDate: c.dueDate,
      yellowAt: c.yellowAt,
      redAt: c.redAt,
      statutoryDue: c.statutoryDueAt,
      passedStatutory: c.passedStatutory || (c.state !== 'done' && c.statutoryDueAt !== null && now > new Date(c.statutoryDueAt)),
      warning: warningAt({ yellowAt, redAt }, at),
      provisional: c.provisional,
      limitDays: c.limitDays,
      limitKind: c.limitKind,
    },
    workdaysTaken: c.workdaysTaken,
  };
}

export function taskView(
  t: TaskRecord,
  c: CaseRecord,
  chart: Chart,
  units: Map<string, { code: string; name: string }>,
  logins: Map<string, string>,
  now: Date,
): TaskView {
  const at = c.closedAt ? new Date(c.closedAt) : now;
  return {
    id: t.id,
    caseId: c.id,
    receipt: formatReceipt(c.receipt),
    itemCode: c.itemCode,
    itemName: c.itemName,
    stepId: t.stepId,
    stepName: t.stepName,
    duty: t.duty,
    role: t.role,
    unit: units.get(t.unitId) ?? { code: '', name: '' },
    state: t.state,
    createdAt: t.createdAt,
    due: t.dueAt,
    claimedBy: t.claimedBy ? (logins.get(t.claimedBy) ?? null) : null,
    claimedAt: t.claimedAt,
    completedBy: t.completedBy ? (logins.get(t.completedBy) ?? null) : null,
    completedAt: t.completedAt,
    outcome: t.outcome,
    comment: t.comment,
    notice: t.notice,
    attachments: t.attachments,
    outcomes: t.state === 'done' || t.state === 'cancelled' ? [] : outcomesAfter(chart, t.stepId),
    clockStop: t.clockStop,
    applicantMasked: c.applicantMasked,
    caseWarning: warningAt({ yellowAt: c.yellowAt ? new Date(c.yellowAt) : null, redAt: c.redAt ? new Date(c.redAt) : null }, at),
  };
}

/** The case's story in order, for staff: arrival, acceptance, each step, clock stops, extensions, the end. */
export function timelineOf(c: CaseRecord, tasks: TaskRecord[], logins: Map<string, string>): CaseView['timeline'] {
  const who = (id: string | null) => (id ? (logins.get(id) ?? null) : null);
  const entries: CaseView['timeline'] = [
    {
      at: c.arrivedAt,
      kind: 'arrived',
      label: { zh: c.channel === 'online' ? '网上申请' : '窗口登记', en: c.channel === 'online' ? 'Applied online' : 'Registered at the counter' },
      by: null,
      detail: null,
    },
  ];
  if (c.acceptedAt)
    entries.push({
      at: c.acceptedAt,
      kind: c.deemedAccepted ? 'deemed_accepted' : 'accepted',
      label: c.deemedAccepted
        ? { zh: '视为受理（逾期未作受理决定）', en: 'Deemed accepted (no answer within five working days)' }
        : { zh: '受理', en: 'Accepted' },
      by: null,
      detail: c.deemedAccepted ? CASE_LAW.acceptanceSource : null,
    });
  for (const t of tasks) {
    if (t.claimedAt)
      entries.push({
        at: t.claimedAt,
        kind: 'claimed',
        label: { zh: `认领：${t.stepName}`, en: `Claimed: ${t.stepName}` },
        by: who(t.claimedBy),
        detail: t.notice,
      });
    if (t.completedAt)
      entries.push({
        at: t.completedAt,
        kind: 'completed',
        label: { zh: `办结：${t.stepName}`, en: `Done: ${t.stepName}` },
        by: who(t.completedBy),
        detail: [t.outcome, t.comment].filter(Boolean).join(' — ') || null,
      });
  }
  for (const e of c.extensions)
    entries.push({
      at: e.at,
      kind: 'extended',
      label: { zh: `延期 ${e.days} 个工作日`, en: `Extended by ${e.days} working days` },
      by: e.approvedBy,
      detail: e.reason,
    });
  if (c.closedAt)
    entries.push({ at: c.closedAt, kind: 'closed', label: { zh: `办结：${c.outcome ?? ''}`, en: `Closed: ${c.outcome ?? ''}` }, by: null, detail: null });
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
