import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { DomainError } from '../../shared/errors.ts';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

/** Password policy (等保 2.0 practice): at least 10 characters from at least 3 of 4 classes. */
export const PASSWORD_POLICY = { minLength: 10, minClasses: 3 } as const;

export function passwordPolicyProblems(password: string): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_POLICY.minLength) problems.push('too_short');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < PASSWORD_POLICY.minClasses) problems.push('too_few_classes');
  return problems;
}

export function assertPasswordPolicy(password: string): void {
  const problems = passwordPolicyProblems(password);
  if (problems.length > 0) {
    throw new DomainError(
      'auth.password_policy',
      {
        zh: `密码至少 ${PASSWORD_POLICY.minLength} 位，并包含大写字母、小写字母、数字、符号中的至少 ${PASSWORD_POLICY.minClasses} 类`,
        en: `A password needs at least ${PASSWORD_POLICY.minLength} characters from at least ${PASSWORD_POLICY.minClasses} of: upper case, lower case, digits, symbols`,
      },
      { problems },
    );
  }
}

/** scrypt cost as log2(N); the parameters are stored in each hash, so the cost can rise without breaking old ones. */
export const DEFAULT_SCRYPT_LOG_N = 15;

export async function hashPassword(password: string, logN = DEFAULT_SCRYPT_LOG_N): Promise<string> {
  const salt = randomBytes(16);
  const N = 2 ** logN;
  const key = await scrypt(password.normalize('NFC'), salt, 32, { N, r: 8, p: 1, maxmem: 256 * N * 8 });
  return `scrypt$${logN}$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !logN || !r || !p || !salt || !key) return false;
  const N = 2 ** Number(logN);
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 256 * N * Number(r),
  });
  return timingSafeEqual(actual, expected);
}

/** Lockout: 5 failed logins in a row lock the account for 15 minutes. */
export const LOCKOUT = { maxFailures: 5, lockMinutes: 15 } as const;

export interface LoginState {
  failedLogins: number;
  lockedUntil: string | null;
}

export const isLocked = (s: LoginState, now: Date): boolean => s.lockedUntil !== null && s.lockedUntil > now.toISOString();

/** The account's state after a failed attempt at `now`. */
export function afterFailedLogin(s: LoginState, now: Date): LoginState & { justLocked: boolean } {
  const failed = (isLocked(s, now) ? 0 : s.failedLogins) + 1;
  if (failed >= LOCKOUT.maxFailures) {
    return { failedLogins: 0, lockedUntil: new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000).toISOString(), justLocked: true };
  }
  return { failedLogins: failed, lockedUntil: null, justLocked: false };
}

/** Idle sessions end after 30 minutes without a request. */
export const SESSION_IDLE_MINUTES = 30;

export const sessionExpired = (lastSeenAt: string, now: Date): boolean => now.getTime() - Date.parse(lastSeenAt) > SESSION_IDLE_MINUTES * 60_000;
