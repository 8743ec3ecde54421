import type { Account } from '../accounts/account.js';
import type { IamAction } from '../authorization/actions.js';
import { sealAuthorizationMessage } from '../authorization/authorization-messages.js';
import { describeResource, type RequestFacts, type ResourceRef } from '../authorization/authorizer.js';
import { HARMLESS_TO_ROOT } from '../authorization/decide.js';
import { explain } from '../authorization/explanation.js';
import { accountIdentity, environmentOf, resolveTarget } from '../authorization/request-context.js';
import type { ChangeFeed } from '../change-feed.js';
import { AccessDeniedError, AuthenticationError } from '../errors.js';
import { compilePolicySet, type CompiledPolicySet } from '../evaluation/compile.js';
import { evaluate, type Decision } from '../evaluation/evaluate.js';
import { evaluateBounded } from '../evaluation/boundary.js';
import type { EvaluationRequest, PrincipalIdentity, ResourceIdentity } from '../evaluation/request.js';
import { parsePolicyDocument } from '../policies/parse.js';
import type { Clock, Repositories, SecretBox } from '../ports.js';
import type { CallContext, RoleSession } from '../principal.js';
import type { Tag } from '../users/user.js';
import { DENY_ALL, loadManagedPolicies, type RolePolicies, type RolePolicyCache } from './role-policies.js';

export interface SessionAuthorizerDeps {
  store: Repositories;
  clock: Clock;
  secretBox: SecretBox;
  changes: ChangeFeed;
}

interface SessionPolicies {
  set: CompiledPolicySet;
  policyIds: ReadonlySet<string>;
  names: Map<string, string>;
}

/** A session's principal as the evaluator sees it: the role, named `assumed-role/<role>/<session>`. */
export function sessionIdentity(account: Account, loaded: RolePolicies, session: RoleSession): PrincipalIdentity {
  // AWS "Passing session tags in AWS STS": a session tag overrides a role tag with the same key
  const tags = new Map<string, Tag>(loaded.tags.map((t) => [t.key.toLowerCase(), t]));
  for (const t of session.tags) tags.set(t.key.toLowerCase(), t);
  return {
    account: accountIdentity(account),
    userId: loaded.role.id,
    // AWS aws:userid of an assumed role: `<role id>:<session name>`
    awsUserId: `${loaded.role.awsId}:${session.sessionName}`,
    numericUserId: loaded.role.numericId,
    userName: loaded.role.name,
    path: loaded.role.path,
    isRoot: false,
    tags: [...tags.values()],
    roleSession: { rolePath: loaded.role.path, sessionName: session.sessionName },
  };
}

/**
 * Issue #13 "Evaluation": a call signed with an assumed role's temporary credentials is allowed when
 * the role's identity policies allow it and, if the session has session policies, they allow it too;
 * an explicit Deny in either wins (AWS "Session policies": "the resulting session's permissions are the
 * intersection of the role's identity-based policies and the session policies").
 */
export class SessionAuthorizer {
  private readonly sessionPolicies = new Map<string, SessionPolicies | null>();
  /**
   * allows already decided, per loaded role (a change to the role or its policies loads a new entry)
   * and temporary key: the same rule as PolicyAuthorizer's, never when a decision may read tags or the clock
   */
  private readonly allowed = new WeakMap<RolePolicies, Set<string>>();
  /** the session's principal as the evaluator sees it, made once per loaded role and temporary key */
  private readonly identities = new WeakMap<RolePolicies, Map<string, PrincipalIdentity>>();

  constructor(
    private readonly deps: SessionAuthorizerDeps,
    readonly roles: RolePolicyCache,
  ) {
    deps.changes.subscribe((change) => {
      if (change.kind !== 'policy') return;
      for (const [key, entry] of this.sessionPolicies) if (entry?.policyIds.has(change.id)) this.sessionPolicies.delete(key);
    });
  }

