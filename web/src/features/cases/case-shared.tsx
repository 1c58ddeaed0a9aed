// What the case pages share: the receipt code as people read it, the warning / state tags, duty names, and the box
// that explains a duty-separation refusal.
import { Alert, Tag } from 'antd';
import type { ApiError } from '../../lib/api-client';
import { formatInstant } from '../../lib/time';
import type { Label } from '../../lib/api-types';
import { pickLabel, useLang, useT, type MessageKey } from '../../lib/i18n';
import { CASE_STATES, STEP_DUTIES, WARNINGS, type CaseState, type StepDuty, type Warning } from './api';

/** The receipt code as stored: twelve symbols, no separators (the server's views send it grouped). */
export const bareReceipt = (receipt: string): string => receipt.replace(/[\s-]/g, '').toUpperCase();

/** K7QM3XA29HTC → K7QM-3XA2-9HTC (formatReceipt of src/modules/cases/receipt.rules.ts); grouped codes stay as they are. */
export const formatReceipt = (receipt: string): string => bareReceipt(receipt).replace(/(.{4})(?=.)/g, '$1-');

/** A receipt code in groups of four, in a fixed-width font. */
export function Receipt({ receipt }: { receipt: string }) {
  return <span className="mono">{formatReceipt(receipt)}</span>;
}

const WARNING_COLOR: Record<Warning, string> = { none: 'default', green: 'green', yellow: 'gold', red: 'red' };

/** Where the case stands against its limit: green, yellow (80% used), red (past the promise), none (no limit). */
export function WarningTag({ warning }: { warning: string }) {
  const t = useT();
  const known = (WARNINGS as readonly string[]).includes(warning) ? (warning as Warning) : undefined;
  return (
    <Tag color={known ? WARNING_COLOR[known] : 'default'} data-warning={warning} data-testid="warning-tag">
      {known ? t(`cases.warning.${known}` as MessageKey) : warning}
    </Tag>
  );
}

const STATE_COLOR: Record<CaseState, string> = { pending: 'blue', running: 'processing', suspended: 'orange', done: 'default' };

export function CaseStateTag({ state }: { state: string }) {
  const t = useT();
  const known = (CASE_STATES as readonly string[]).includes(state) ? (state as CaseState) : undefined;
  return (
    <Tag color={known ? STATE_COLOR[known] : 'default'} data-state={state}>
      {known ? t(`cases.state.${known}` as MessageKey) : state}
    </Tag>
  );
}

const TASK_STATE_COLOR: Record<string, string> = { open: 'blue', claimed: 'processing', done: 'green', cancelled: 'default' };

export function TaskStateTag({ state }: { state: string }) {
  const t = useT();
  const known = state in TASK_STATE_COLOR;
  return <Tag color={TASK_STATE_COLOR[state] ?? 'default'}>{known ? t(`cases.taskState.${state}` as MessageKey) : state}</Tag>;
}

/** A step duty (受理、审查、决定 …) in words; an unknown one as its code. */
export function useDutyName(): (duty: string) => string {
  const t = useT();
  return (duty) => ((STEP_DUTIES as readonly string[]).includes(duty) ? t(`cases.duty.${duty as StepDuty}` as MessageKey) : duty);
}

function isLabel(value: unknown): value is Label {
  return typeof value === 'object' && value !== null && typeof (value as Label).zh === 'string' && typeof (value as Label).en === 'string';
}

/**
 * A refusal for separation of duties (409 `sod.violation`): the server's message, then the rule and the earlier step
 * it names, so the person sees why and which of their own steps stands in the way. Other errors: undefined.
 */
export function SodRefusal({ error }: { error: ApiError }) {
  const t = useT();
  const { lang } = useLang();
  const d = error.details;
  const rule = isLabel(d.ruleName) ? pickLabel(d.ruleName, lang) : typeof d.rule === 'string' ? d.rule : null;
  const earlier = typeof d.earlierStepName === 'string' ? d.earlierStepName : typeof d.earlierStep === 'string' ? d.earlierStep : null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="sod-refusal"
      title={t('cases.sod.title')}
      description={
        <>
          <div data-testid="sod-message">{error.message}</div>
          {rule ? (
            <div data-testid="sod-rule">
              {t('cases.sod.rule')}
              {rule}
            </div>
          ) : null}
          {earlier ? (
            <div data-testid="sod-earlier">
              {t('cases.sod.earlier')}
              {earlier}
            </div>
          ) : null}
          <div className="muted">{t('cases.sod.recorded')}</div>
        </>
      }
    />
  );
}

/** ActionModal's renderError for actions on tasks: the separation refusal gets its own box. */
export const renderTaskError = (error: ApiError) => (error.code === 'sod.violation' ? <SodRefusal error={error} /> : undefined);

/** Bytes as people read them (12.3 KB). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A deadline instant as the legal clock writes it: midnight Beijing time is the end of the day before (2026-03-18
 * 24:00), not the start of the next; other instants as they are.
 */
export function DeadlineTime({ iso }: { iso: string | null | undefined }) {
  const t = useT();
  if (!iso) return <span className="muted">{t('common.none')}</span>;
  const shown = formatInstant(iso);
  const midnight = shown.endsWith(' 00:00');
  const text = midnight ? `${formatInstant(new Date(new Date(iso).getTime() - 60_000).toISOString()).slice(0, 10)} 24:00` : shown;
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}
