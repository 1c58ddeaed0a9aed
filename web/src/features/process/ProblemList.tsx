import { Alert, Flex, Tag } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { useT } from '../../lib/i18n';
import type { ProcessDefinition, ProcessProblem } from './api';
import { nodeName } from './process-model';
import type { ProcessWords } from './process-shared';

/** Brings a node's card into view and puts the focus in its first field. */
export function showNode(nodeId: string): void {
  const card = document.getElementById(`process-node-${nodeId}`);
  if (!card) return;
  card.scrollIntoView({ behavior: 'smooth', block: 'center' });
  card.querySelector<HTMLElement>('input, textarea')?.focus({ preventScroll: true });
}

function Problems({ problems, words }: { problems: readonly ProcessProblem[]; words: ProcessWords }) {
  return (
    <ul className="process-problem-list">
      {problems.map((x, i) => (
        <li key={i} data-code={x.code}>
          {x.nodeId ? (
            <button type="button" className="process-problem-link" onClick={() => showNode(x.nodeId!)}>
              {words.pick(x.message)}
            </button>
          ) : (
            words.pick(x.message)
          )}
        </li>
      ))}
    </ul>
  );
}

interface Props {
  problems: readonly ProcessProblem[];
  /** The check has answered for the current process (no "all good" while it has not). */
  checked: boolean;
}

/** The check's findings: errors (须修改后才能保存) in red, warnings (发布前须补全) in orange; each leads to its node. */
export function ProblemList({ problems, checked, words }: Props & { words: ProcessWords }) {
  const t = useT();
  const errors = problems.filter((x) => x.severity === 'error');
  const warnings = problems.filter((x) => x.severity === 'warning');
  if (problems.length === 0) {
    return checked ? (
      <Alert type="success" showIcon icon={<CheckCircleFilled />} data-testid="process-problems-none" title={t('process.problemsNone')} />
    ) : null;
  }
  return (
    <Flex vertical gap={8} data-testid="process-problems">
      {errors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          data-testid="process-errors"
          title={t('process.errorsTitle', { n: errors.length })}
          description={<Problems problems={errors} words={words} />}
        />
      ) : null}
      {warnings.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="process-warnings"
          title={t('process.warningsTitle', { n: warnings.length })}
          description={<Problems problems={warnings} words={words} />}
        />
      ) : null}
    </Flex>
  );
}

/** 最长路径 N 个工作日 against the item's limit (the promised one, else the statutory one). */
export function LongestPath({
  longest,
  process,
  statutoryLimit,
  promisedLimit,
  words,
}: {
  longest: { days: number; path: string[] } | null | undefined;
  process: ProcessDefinition;
  statutoryLimit: number | null;
  promisedLimit: number | null;
  words: ProcessWords;
}) {
  const t = useT();
  const limit = promisedLimit ?? statutoryLimit;
  const which = promisedLimit !== null ? t('process.limitPromised') : t('process.limitStatutory');
  const byId = new Map(process.nodes.map((n) => [n.id, n]));
  const route = longest?.path
    .map((id) => byId.get(id))
    .filter((n) => n !== undefined)
    .map((n) => nodeName(n, words.kind))
    .join(' → ');
  const over = longest && limit !== null && longest.days > limit;
  return (
    <Flex gap={8} wrap align="center" data-testid="process-longest" data-days={longest?.days ?? ''}>
      <span>{t('process.longest')}</span>
      {longest ? (
        <Tag color={over ? 'red' : limit === null ? 'default' : 'green'} style={{ marginInlineEnd: 0 }}>
          {t('process.daysN', { n: longest.days })}
        </Tag>
      ) : (
        <span className="muted">{t('process.longestUnknown')}</span>
      )}
      <span className="muted">
        {limit === null ? t('process.limitNone') : t('process.limitAgainst', { which, n: limit })}
        {over ? ` · ${t('process.limitOver', { n: longest.days - limit })}` : ''}
      </span>
      {route ? (
        <span className="muted process-longest-route" title={route}>
          （{route}）
        </span>
      ) : null}
    </Flex>
  );
}
