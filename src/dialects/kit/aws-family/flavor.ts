import type { DialectServices } from '../../../front/services.js';
import type { Account } from '../../../core/accounts/account.js';
import type { LoginProfileView } from '../../../core/login-profiles/login-profile.js';
import type { PolicyRef, PolicyView } from '../../../core/policies/policy-ref.js';
import type { CallContext } from '../../../core/principal.js';
import type { Group } from '../../../core/users/group.js';
import type { User } from '../../../core/users/user.js';
import type { UserRef } from '../../../core/users/user-ref.js';
import type { QueryParams } from '../query-params.js';
import { optionalMember, requiredMember, type MemberRule } from './params.js';

/**
 * What tells one AWS-family dialect from another in the operations they share: the member rules the
 * vendor documents, how booleans are read, and the few shapes that differ.
 */
export interface AwsFamilyFlavor {
  /** a user name given to create or rename a user */
  userName: MemberRule;
  /** a user name that names an existing user (AWS allows 1-128 where it only looks a user up) */
  userNameRef: MemberRule;
  password: MemberRule;
  /** Kingsoft: a flag given without a value is true, and its Int flags are `1`/`0` */
  lenientFlags: boolean;
  /** whether the login-profile actions need `UserName` (Kingsoft) or default to the caller (AWS) */
  loginProfileNeedsUserName: boolean;
  /** the account number errors and resource names show (AWS 12-digit account, Kingsoft account id) */
  accountNumber(account: Account): string;
  /** the `LoginProfile` member of a result; undefined where the action has no output (AWS UpdateLoginProfile) */
  renderLoginProfile(profile: LoginProfileView, action: LoginProfileAction): Record<string, unknown> | undefined;
  /** the policy syntax documents written through this dialect are in (issue #5) */
  syntax: 'aws' | 'kingsoft';
  /** a policy's ARN / KRN; system policies live in the vendor's own account (`arn:aws:iam::aws:policy/...`) */
  policyArn(account: Account, policy: PolicyView): string;
  /** the policy a `PolicyArn` names; @throws not-found for another account's policy or a malformed ARN */
  parsePolicyArn(account: Account, arn: string): PolicyRef;
  groupArn(account: Account, group: Group): string;
  userArn(account: Account, user: User): string;
  /** a user as the vendor's user lists show it (GetGroup `Users`) */
  renderUser(account: Account, user: User): Record<string, unknown>;
  /** the user id the vendor shows (AWS `AIDA…`, Kingsoft's base64) */
  userId(user: User): string;
}

export type LoginProfileAction = 'CreateLoginProfile' | 'GetLoginProfile' | 'UpdateLoginProfile';

/** the reading options of a flavor's boolean members */
export function flagOptions(flavor: AwsFamilyFlavor): { presentMeansTrue: boolean; acceptDigits: boolean } {
  return { presentMeansTrue: flavor.lenientFlags, acceptDigits: flavor.lenientFlags };
}

/**
 * The user an operation acts on: `UserName` when given, else the caller (AWS: "If you do not specify a
 * user name, IAM determines the user name implicitly based on the access key ID signing the request").
 * The account root is not an IAM user in these dialects, so its name names nobody.
 */
export function targetUser(params: QueryParams, ctx: CallContext, rule: MemberRule, options: { required?: boolean } = {}): UserRef {
  const name = options.required ? requiredMember(params, 'UserName', rule) : optionalMember(params, 'UserName', rule);
  return name === undefined ? { id: ctx.principal.userId } : { name, excludeRoot: true };
}

const caches = new WeakMap<DialectServices, Map<string, Account>>();
const MAX_CACHED_ACCOUNTS = 10_000;

/**
 * The caller's account, for the ids dialects render from it (AWS account number in ARNs, Kingsoft's
 * numeric account in KRNs). Accounts never change once created, so they are kept per server instance.
 */
export async function callerAccount(services: DialectServices, ctx: CallContext): Promise<Account> {
  let cache = caches.get(services);
  if (!cache) caches.set(services, (cache = new Map()));
  const id = ctx.principal.accountId;
  const hit = cache.get(id);
  if (hit) return hit;
  const account = await services.accounts.findById(id);
  // INVARIANT: an authenticated principal's account exists; accounts are never deleted
  if (!account) throw new Error(`account \`${id}\` of an authenticated principal not found`);
  if (cache.size >= MAX_CACHED_ACCOUNTS) cache.clear();
  cache.set(id, account);
  return account;
}

const isoDates = new Map<number, string>();
const MAX_CACHED_DATES = 4096;

/**
 * AWS-family dates: ISO-8601 UTC with milliseconds (`2016-05-16T15:28:23.379Z`, Kingsoft seed; AWS SDK
 * parses it). Remembered: toISOString costs about a microsecond, and reads render the same instants (a
 * user's CreateDate) request after request.
 */
export function isoDate(ms: number): string {
  let iso = isoDates.get(ms);
  if (iso === undefined) {
    iso = new Date(ms).toISOString();
    if (isoDates.size >= MAX_CACHED_DATES) isoDates.clear();
    isoDates.set(ms, iso);
  }
  return iso;
}
