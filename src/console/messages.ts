import { isIamError, type PasswordRule, type PasswordViolation } from '../core/errors.js';
import type { PasswordPolicySettings } from '../core/password-policy/password-policy.js';

/** SECURITY: the one message for a wrong password, an unknown user or account and a user without a login profile. */
export const BAD_CREDENTIALS = 'The account, user name or password is incorrect.';

/** Every rule of the policy, as the forced change and the security page list them. */
export function policyRules(p: PasswordPolicySettings): Array<{ rule: PasswordRule; text: string }> {
  const rules: Array<{ rule: PasswordRule; text: string }> = [
    { rule: 'min-length', text: `At least ${p.minimumLength} characters` },
    { rule: 'max-length', text: `At most ${p.maximumLength} characters` },
  ];
  if (p.requireUppercase) rules.push({ rule: 'require-uppercase', text: 'At least one uppercase letter (A-Z)' });
  if (p.requireLowercase) rules.push({ rule: 'require-lowercase', text: 'At least one lowercase letter (a-z)' });
  if (p.requireNumbers) rules.push({ rule: 'require-numbers', text: 'At least one number (0-9)' });
  if (p.requireSymbols) rules.push({ rule: 'require-symbols', text: 'At least one symbol' });
  if (p.minimumCharClasses > 0) rules.push({ rule: 'char-classes', text: `At least ${p.minimumCharClasses} of: uppercase letters, lowercase letters, numbers, symbols` });
  if (p.notUserNameOrReversed) rules.push({ rule: 'not-user-name', text: 'Not the user name or the user name reversed' });
  if (p.maxConsecutiveIdenticalChars > 0) rules.push({ rule: 'consecutive-identical-chars', text: `No more than ${p.maxConsecutiveIdenticalChars} identical characters in a row` });
  if (p.reusePrevention > 0) rules.push({ rule: 'reuse', text: `Not one of the last ${p.reusePrevention} passwords` });
  rules.push({ rule: 'invalid-characters', text: 'Printable ASCII characters only' });
  return rules;
}

/** A broken rule, named the way the rule list names it. */
export function violationText(v: PasswordViolation): string {
  switch (v.rule) {
    case 'min-length':
      return `The password is shorter than ${v.limit} characters.`;
    case 'max-length':
      return `The password is longer than ${v.limit} characters.`;
    case 'char-classes':
      return `The password needs at least ${v.limit} kinds of characters (uppercase, lowercase, numbers, symbols).`;
    case 'require-uppercase':
      return 'The password needs an uppercase letter.';
    case 'require-lowercase':
      return 'The password needs a lowercase letter.';
    case 'require-numbers':
      return 'The password needs a number.';
    case 'require-symbols':
      return 'The password needs a symbol.';
    case 'not-user-name':
      return 'The password must not be the user name or the user name reversed.';
    case 'consecutive-identical-chars':
      return `The password has more than ${v.limit} identical characters in a row.`;
    case 'reuse':
      return `The password was one of the last ${v.limit} passwords.`;
    case 'invalid-characters':
      return 'The password has characters that are not printable ASCII.';
  }
}

/** What a failed core command tells the person in front of the console; never a stack or an internal detail. */
export function errorText(err: unknown): string {
  if (!isIamError(err)) return 'Something went wrong. Try again.';
  switch (err.kind) {
    case 'access-denied':
      return 'You are not allowed to do this. Ask your account administrator for the permission.';
    case 'not-found':
      return 'It no longer exists.';
    case 'already-exists':
      return 'It already exists.';
    case 'delete-conflict':
      return `It cannot be deleted yet: ${err.message}.`;
    case 'password-policy':
      return 'The password does not meet the password policy.';
    case 'authentication-failed':
      return 'The check failed. Try again.';
    case 'expired':
      return 'It has expired.';
    case 'invalid-input':
    case 'limit-exceeded':
    case 'precondition-failed':
    case 'mfa-required':
    case 'disabled':
      // core's messages are written for people: lowercase, user input in backticks, no secrets
      return `${err.message.charAt(0).toUpperCase()}${err.message.slice(1)}.`;
  }
}

/** Times as people read them: UTC, to the minute. */
export function formatTime(at: number | null | undefined): string {
  if (at === null || at === undefined) return 'never';
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
