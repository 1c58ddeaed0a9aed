// What the review pages share: the server's vocabulary (labels in both languages), the state tag, people's names.
import { useCallback } from 'react';
import { Tag } from 'antd';
import type { Label } from '../../lib/api-types';
import { pickLabel, useLang, useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { reviewApi, type ReviewVocabulary } from './api';

// The vocabulary is fixed for a running server and carries both languages: fetch it once per page load.
let vocabulary: Promise<ReviewVocabulary> | undefined;
// Once it has arrived, components mounted later show labels from their first render, never a code first.
let arrived: ReviewVocabulary | undefined;
function loadVocabulary(): Promise<ReviewVocabulary> {
  vocabulary ??= reviewApi.vocabulary().then(
    (v) => (arrived = v),
    (cause: unknown) => {
      vocabulary = undefined;
      throw cause;
    },
  );
  return vocabulary;
}

export interface ReviewWords {
  state: (code: string) => string;
  action: (code: string) => string;
  aspect: (code: string) => string;
  problem: (code: string) => string;
  vocabulary: ReviewVocabulary | undefined;
}

const find = (list: { code: string; label: Label }[] | undefined, code: string) => list?.find((x) => x.code === code)?.label;

/** Labels of batch states, actions, aspects and problem kinds, from GET /review/vocabulary; a code shows as itself meanwhile. */
export function useReviewWords(): ReviewWords {
  const { lang } = useLang();
  const t = useT();
  const data = useApiQuery(() => loadVocabulary(), []).data ?? arrived;
  const word = useCallback(
    (list: { code: string; label: Label }[] | undefined, code: string) => {
      const label = find(list, code);
      return label ? pickLabel(label, lang) : code;
    },
    [lang],
  );
  return {
    vocabulary: data,
    state: (code) => word(data?.states, code),
    // The timeline's first line is the batch's creation, which is no state-machine action.
    action: (code) => (code === 'create' ? t('review.action.create') : word(data?.actions, code)),
    aspect: (code) => word(data?.aspects, code),
    problem: (code) => word(data?.problems, code),
  };
}

const STATE_COLOR: Record<string, string> = {
  draft: 'default',
  submitted: 'blue',
  in_review: 'processing',
  returned: 'orange',
  resubmitted: 'cyan',
  passed: 'green',
  evaluation: 'purple',
  published: 'success',
};

/** A batch's state as a coloured tag; `label` is the server's own label when the answer carried one. */
export function BatchStateTag({ state, label, testId }: { state: string; label?: Label; testId?: string }) {
  const { lang } = useLang();
  const words = useReviewWords();
  return (
    <Tag color={STATE_COLOR[state] ?? 'default'} data-testid={testId} data-state={state}>
      {label ? pickLabel(label, lang) : words.state(state)}
    </Tag>
  );
}

/** Returns beyond the third (“三上三下”) are highlighted: the inspector has been told. */
export function ReturnsCount({ n, testId }: { n: number; testId?: string }) {
  const t = useT();
  if (n > 3) {
    return (
      <Tag color="red" title={t('review.returnsOver')} data-testid={testId}>
        {n}
      </Tag>
    );
  }
  return <span data-testid={testId}>{n}</span>;
}

/** The server records people as `user:login` (or `cli:osuser`); show the login. */
export function personName(actor: string | null | undefined): string {
  if (!actor) return '';
  return actor.startsWith('user:') ? actor.slice(5) : actor;
}
