/**
 * Chinese search of the public power list, as pure rules: how text and queries are normalised, how a query is cut
 * into words and widened by the county's synonyms, and which unigrams and bigrams (of the searched text) index an
 * item for one- and two-character queries. The repository turns the words into SQL; nothing here touches a database.
 */

/** Longest query accepted (characters). */
export const MAX_QUERY_LENGTH = 50;
/** Words beyond this many are ignored (they are ANDed, so a few already narrow the list to nothing). */
export const MAX_WORDS = 6;
/** Alternatives of one word (itself and its synonym forms) beyond this many are dropped. */
export const MAX_ALTERNATIVES = 8;
/** Words (and alternatives) of at most this many characters are answered by the gram index, longer ones by trigrams. */
export const SHORT_WORD = 2;

export const TERM_MAX = 20;
export const EXPANSION_MAX = 50;
export const SYNONYMS_MAX = 500;

/** One abbreviation of the county's list: a query word containing `term` also matches with each expansion instead. */
export interface SynonymEntry {
  term: string;
  expansions: string[];
  /** Where the abbreviation comes from or why it is there. */
  note: string | null;
}

/** A synonym as searching uses it: term and expansions normalised (see `searchSynonyms`). */
export interface SearchSynonym {
  term: string;
  expansions: string[];
}

/** A county's list as searching uses it, normalised once (what normalises to nothing is left out). */
export function searchSynonyms(entries: readonly SynonymEntry[]): SearchSynonym[] {
  return entries
    .map((s) => ({ term: normaliseText(s.term), expansions: s.expansions.map(normaliseText).filter(Boolean) }))
    .filter((s) => s.term && s.expansions.length > 0);
}

/** One word of a query: all of a query's words must match (AND); any alternative of a word may (OR). */
export interface QueryWord {
  /** The word as searched: normalised, never empty. */
  text: string;
  /** The word itself first, then its synonym forms; none contains another. */
  alternatives: string[];
  /** The word upper-cased when it could be (the start of) an item code, e.g. `HB-XK-001`; null otherwise. */
  code: string | null;
}

const PUNCTUATION = /[\p{P}\p{S}]/gu;
const CODE_LIKE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Length in characters (code points), as a reader counts them. */
export const charLength = (s: string): number => [...s].length;

/**
 * The form text is searched in: NFKC (full-width letters and digits become ASCII), lower case, punctuation and
 * symbols removed (《》、（） …, so that 《行政许可法》第二十九条 reads as one run), whitespace collapsed.
 */
export function normaliseText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(PUNCTUATION, '').replace(/\s+/gu, ' ').trim();
}

/** What an item is searched by: its normalised name, and name and basis together. */
export interface SearchDocument {
  searchName: string;
  /** The name and each basis, normalised, separated by spaces. */
  searchText: string;
}

/** Unigrams and bigrams of a normalised text; bigrams never span a space (the texts' separator). */
export function gramsOf(normalised: string): Set<string> {
  const grams = new Set<string>();
  for (const run of normalised.split(' ')) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      grams.add(chars[i]!);
      if (i + 1 < chars.length) grams.add(chars[i]! + chars[i + 1]!);
    }
  }
  return grams;
}

export function searchDocument(name: string, basis: readonly string[]): SearchDocument {
  const searchName = normaliseText(name);
  return { searchName, searchText: [searchName, ...basis.map(normaliseText)].filter(Boolean).join(' ') };
}

/**
 * A query's words. Whitespace separates words; inside a word, punctuation separates too (低保，危改 is two words),
 * except in what looks like an item code (HB-XK-001), which is kept whole and also tried as a code prefix.
 */
export function parseQuery(q: string, synonyms: readonly SearchSynonym[]): QueryWord[] {
  const words: QueryWord[] = [];
  const seen = new Set<string>();
  const add = (text: string, code: string | null) => {
    const key = `${text}\u0000${code ?? ''}`;
    if (!text || seen.has(key) || words.length >= MAX_WORDS) return;
    seen.add(key);
    words.push({ text, code, alternatives: alternativesOf(text, synonyms) });
  };
  for (const chunk of q.normalize('NFKC').trim().split(/\s+/u)) {
    if (!chunk) continue;
    if (CODE_LIKE.test(chunk)) add(normaliseText(chunk), chunk.toUpperCase());
    else for (const part of chunk.split(PUNCTUATION)) add(normaliseText(part), null);
  }
  return words;
}