  /** @throws access-denied | authentication-failed (token-revoked: the role is gone) */
  async authorize(ctx: CallContext, action: IamAction, resource: ResourceRef, facts?: RequestFacts): Promise<void> {
    const session = ctx.principal.session!;
    if (resource.accountId !== ctx.principal.accountId) throw new AccessDeniedError(action, describeResource(resource), 'not-allowed');
    const loaded = await this.roles.get(ctx.principal.accountId, session.roleId);
    if (!loaded) throw new AuthenticationError('token-revoked');
    const target = await resolveTarget(this.deps.store, loaded.account, resource);
    if (target.isRootUser && !HARMLESS_TO_ROOT.has(action)) {
      throw this.denial(ctx, action, resource, loaded, session, await this.request(ctx, loaded, session, action, target.identity, facts), 'root-only');
    }
    const policies = await this.sessionPoliciesOf(ctx, loaded, session);
    const memo = this.memoKey(ctx, loaded, policies, action, target.identity, facts);
    if (memo !== undefined && this.allowed.get(loaded)?.has(memo)) return;
    const request = await this.request(ctx, loaded, session, action, target.identity, facts, async () => (target.user ? this.deps.store.users.listTags(target.user.id) : resource.tags ? resource.tags() : []));
    const decision = await this.decideLoaded(ctx, loaded, session, request);
    if (decision !== 'allow') throw this.denial(ctx, action, resource, loaded, session, request, decision);
    if (memo !== undefined) {
      let keys = this.allowed.get(loaded);
      if (!keys) this.allowed.set(loaded, (keys = new Set()));
      if (keys.size >= 1_000) keys.clear();
      keys.add(memo);
    }
  }

  /** as PolicyAuthorizer.allowedKey, with the temporary key (its session policy, tags and issue time) in it */
  private memoKey(ctx: CallContext, loaded: RolePolicies, policies: SessionPolicies | null, action: IamAction, target: ResourceIdentity, facts?: RequestFacts): string | undefined {
    if (facts?.requestTags || ctx.principal.accessKeyId === undefined) return undefined;
    for (const set of [loaded.set, ...(policies ? [policies.set] : []), ...(loaded.boundary ? [loaded.boundary] : [])]) if (set.needsResourceTags(action) || set.readsTime(action)) return undefined;
    return [ctx.principal.accessKeyId, action, target.type, target.account.id, target.name ?? '\u0001', target.path ?? '', target.systemNames ? 'system' : '', ctx.sourceIp ?? '', ctx.secureTransport ? 'tls' : ''].join('\u0000');
  }

  private identityOf(ctx: CallContext, loaded: RolePolicies, session: RoleSession): PrincipalIdentity {
    const key = ctx.principal.accessKeyId;
    if (key === undefined) return sessionIdentity(loaded.account, loaded, session);
    let byKey = this.identities.get(loaded);
    if (!byKey) this.identities.set(loaded, (byKey = new Map()));
    let identity = byKey.get(key);
    if (!identity) {
      if (byKey.size >= 10_000) byKey.clear();
      byKey.set(key, (identity = sessionIdentity(loaded.account, loaded, session)));
    }
    return identity;
  }

  /** The session's own decision for `action` on a target in any account (AssumeRole's caller side). */
  async decide(ctx: CallContext, action: IamAction, target: ResourceIdentity, facts?: RequestFacts): Promise<Decision> {
    const session = ctx.principal.session!;
    const loaded = await this.roles.get(ctx.principal.accountId, session.roleId);
    if (!loaded) throw new AuthenticationError('token-revoked');
    return this.decideLoaded(ctx, loaded, session, await this.request(ctx, loaded, session, action, target, facts));
  }

