// The password rules, checked in the form as well so people learn what is wrong before they submit. A county's
// security administrator may make them stricter than the baseline (GET /security/policy); the server still decides.
import type { SecurityPolicy } from './api-types';

export type PasswordRules = Pick<SecurityPolicy, 'minPasswordLength' | 'minPasswordClasses'>;

/** The installation's floor (src/modules/accounts/security-policy.rules.ts), used until the county's policy is known. */
export const BASELINE_PASSWORD_RULES: Readonly<PasswordRules> = { minPasswordLength: 10, minPasswordClasses: 3 };

export type PasswordProblem = 'too_short' | 'too_few_classes';

/** What keeps a password from meeting the rules; empty when it meets them. */
export function passwordProblems(password: string, rules: PasswordRules = BASELINE_PASSWORD_RULES): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < rules.minPasswordLength) problems.push('too_short');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < rules.minPasswordClasses) problems.push('too_few_classes');
  return problems;
}