/**
 * A word and its synonym forms: each term it contains replaced by each of the term's expansions, and each expansion
 * it contains by the term (低保 ⇄ 最低生活保障), so that items written either way are found. A form containing
 * another form adds nothing (whatever contains it contains the shorter one) and is dropped.
 */
export function alternativesOf(text: string, synonyms: readonly SearchSynonym[]): string[] {
  const forms = [text];
  const push = (f: string) => {
    if (f && !forms.includes(f)) forms.push(f);
  };
  for (const { term, expansions } of synonyms) {
    for (const e of expansions) {
      if (text.includes(term)) push(text.split(term).join(e));
      if (text.includes(e)) push(text.split(e).join(term));
    }
  }
  const minimal = forms.filter((f, i) => !forms.some((g, j) => j !== i && g !== f && f.includes(g)));
  // The word itself stays first when it survives; the cap keeps a query's SQL bounded.
  return minimal.slice(0, MAX_ALTERNATIVES);
}

/** Is this alternative answered by the gram index (one or two characters)? */
export const isShort = (alternative: string): boolean => charLength(alternative) <= SHORT_WORD;

/**
 * Problems of a synonym list a county submits, by field path (`items.3.term`), in Chinese: empty when it may be
 * saved. Terms compare as they are searched (normalised), so 环评 and ＂环评＂ are the same term.
 */
export function synonymListProblems(entries: readonly SynonymEntry[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (entries.length > SYNONYMS_MAX) problems.items = `最多 ${SYNONYMS_MAX} 条`;
  const terms = new Map<string, number>();
  entries.forEach((s, i) => {
    const term = normaliseText(s.term);
    if (!term) problems[`items.${i}.term`] = '简称须含有文字';
    else if (charLength(s.term.trim()) > TERM_MAX) problems[`items.${i}.term`] = `简称最长 ${TERM_MAX} 个字`;
    else if (terms.has(term)) problems[`items.${i}.term`] = `与第 ${terms.get(term)! + 1} 条的简称重复`;
    else terms.set(term, i);
    if (s.expansions.length === 0) problems[`items.${i}.expansions`] = '至少写一个全称';
    const seen = new Set<string>();
    s.expansions.forEach((e, k) => {
      const n = normaliseText(e);
      const field = `items.${i}.expansions.${k}`;
      if (!n) problems[field] = '全称须含有文字';
      else if (charLength(e.trim()) > EXPANSION_MAX) problems[field] = `全称最长 ${EXPANSION_MAX} 个字`;
      else if (n === term) problems[field] = '全称与简称相同';
      else if (seen.has(n)) problems[field] = '全称重复';
      seen.add(n);
    });
  });
  return problems;
}

/** A submitted list as stored: trimmed, empty notes as null. */
export function cleanSynonyms(entries: readonly SynonymEntry[]): SynonymEntry[] {
  return entries.map((s) => ({ term: s.term.trim(), expansions: s.expansions.map((e) => e.trim()), note: s.note?.trim() || null }));
}

/** Terms added, removed and changed from one list to the next (for the audit event). */
export function synonymChanges(before: readonly SynonymEntry[], after: readonly SynonymEntry[]): { added: string[]; removed: string[]; changed: string[] } {
  const old = new Map(before.map((s) => [s.term, s]));
  const now = new Map(after.map((s) => [s.term, s]));
  const same = (a: SynonymEntry, b: SynonymEntry) => a.note === b.note && a.expansions.join('\n') === b.expansions.join('\n');
  return {
    added: after.filter((s) => !old.has(s.term)).map((s) => s.term),
    removed: before.filter((s) => !now.has(s.term)).map((s) => s.term),
    changed: after.filter((s) => old.has(s.term) && !same(old.get(s.term)!, s)).map((s) => s.term),
  };
}
