// What the process pages share: the vocabulary (duties, roles, risk grades and categories, templates) fetched once,
// its words in the UI language, and the risk grade tag.
import { useCallback } from 'react';
import { Tag } from 'antd';
import { useLang, useT } from '../../lib/i18n';
import { useApiQuery, type ApiQuery } from '../../lib/use-api-query';
import { processApi, type Labelled, type NodeKind, type ProcessVocabulary } from './api';

// The vocabulary is fixed for a running server and carries both languages: fetch it once per page load.
let vocabulary: Promise<ProcessVocabulary> | undefined;
let arrived: ProcessVocabulary | undefined;
function loadVocabulary(): Promise<ProcessVocabulary> {
  vocabulary ??= processApi.vocabulary().then(
    (v) => (arrived = v),
    (cause: unknown) => {
      vocabulary = undefined;
      throw cause;
    },
  );
  return vocabulary;
}

/** GET /process/vocabulary, once per page load; a page mounted after it arrived has it from its first render. */
export function useProcessVocabulary(): ApiQuery<ProcessVocabulary> {
  const query = useApiQuery(() => loadVocabulary(), []);
  return { ...query, data: query.data ?? arrived };
}

export interface ProcessWords {
  duty: (code: string) => string;
  role: (code: string) => string;
  category: (code: string) => string;
  grade: (code: number) => string;
  stars: (code: number) => string;
  kind: (kind: NodeKind) => string;
  /** A zh/en pair (problem messages, vocabulary entries) in the UI language. */
  pick: (label: { zh: string; en: string }) => string;
}

const STARS: Record<number, string> = { 1: '★★★', 2: '★★', 3: '★' };

/** The words of the vocabulary's codes in the UI language; a code the vocabulary lacks shows as itself. */
export function useProcessWords(v: ProcessVocabulary | undefined): ProcessWords {
  const { lang } = useLang();
  const t = useT();
  const pick = useCallback((label: { zh: string; en: string }) => (lang === 'en' ? label.en : label.zh), [lang]);
  const word = (list: Labelled[] | undefined, code: string) => {
    const found = list?.find((x) => x.code === code);
    return found ? pick(found) : code;
  };
  return {
    duty: (code) => word(v?.duties, code),
    role: (code) => word(v?.roles, code),
    category: (code) => word(v?.riskCategories, code),
    grade: (code) => {
      const found = v?.riskGrades.find((g) => g.code === code);
      return found ? pick(found) : String(code);
    },
    stars: (code) => v?.riskGrades.find((g) => g.code === code)?.stars ?? STARS[code] ?? '',
    kind: (kind) => t(`process.kind.${kind}`),
    pick,
  };
}

const GRADE_COLOR: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'gold' };

/** A risk grade as stars in its colour (一级 red, 二级 orange, 三级 gold), its name for screen readers and on hover. */
export function RiskGradeTag({ grade, words }: { grade: number; words: ProcessWords }) {
  const name = words.grade(grade);
  return (
    <Tag color={GRADE_COLOR[grade] ?? 'default'} title={name} aria-label={name} data-grade={grade} style={{ whiteSpace: 'nowrap' }}>
      {words.stars(grade)} {name}
    </Tag>
  );
}