  private async decideLoaded(ctx: CallContext, loaded: RolePolicies, session: RoleSession, request: EvaluationRequest): Promise<Decision> {
    // AWS "Policy evaluation logic": the role's identity policies within its permissions boundary
    const role = evaluateBounded({ identity: loaded.set, boundary: loaded.boundary }, request, { trace: false });
    if (role.decision === 'explicit-deny') return 'explicit-deny';
    const policies = await this.sessionPoliciesOf(ctx, loaded, session);
    if (policies === null) return role.decision;
    const own = evaluate(policies.set, request, { trace: false });
    if (own.decision === 'explicit-deny') return 'explicit-deny';
    return role.decision === 'allow' && own.decision === 'allow' ? 'allow' : 'implicit-deny';
  }

  private async request(
    ctx: CallContext,
    loaded: RolePolicies,
    session: RoleSession,
    action: IamAction,
    target: ResourceIdentity,
    facts?: RequestFacts,
    resourceTags?: () => Promise<readonly Tag[]>,
  ): Promise<EvaluationRequest> {
    const request: EvaluationRequest = {
      action,
      resource: target,
      principal: this.identityOf(ctx, loaded, session),
      environment: { ...environmentOf(ctx, this.deps.clock.now()), tokenIssueTime: session.issuedAt },
      ...(facts?.requestTags ? { requestTags: facts.requestTags } : {}),
    };
    const policies = await this.sessionPoliciesOf(ctx, loaded, session);
    if (resourceTags && (loaded.set.needsResourceTags(action) || loaded.boundary?.needsResourceTags(action) || policies?.set.needsResourceTags(action))) request.resourceTags = await resourceTags();
    return request;
  }

  /** The session policies compiled once per temporary key; null when the session has none. */
  private async sessionPoliciesOf(ctx: CallContext, loaded: RolePolicies, session: RoleSession): Promise<SessionPolicies | null> {
    if (session.policy === null && session.policyIds.length === 0) return null;
    const key = ctx.principal.accessKeyId ?? `${session.roleId}/${session.issuedAt}/${session.sessionName}`;
    const hit = this.sessionPolicies.get(key);
    if (hit !== undefined) return hit;
    const names = new Map<string, string>();
    const attached = await loadManagedPolicies(this.deps.store, loaded.account.id, session.policyIds, names);
    if (session.policy !== null) {
      const parsed = parsePolicyDocument(session.policy, session.policySyntax, { kind: 'session' });
      // SECURITY: a session policy that no longer parses narrows the session to nothing
      const document = parsed.ok ? parsed.value : DENY_ALL.ok ? DENY_ALL.value : null;
      if (document) attached.push({ id: 'session', document });
      names.set('session', 'session policy');
    }
    const entry: SessionPolicies = { set: compilePolicySet(attached), policyIds: new Set(session.policyIds), names };
    if (this.sessionPolicies.size >= 10_000) this.sessionPolicies.clear();
    this.sessionPolicies.set(key, entry);
    return entry;
  }

  private denial(ctx: CallContext, action: IamAction, resource: ResourceRef, loaded: RolePolicies, session: RoleSession, request: EvaluationRequest, decision: Decision | 'root-only'): AccessDeniedError {
    const result = evaluateBounded({ identity: loaded.set, boundary: loaded.boundary }, request, { trace: true });
    const decoded = explain({ request, result, policyNames: loaded.policyNames, requestId: ctx.requestId, dialect: ctx.dialect });
    const { tags: _tags, ...principal } = request.principal;
    return new AccessDeniedError(action, describeResource(resource), decision === 'root-only' ? 'root-only' : decision === 'explicit-deny' ? 'explicit-deny' : 'implicit-deny', {
      principal: { ...principal, roleSession: { rolePath: loaded.role.path, sessionName: session.sessionName } },
      target: request.resource,
      encodedMessage: sealAuthorizationMessage(this.deps.secretBox, loaded.account.id, decoded),
      ...(result.deniedBy === 'permissions-boundary' ? { deniedBy: result.deniedBy } : {}),
    });
  }
}
