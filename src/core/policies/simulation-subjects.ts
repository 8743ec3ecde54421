import type { Account } from '../accounts/account.js';
import { accountIdentity, principalIdentity } from '../authorization/request-context.js';
import { loadPrincipalPolicies } from '../authorization/principal-policies.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { CompiledPolicySet } from '../evaluation/compile.js';
import { compilePolicySet } from '../evaluation/compile.js';
import type { PrincipalIdentity } from '../evaluation/request.js';
import type { Repositories } from '../ports.js';
import { loadRolePolicies } from '../roles/role-policies.js';
import { requireRole, type RoleRef } from '../roles/role-ref.js';
import { decideTrust, parseTrustPolicy, type TrustCaller, type TrustPolicy } from '../roles/trust-policy.js';
import { requireUser, type UserRef } from '../users/user-ref.js';
import type { Tag, User } from '../users/user.js';
import type { PolicySyntax } from './document.js';
import { validatePolicyDocument } from './validate.js';

/**
 * Who a simulation decides for, and with which policies: a user (the root and self-service rules
 * apply, as on its real calls), a role (decided as a session of it is, core/roles/session-authorizer.ts,
 * without session policies) or the caller with custom documents alone.
 */
export interface Subject {
  account: Account;
  kind: 'user' | 'role' | 'custom';
  /** for `user` and `custom`: the user the root and self-service rules look at */
  user: User | null;
  identity: PrincipalIdentity;
  /** who a resource policy's `Principal` is matched against; null when no user or role is simulated */
  trustCaller: TrustCaller | null;
  set: CompiledPolicySet;
  boundary: CompiledPolicySet | null;
  policyNames: ReadonlyMap<string, string>;
  /** the SourcePolicyType of the subject's inline policies (AWS EvaluationResult MatchedStatements) */
  inlineType: 'user' | 'role';
  rules: 'all' | 'policies-only';
}

/**
 * The session name a simulated role's principal carries: AWS simulates the role itself, with no
 * session, so `aws:userid` reads `<role id>:<this>`, as no real session name would be chosen.
 */
export const SIMULATED_SESSION = 'simulated-session';

/** The role as its sessions appear to the evaluator (session-authorizer.ts sessionIdentity), without session tags. */
function roleIdentity(account: Account, role: { id: string; awsId: string; numericId: number; name: string; path: string }, tags: readonly Tag[]): PrincipalIdentity {
  return {
    account: accountIdentity(account),
    userId: role.id,
    awsUserId: `${role.awsId}:${SIMULATED_SESSION}`,
    numericUserId: role.numericId,
    userName: role.name,
    path: role.path,
    isRoot: false,
    tags,
    roleSession: { rolePath: role.path, sessionName: SIMULATED_SESSION },
  };
}

/** A user's subject: its policies (attached, through groups, inline, system) and its boundary. @throws not-found */
export async function userSubject(store: Repositories, accountId: string, ref: UserRef): Promise<Subject> {
  const user = await requireUser(store, accountId, ref);
  const loaded = await loadPrincipalPolicies(store, accountId, user.id);
  if (!loaded) throw new NotFoundError('user', user.name);
  return {
    account: loaded.account,
    kind: 'user',
    user: loaded.user,
    identity: principalIdentity(loaded.account, loaded.user, loaded.tags),
    trustCaller: { account: accountIdentity(loaded.account), user: { name: loaded.user.name } },
    set: loaded.set,
    boundary: loaded.boundary,
    policyNames: loaded.policyNames,
    inlineType: 'user',
    rules: 'all',
  };
}

/** A role's subject: its attached and inline policies and its permissions boundary. @throws not-found */
export async function roleSubject(store: Repositories, accountId: string, ref: RoleRef): Promise<Subject> {
  const role = await requireRole(store, accountId, ref);
  const loaded = await loadRolePolicies(store, accountId, role.id);
  if (!loaded) throw new NotFoundError('role', role.name, 'name');
  return {
    account: loaded.account,
    kind: 'role',
    user: null,
    identity: roleIdentity(loaded.account, loaded.role, loaded.tags),
    // AWS SimulatePrincipalPolicy CallerArn: "required if you include a ResourcePolicy and the PolicySourceArn is not the ARN for an IAM user"
    trustCaller: null,
    set: loaded.set,
    boundary: loaded.boundary,
    policyNames: loaded.policyNames,
    inlineType: 'role',
    rules: 'all',
  };
}

/**
 * AWS CallerArn: "simulate calling the API operations as Bob, as if Bob had David's policies": the
 * identity (names, tags) becomes the caller's, the policies stay the subject's. @throws not-found
 */
export async function withCaller(store: Repositories, subject: Subject, ref: UserRef): Promise<Subject> {
  const user = await requireUser(store, subject.account.id, ref);
  const tags = await store.users.listTags(user.id);
  return {
    ...subject,
    user: subject.kind === 'role' ? null : user,
    identity: principalIdentity(subject.account, user, tags),
    trustCaller: { account: accountIdentity(subject.account), user: { name: user.name } },
  };
}

/** Policy documents given to a simulation, validated like a managed policy write, ids `<prefix>:<n>`. @throws invalid-input */
export function inputDocuments(texts: readonly string[], syntax: PolicySyntax, prefix: 'input' | 'boundary') {
  return texts.map((text, i) => ({ id: `${prefix}:${i + 1}`, document: validatePolicyDocument(text, syntax, 'managed') }));
}

/** The boundary documents of a simulation compiled; null when none were given. @throws invalid-input */
export function inputBoundary(texts: readonly string[] | undefined, syntax: PolicySyntax): CompiledPolicySet | null {
  return texts && texts.length > 0 ? compilePolicySet(inputDocuments(texts, syntax, 'boundary')) : null;
}

/** What a resource policy says about one request: whether it names the caller, and which statement decided. */
export interface ResourcePolicyAnswer {
  answer: 'explicit-deny' | 'allow' | 'none';
  statementIndex: number;
}

/**
 * AWS ResourcePolicy: parsed as resource policies are (a `Principal` in every statement, the grammar
 * of trust policies), so it can be decided statement by statement.
 * @throws invalid-input (MalformedPolicyDocument)
 */
export function parseResourcePolicy(text: string, syntax: PolicySyntax): TrustPolicy {
  return parseTrustPolicy(text, syntax);
}

/**
 * AWS "Policy evaluation logic", same account: an explicit Deny naming the caller (or its account)
 * wins; an Allow naming the caller itself grants; an Allow naming only the account leaves the decision
 * to the identity policies (it grants nothing alone).
 */
export function decideResourcePolicy(policy: TrustPolicy, caller: TrustCaller, request: Parameters<typeof decideTrust>[2]): ResourcePolicyAnswer {
  let allowAt = -1;
  for (const [index, statement] of policy.statements.entries()) {
    const answer = decideTrust({ syntax: policy.syntax, statements: [statement] }, caller, request);
    if (answer === 'explicit-deny') return { answer: 'explicit-deny', statementIndex: index };
    if (answer === 'names-caller' && allowAt < 0) allowAt = index;
  }
  return allowAt >= 0 ? { answer: 'allow', statementIndex: allowAt } : { answer: 'none', statementIndex: -1 };
}

/** @throws invalid-input when a resource policy is given with nobody its `Principal` could name */
export function requireTrustCaller(subject: Subject): TrustCaller {
  // AWS SimulateCustomPolicy CallerArn: "required if you include a ResourcePolicy so that the policy's Principal element has a value to use"
  if (!subject.trustCaller) throw new InvalidInputError('callerArn', 'a caller ARN is required with a resource policy');
  return subject.trustCaller;
}
