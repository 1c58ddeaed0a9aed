import { Flex, Typography } from 'antd';
import { useT } from '../../lib/i18n';
import type { SeparationRule } from './api';
import { useProcessVocabulary, useProcessWords, type ProcessWords } from './process-shared';

/**
 * The item's own duty-separation rules, read only (they are set with the item's data, not drawn): each as its duties,
 * 审查、决定、送达, and its reason. Nothing when the item has none.
 */
export function SeparationRules({ rules, words }: { rules: readonly SeparationRule[] | undefined; words: ProcessWords }) {
  const t = useT();
  if (!rules || rules.length === 0) return null;
  return (
    <Flex vertical gap={2} data-testid="process-separations">
      <Typography.Text strong>{t('process.separations.title')}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('process.separations.hint')}
      </Typography.Text>
      <ul className="process-problem-list">
        {rules.map((r, i) => (
          <li key={i} data-testid="process-separation" data-duties={r.duties.join(' ')}>
            <strong>{r.duties.map((d) => words.duty(d)).join(t('process.separations.joiner'))}</strong>
            {t('process.separations.reason', { reason: r.reason })}
          </li>
        ))}
      </ul>
    </Flex>
  );
}

/** The rules of a saved process where the page has no vocabulary of its own (the item page's tab). */
export function SavedSeparationRules({ rules }: { rules: readonly SeparationRule[] | undefined }) {
  return rules && rules.length > 0 ? <WithWords rules={rules} /> : null;
}

function WithWords({ rules }: { rules: readonly SeparationRule[] }) {
  const words = useProcessWords(useProcessVocabulary().data);
  return <SeparationRules rules={rules} words={words} />;
}
