// What the public search shows of a query: the words a reader typed, and where they appear in a name.

/** Short names citizens type, offered as examples (each is in the county's default synonym list). */
export const SEARCH_EXAMPLES: readonly string[] = ['环评', '低保', '危改'];

/** Words of a query as the server cuts them: at whitespace and punctuation (低保，危改 is two words). */
export function queryWords(q: string): string[] {
  return q
    .normalize('NFKC')
    .split(/[\s\p{P}\p{S}]+/u)
    .filter((w) => w.length > 0);
}

export interface Segment {
  text: string;
  hit: boolean;
}

/**
 * The text cut into runs, `hit` where one of the words appears literally (letters compared without case). A match
 * found only through a synonym or the legal basis highlights nothing, which is what the reader expects.
 */
export function highlight(text: string, words: readonly string[]): Segment[] {
  // Lower-casing may change the length of a few letters; then compare as written so positions stay aligned.
  const folded = text.toLowerCase();
  const fold = folded.length === text.length;
  const lower = fold ? folded : text;
  const marked = new Array<boolean>(text.length).fill(false);
  for (const word of words) {
    const w = fold ? word.toLowerCase() : word;
    if (!w) continue;
    for (let at = lower.indexOf(w); at !== -1; at = lower.indexOf(w, at + 1)) marked.fill(true, at, at + w.length);
  }
  const segments: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = segments[segments.length - 1];
    if (last && last.hit === marked[i]) last.text += text[i];
    else segments.push({ text: text[i]!, hit: marked[i]! });
  }
  return segments;
}
