import type { Account } from '../accounts/account.js';
import type { CompiledPolicySet } from '../evaluation/compile.js';
import { evaluateBounded, setsNeedResourceTags, type BoundedResult } from '../evaluation/boundary.js';
import type { Decision } from '../evaluation/evaluate.js';
import type { EvaluationRequest, PrincipalIdentity, RequestEnvironment } from '../evaluation/request.js';
import type { Tag, User } from '../users/user.js';
import { Actions, type IamAction } from './actions.js';
import { principalIdentity, type ResolvedTarget } from './request-context.js';

/**
 * What a user other than the root may still do to the root user: look at it (and name a new user,
 * which only conflicts). SECURITY: nothing else, whatever its policies grant, since changing the
 * root's password, keys or policies would let it become the root.
 */
export const HARMLESS_TO_ROOT: ReadonlySet<IamAction> = new Set<IamAction>([
  Actions.createUser,
  Actions.listUsers,
  Actions.getUser,
  Actions.getUserLastLogin,
  Actions.getLoginProfile,
  Actions.listAccessKeys,
  Actions.getAccessKeyLastUsed,
  Actions.listUserTags,
  Actions.listGroups,
  Actions.listAttachedUserPolicies,
  Actions.listUserPolicies,
  Actions.getUserPolicy,
  Actions.simulatePrincipalPolicy,
]);

/**
 * What any user may do to itself whatever its policies (Keystone's `admin_or_owner` rules): read its
 * own user. Its own password change is granted by the password policy's AllowUsersToChangePassword
 * (CredentialsService), its own tokens by core/tokens.
 */
export const SELF_SERVICE: ReadonlySet<IamAction> = new Set<IamAction>([Actions.getUser]);

export interface CallQuestion {
  account: Account;
  user: User;
  set: CompiledPolicySet;
  /** the principal's permissions boundary, when it has one: the set's allows count only where it allows too */
  boundary?: CompiledPolicySet | null;
  action: IamAction;
  target: ResolvedTarget;
  environment: RequestEnvironment;
  requestTags?: readonly Tag[];
  /** read only when a statement for the action may test `ResourceTag/<k>` */
  resourceTags?: () => Promise<readonly Tag[]>;
  /** the caller's tags (`PrincipalTag/<k>`) */
  principalTags?: () => Promise<readonly Tag[]>;
  /** the account root and self-service rules apply (enforcement, SimulatePrincipalPolicy), or policies alone (SimulateCustomPolicy) */
  rules: 'all' | 'policies-only';
  /** record per-statement outcomes (explanations, simulations) */
  trace: boolean;
}

export interface CallAnswer {
  decision: Decision;
  decidedBy: 'root' | 'self-service' | 'root-only' | 'policies';
  request: EvaluationRequest;
  /** present when policies were evaluated */
  result?: BoundedResult;
}

/**
 * Decides one call: the root may do everything in its account; anyone else may read itself, may not
 * change the root user, and otherwise may do what its policies allow within its permissions boundary
 * (an explicit Deny in either wins).
 */
export async function decideCall(q: CallQuestion): Promise<CallAnswer> {
  const principalTags = q.principalTags ? await q.principalTags() : [];
  const request: EvaluationRequest = {
    action: q.action,
    resource: q.target.identity,
    principal: principalIdentity(q.account, q.user, principalTags),
    environment: q.environment,
    ...(q.requestTags ? { requestTags: q.requestTags } : {}),
  };
  if (q.rules === 'all') {
    if (q.user.isRoot) return { decision: 'allow', decidedBy: 'root', request };
    if (SELF_SERVICE.has(q.action) && q.target.userId === q.user.id) return { decision: 'allow', decidedBy: 'self-service', request };
    if (q.target.isRootUser && !HARMLESS_TO_ROOT.has(q.action)) return { decision: 'implicit-deny', decidedBy: 'root-only', request };
  }
  const sets = { identity: q.set, boundary: q.boundary ?? null };
  if (q.resourceTags && setsNeedResourceTags(sets, q.action)) request.resourceTags = await q.resourceTags();
  const result = evaluateBounded(sets, request, { trace: q.trace });
  return { decision: result.decision, decidedBy: 'policies', request, result };
}

export interface RoleCallQuestion extends Omit<CallQuestion, 'user' | 'rules' | 'principalTags'> {
  /** the role session as the evaluator sees it (core/roles/session-authorizer.ts sessionIdentity), tags included */
  principal: PrincipalIdentity;
}

/**
 * Decides one call of a role session without session policies, as SessionAuthorizer does: a role may
 * not change the root user, and otherwise may do what its policies allow within its boundary.
 * SimulatePrincipalPolicy with a role ARN asks this.
 */
export async function decideRoleCall(q: RoleCallQuestion): Promise<CallAnswer> {
  const request: EvaluationRequest = {
    action: q.action,
    resource: q.target.identity,
    principal: q.principal,
    environment: q.environment,
    ...(q.requestTags ? { requestTags: q.requestTags } : {}),
  };
  if (q.target.isRootUser && !HARMLESS_TO_ROOT.has(q.action)) return { decision: 'implicit-deny', decidedBy: 'root-only', request };
  const sets = { identity: q.set, boundary: q.boundary ?? null };
  if (q.resourceTags && setsNeedResourceTags(sets, q.action)) request.resourceTags = await q.resourceTags();
  const result = evaluateBounded(sets, request, { trace: q.trace });
  return { decision: result.decision, decidedBy: 'policies', request, result };
}
