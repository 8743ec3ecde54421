import type { PasswordPolicySettings } from '../../core/password-policy/password-policy.js';

const COUNT_WORDS = ['zero', 'one', 'two', 'three', 'four'];

/**
 * Huawei's response-only `password_requirements` (v3.0 PasswordPolicyResult, v5 PasswordPolicy): the
 * sentence of the docs' example, from the character classes the policy asks for.
 */
export function passwordRequirements(policy: PasswordPolicySettings): string {
  return `A password must contain at least ${COUNT_WORDS[Math.max(1, policy.minimumCharClasses)]} of the following: uppercase letters, lowercase letters, digits, and special characters.`;
}
