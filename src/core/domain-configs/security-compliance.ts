import type { PasswordPolicySettings } from '../password-policy/password-policy.js';

/** Keystone `security_compliance.password_regex` and its description, made from a password policy. */
export interface SecurityComplianceValues {
  password_regex: string;
  password_regex_description: string;
}

/** the four character classes the password checker counts, as regex lookaheads */
const CLASSES = [
  { lookahead: '(?=.*[A-Z])', words: 'an upper-case letter', key: 'requireUppercase' },
  { lookahead: '(?=.*[a-z])', words: 'a lower-case letter', key: 'requireLowercase' },
  { lookahead: '(?=.*[0-9])', words: 'a digit', key: 'requireNumbers' },
  { lookahead: '(?=.*[^A-Za-z0-9])', words: 'a special character', key: 'requireSymbols' },
] as const;

/** every way to pick `k` of `items` */
function choose<T>(items: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (items.length < k) return [];
  const [first, ...rest] = items;
  return [...choose(rest, k - 1).map((c) => [first!, ...c]), ...choose(rest, k)];
}

/**
 * Keystone (keystone/conf/security_compliance.py) states its password rule as one regex a new password
 * must match, with words for users. Here the account's password policy is the rule, so the regex says
 * what it can of it: the length, each required class, and "at least N classes" as the alternatives of
 * N lookaheads. What a regex cannot say (not the user name, no reuse) is in the description only.
 */
export function passwordRegexOf(policy: PasswordPolicySettings): SecurityComplianceValues {
  const required = CLASSES.filter((c) => policy[c.key]);
  const atLeast = Math.min(policy.minimumCharClasses, CLASSES.length);
  const alternatives = atLeast > 0 ? choose(CLASSES, atLeast).map((c) => c.map((x) => x.lookahead).join('')) : [];
  const classes = alternatives.length > 0 ? `(?:${alternatives.join('|')})` : '';
  const regex = `^${required.map((c) => c.lookahead).join('')}${classes}.{${policy.minimumLength},${policy.maximumLength}}$`;
  const words = [`${policy.minimumLength} to ${policy.maximumLength} characters`];
  if (required.length > 0) words.push(`with ${required.map((c) => c.words).join(', ')}`);
  if (atLeast > 0) words.push(`at least ${atLeast} of upper-case letters, lower-case letters, digits and special characters`);
  if (policy.notUserNameOrReversed) words.push('not the user name or the user name reversed');
  if (policy.reusePrevention > 0) words.push(`not one of the last ${policy.reusePrevention} passwords`);
  if (policy.maxConsecutiveIdenticalChars > 0) words.push(`at most ${policy.maxConsecutiveIdenticalChars} identical characters in a row`);
  return { password_regex: regex, password_regex_description: `a password must have ${words.join('; ')}` };
}
