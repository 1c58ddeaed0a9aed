/**
 * Personal data in public and in lists: a person's name shows its first character and a star for each of the
 * others (张三 → 张*, 欧阳明华 → 欧***); a Latin name keeps its first letter of each word (John Smith → J*** S****).
 */
export function maskPersonName(name: string): string {
  const trimmed = name.trim();
  if (/^[\p{Script=Latin}\s.'-]+$/u.test(trimmed))
    return trimmed.replace(/(\p{L})(\p{L}*)/gu, (_, first: string, rest: string) => first + '*'.repeat(rest.length));
  const chars = [...trimmed];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}
