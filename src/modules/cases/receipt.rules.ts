/**
 * Receipt codes (受理编号/查询码): what an applicant follows a case with, without an account. Random (so they cannot
 * be guessed from one another), 11 symbols of a 31-symbol alphabet (≈54 bits) and a check symbol; shown in groups of
 * four (K7QM-3XA2-9HTC). The alphabet is Crockford's base 32 without Z — 31 symbols, a prime, so the weighted check
 * catches every single wrong symbol and every swap of two neighbours; O, I and L are read as 0, 1 and 1.
 */
export const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXY';
const BODY_LENGTH = 11;
export const RECEIPT_LENGTH = BODY_LENGTH + 1;
/** A receipt code as stored: twelve symbols, no separators. */
export const RECEIPT_PATTERN = `^[${RECEIPT_ALPHABET}]{${RECEIPT_LENGTH}}$`;

const VALUE = new Map([...RECEIPT_ALPHABET].map((c, i) => [c, i]));

/** The check symbol of a receipt's body: Σ value × position (1-based) mod 31. */
export function checkSymbol(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += VALUE.get(body[i]!)! * (i + 1);
  return RECEIPT_ALPHABET[sum % RECEIPT_ALPHABET.length]!;
}

/** A new receipt code from random bytes (at least 11; a byte ≥ 248 is skipped so every symbol is equally likely). */
export function newReceipt(randomBytes: (n: number) => Uint8Array): string {
  let body = '';
  while (body.length < BODY_LENGTH) {
    for (const b of randomBytes(BODY_LENGTH * 2)) {
      if (b >= 248 || body.length === BODY_LENGTH) continue;
      body += RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.length];
    }
  }
  return body + checkSymbol(body);
}

/** What a person typed, as stored: upper case, no spaces or hyphens, O→0, I/L→1. Null when it cannot be a receipt. */
export function normaliseReceipt(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!new RegExp(RECEIPT_PATTERN).test(s)) return null;
  return checkSymbol(s.slice(0, BODY_LENGTH)) === s[BODY_LENGTH] ? s : null;
}

/** K7QM3XA29HTC → K7QM-3XA2-9HTC. */
export const formatReceipt = (receipt: string): string => receipt.replace(/(.{4})(?=.)/g, '$1-');
