/**
 * The security policy a county's security administrator (安全管理员) sets. The baseline is the floor this
 * installation promises (等保 2.0 practice, and the numbers of the foundation issue): a county may make any of them
 * stricter, never looser.
 */
export interface SecurityPolicy {
  /** Shortest password, in characters. */
  minPasswordLength: number;
  /** How many of the four kinds (upper case, lower case, digits, symbols) a password must mix. */
  minPasswordClasses: number;
  /** Failed logins in a row that lock the account. */
  lockoutThreshold: number;
  /** How long a lock lasts. */
  lockoutMinutes: number;
  /** Minutes without a request after which a session ends. */
  idleMinutes: number;
}

export const BASELINE_POLICY: Readonly<SecurityPolicy> = Object.freeze({
  minPasswordLength: 10,
  minPasswordClasses: 3,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  idleMinutes: 30,
});

/** Allowed range of each setting: from the baseline towards stricter, within what stays usable. */
export const POLICY_LIMITS: Readonly<Record<keyof SecurityPolicy, readonly [min: number, max: number]>> = Object.freeze({
  minPasswordLength: [10, 64],
  minPasswordClasses: [3, 4],
  lockoutThreshold: [3, 5],
  lockoutMinutes: [15, 1440],
  idleMinutes: [5, 30],
});

/** Each setting outside its range, with the range it must keep to. Empty when the policy is acceptable. */
export function policyProblems(p: SecurityPolicy): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const key of Object.keys(POLICY_LIMITS) as (keyof SecurityPolicy)[]) {
    const [min, max] = POLICY_LIMITS[key];
    const v = p[key];
    if (!Number.isInteger(v) || v < min || v > max) problems[key] = `must be an integer from ${min} to ${max}`;
  }
  return problems;
}
