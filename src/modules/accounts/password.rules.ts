import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { DomainError } from '../../shared/errors.ts';
import { BASELINE_POLICY, type SecurityPolicy } from './security-policy.rules.ts';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

/** What is wrong with a password under the county's policy (by default: 10 characters, 3 of 4 kinds). */
export function passwordPolicyProblems(password: string, policy: SecurityPolicy = BASELINE_POLICY): string[] {
  const problems: string[] = [];
  if ([...password].length < policy.minPasswordLength) problems.push('too_short');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < policy.minPasswordClasses) problems.push('too_few_classes');
  return problems;
}

export function assertPasswordPolicy(password: string, policy: SecurityPolicy = BASELINE_POLICY): void {
  const problems = passwordPolicyProblems(password, policy);
  if (problems.length > 0) {
    throw new DomainError(
      'auth.password_policy',
      {
        zh: `密码至少 ${policy.minPasswordLength} 位，并包含大写字母、小写字母、数字、符号中的至少 ${policy.minPasswordClasses} 类`,
        en: `A password needs at least ${policy.minPasswordLength} characters from at least ${policy.minPasswordClasses} of: upper case, lower case, digits, symbols`,
      },
      { problems, minLength: policy.minPasswordLength, minClasses: policy.minPasswordClasses },
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

export interface LoginState {
  failedLogins: number;
  lockedUntil: string | null;
}

export const isLocked = (s: LoginState, now: Date): boolean => s.lockedUntil !== null && s.lockedUntil > now.toISOString();

/** The account's state after a failed attempt at `now`: by default 5 in a row lock it for 15 minutes. */
export function afterFailedLogin(s: LoginState, now: Date, policy: SecurityPolicy = BASELINE_POLICY): LoginState & { justLocked: boolean } {
  const failed = (isLocked(s, now) ? 0 : s.failedLogins) + 1;
  if (failed >= policy.lockoutThreshold) {
    return { failedLogins: 0, lockedUntil: new Date(now.getTime() + policy.lockoutMinutes * 60_000).toISOString(), justLocked: true };
  }
  return { failedLogins: failed, lockedUntil: null, justLocked: false };
}

/** Idle sessions end after (by default) 30 minutes without a request. */
export const sessionExpired = (lastSeenAt: string, now: Date, policy: SecurityPolicy = BASELINE_POLICY): boolean =>
  now.getTime() - Date.parse(lastSeenAt) > policy.idleMinutes * 60_000;
