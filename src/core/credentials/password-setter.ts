import { PasswordPolicyError, type PasswordViolation } from '../errors.js';
import type { PasswordHasher, Repositories } from '../ports.js';
import { checkPassword, type PasswordPolicySettings } from '../password-policy/password-policy.js';
import type { PlainPassword } from '../secrets.js';

/**
 * Checks a new password against every rule of the policy (reuse included) and hashes it.
 * Hashing happens before any transaction opens, so a slow argon2id never holds a database lock.
 * @throws password-policy
 */
export async function hashNewPassword(
  hasher: PasswordHasher,
  repos: Repositories,
  policy: PasswordPolicySettings,
  userId: string | null,
  userName: string,
  password: PlainPassword,
): Promise<string> {
  const violations: PasswordViolation[] = checkPassword(policy, password.reveal(), userName);
  if (userId && policy.reusePrevention > 0 && (await isReused(hasher, repos, policy.reusePrevention, userId, password))) {
    violations.push({ rule: 'reuse', limit: policy.reusePrevention });
  }
  if (violations.length > 0) throw new PasswordPolicyError(violations);
  return hasher.hash(password);
}

async function isReused(hasher: PasswordHasher, repos: Repositories, depth: number, userId: string, password: PlainPassword): Promise<boolean> {
  const history = await repos.loginProfiles.listPasswordHistory(userId, depth);
  const results = await Promise.all(history.map((hash) => hasher.verify(hash, password)));
  return results.some(Boolean);
}
