import type { Account } from '../../../core/accounts/account.js';
import { NotFoundError } from '../../../core/errors.js';
import type { PolicyRef, PolicyView } from '../../../core/policies/policy-ref.js';
import type { QueryParams } from '../query-params.js';
import { requiredMember, type MemberRule } from './params.js';

/** AWS `arnType`: 20-2048 characters (PolicyArn, PolicySourceArn, ResourceArns members) */
export const ARN: MemberRule = { min: 20, max: 2048 };

/** How one vendor spells policy names: its prefix, its own account number, and the system account. */
export interface PolicyArnStyle {
  /** `arn:aws:iam::` / `krn:ksc:iam::` */
  prefix: string;
  /** the account segment of system policies: `aws` (AWS managed policies), `ksc` */
  systemAccount: string;
  accountNumber(account: Account): string;
  /** the name a system policy has in this vendor */
  systemName(policy: PolicyView): string;
}

/** `<prefix><account>:policy<path><name>`: AWS "IAM ARNs", `arn:aws:iam::aws:policy/IAMFullAccess` for managed ones */
export function formatPolicyArn(style: PolicyArnStyle, account: Account, policy: PolicyView): string {
  if (policy.scope === 'system') return `${style.prefix}${style.systemAccount}:policy${policy.path}${style.systemName(policy)}`;
  return `${style.prefix}${style.accountNumber(account)}:policy${policy.path}${policy.name}`;
}

/**
 * The policy an ARN names. The path is not part of a policy's identity in polyiam (names are unique
 * per account), so only the last segment is looked up. Another account's ARN names nothing the caller
 * can see: not found, as AWS answers it.
 * @throws not-found
 */
export function parsePolicyArnWith(style: PolicyArnStyle, account: Account, arn: string): PolicyRef {
  const notFound = new NotFoundError('policy', arn, 'name');
  if (!arn.startsWith(style.prefix)) throw notFound;
  const rest = arn.slice(style.prefix.length);
  const match = /^([^:]*):policy(\/(?:.*\/)?)([^/]+)$/.exec(rest);
  if (!match) throw notFound;
  const [, owner, , name] = match;
  if (owner === style.systemAccount) return { name: name!, scope: 'system' };
  if (owner === style.accountNumber(account)) return { name: name!, scope: 'custom' };
  throw notFound;
}

/** `PolicyArn`, required */
export function policyArnParam(params: QueryParams, name = 'PolicyArn'): string {
  return requiredMember(params, name, ARN);
}
