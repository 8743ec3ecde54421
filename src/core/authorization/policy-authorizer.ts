import type { ChangeFeed } from '../change-feed.js';
import { AccessDeniedError, AuthenticationError, type DeniedPrincipal } from '../errors.js';
import type { Clock, Repositories, SecretBox } from '../ports.js';
import type { CallContext } from '../principal.js';
import { Actions, type IamAction } from './actions.js';
import { sealAuthorizationMessage } from './authorization-messages.js';
import { describeResource, type Authorizer, type RequestFacts, type ResourceRef } from './authorizer.js';
import { decideCall, type CallAnswer } from './decide.js';
import { explain } from './explanation.js';
import { PrincipalPolicyCache, type PrincipalCacheOptions, type PrincipalPolicies } from './principal-policies.js';
import { environmentOf, resolveTarget, type ResolvedTarget } from './request-context.js';
import type { RequestEnvironment, ResourceIdentity } from '../evaluation/request.js';
import { evaluate, type Decision } from '../evaluation/evaluate.js';
import { RolePolicyCache } from '../roles/role-policies.js';
import { SessionAuthorizer } from '../roles/session-authorizer.js';
import { UserSessionPolicies } from '../roles/user-session-policy.js';
import { principalIdentity } from './request-context.js';
import { setsNeedResourceTags, setsReadTime } from '../evaluation/boundary.js';
import { AccountStanding } from '../accounts/account-standing.js';
import type { AllowListGate } from '../login-protection/access-control-service.js';

const MAX_ALLOWS_PER_PRINCIPAL = 1_000;

export interface PolicyAuthorizerDeps {
  store: Repositories;
  clock: Clock;
  secretBox: SecretBox;
  changes: ChangeFeed;
  /** the account's API IP allow list (Huawei api-acl-policy): asked for every IAM user's call */
  apiAllowList?: AllowListGate;
}

/**
 * Issue #5: every call is decided by the one evaluator against the caller's identity policies (attached
 * to the user, to its groups, inline, system). The account root may do everything in its own account;
 * nothing crosses accounts; a disabled user is refused whatever it holds. A denial carries the caller,
 * the target and the sealed explanation, for each dialect to render its 403.
 */
export class PolicyAuthorizer implements Authorizer {
  readonly principals: PrincipalPolicyCache;
  /** assumed-role sessions (issue #13): the role's policies intersected with the session's */
  readonly sessions: SessionAuthorizer;
  /** allows already decided, per loaded principal: a change to its policies or tags loads a new one */
  private readonly allowed = new WeakMap<PrincipalPolicies, Set<string>>();
  /** session policies of users' temporary credentials (Huawei CreateTemporaryAccessKeyByToken, issue #13) */
  private readonly userSessions = new UserSessionPolicies();
  /** a disabled domain's callers are refused whatever they hold (issue #16) */
  readonly accountStanding: AccountStanding;

  constructor(
    private readonly deps: PolicyAuthorizerDeps,
    options: PrincipalCacheOptions = {},
  ) {
    this.principals = new PrincipalPolicyCache(deps.store, deps.clock, deps.changes, options);
    this.sessions = new SessionAuthorizer(deps, new RolePolicyCache(deps.store, deps.clock, deps.changes));
    this.accountStanding = new AccountStanding(deps.store.accounts, deps.changes);
  }

  /**
   * Huawei api-acl-policy: an IAM user (or role session) calling from an address the account's API
   * allow list does not hold is refused, whatever its policies say; the console has its own list,
   * checked at sign-in. Hot path: a known list costs one map read, no await.
   * @throws access-denied
   */
  private async requireAllowedAddress(ctx: CallContext, action: IamAction | undefined, resource: ResourceRef | undefined): Promise<void> {
    const gate = this.deps.apiAllowList!;
    if (ctx.dialect === 'console' || ctx.dialect === 'system') return;
    const known = gate.peekAdmits(ctx.principal, 'api', ctx.sourceIp);
    if (known === true || (known === undefined && (await gate.admits(ctx.principal, 'api', ctx.sourceIp)))) return;
    throw new AccessDeniedError(action ?? Actions.getAccessControlPolicy, resource ? describeResource(resource) : `account/${ctx.principal.accountId}`, 'not-allowed');
  }

  /** @throws authentication-failed (user-disabled) when the caller's account (domain) is disabled */
  private async requireEnabledAccount(ctx: CallContext): Promise<void> {
    if (!(await this.accountStanding.isEnabled(ctx.principal.accountId))) throw new AuthenticationError('user-disabled');
  }

  /**
   * The caller's own identity policies' decision for `action` on a target that may be in another
   * account: the caller side of AWS AssumeRole ("cross-account access: both the trust policy and the
   * caller's identity policy must allow"). The root of an account is allowed everything in it.
   * @throws authentication-failed (user-disabled | token-revoked)
   */
  async decideOwn(ctx: CallContext, action: IamAction, target: ResourceIdentity, facts?: RequestFacts): Promise<Decision> {
    const { principal } = ctx;
    // hot path: a known enabled account costs one map read, no await
    if (this.accountStanding.peek(ctx.principal.accountId) !== true) await this.requireEnabledAccount(ctx);
    if (principal.session) return this.sessions.decide(ctx, action, target, facts);
    if (principal.isRoot) return target.account.id === principal.accountId ? 'allow' : 'implicit-deny';
    const loaded = await this.principals.get(principal.accountId, principal.userId);
    if (!loaded) return 'implicit-deny';
    if (!loaded.user.enabled) throw new AuthenticationError('user-disabled');
    const request = {
      action,
      resource: target,
      principal: principalIdentity(loaded.account, loaded.user, loaded.tags),
      environment: environmentOf(ctx, this.deps.clock.now()),
      ...(facts?.requestTags ? { requestTags: facts.requestTags } : {}),
    };
    const own = evaluate(loaded.set, request, { trace: false }).decision;
    if (own !== 'allow' || principal.userSession?.policy === undefined) return own;
    return this.userSessions.decide(ctx, request);
  }

  /** @throws authentication-failed (user-disabled) */
  async admit(ctx: CallContext): Promise<void> {
    // hot path: a known enabled account costs one map read, no await
    if (this.accountStanding.peek(ctx.principal.accountId) !== true) await this.requireEnabledAccount(ctx);
    if (this.deps.apiAllowList) await this.requireAllowedAddress(ctx, undefined, undefined);
    if (ctx.principal.isRoot) return;
    if (ctx.principal.session) {
      if (!(await this.sessions.roles.get(ctx.principal.accountId, ctx.principal.session.roleId))) throw new AuthenticationError('token-revoked');
      return;
    }
    const loaded = await this.principals.get(ctx.principal.accountId, ctx.principal.userId);
    // SECURITY: a disabled user's key or token may still be in an authentication cache for a while
    if (loaded && !loaded.user.enabled) throw new AuthenticationError('user-disabled');
  }

  /** @throws access-denied | authentication-failed (user-disabled) */
  async authorize(ctx: CallContext, action: IamAction, resource: ResourceRef, facts?: RequestFacts): Promise<void> {
    const { principal } = ctx;
    // hot path: a known enabled account costs one map read, no await
    if (this.accountStanding.peek(ctx.principal.accountId) !== true) await this.requireEnabledAccount(ctx);
    if (this.deps.apiAllowList) await this.requireAllowedAddress(ctx, action, resource);
    if (principal.session) return this.sessions.authorize(ctx, action, resource, facts);
    // AWS GetSessionToken credentials: "You cannot call any IAM API operations unless MFA authentication
    // information is included in the request"; AWS answers InvalidClientTokenId (STS AssumeRole and
    // GetCallerIdentity do not come through here)
    if (principal.userSession && !principal.mfaAuthenticated && !principal.userSession.callsIam) throw new AuthenticationError('token-invalid');
    // INVARIANT: nothing crosses accounts, whoever asks.
    if (resource.accountId !== principal.accountId) throw new AccessDeniedError(action, describeResource(resource), 'not-allowed');
    // a session policy narrows even the root's credentials; such calls are decided afresh, never remembered
    if (principal.userSession?.policy !== undefined) return this.authorizeNarrowed(ctx, action, resource, facts);
    // the root's calls read nothing: it may do everything in its account
    if (principal.isRoot) return;
    const loaded = await this.principals.get(principal.accountId, principal.userId);
    if (!loaded) throw new AccessDeniedError(action, describeResource(resource), 'implicit-deny');
    if (!loaded.user.enabled) throw new AuthenticationError('user-disabled');
    // the target's row and tags come from the store's read cache (core/caching) when it has one
    const target = await resolveTarget(this.deps.store, loaded.account, resource);
    // a user target's tags: its own once the target is known, else the command's loader
    const targetUser = target.user;
    const resourceTags = targetUser ? () => this.deps.store.users.listTags(targetUser.id) : resource.tags;
    const environment = environmentOf(ctx, this.deps.clock.now());
    const remembered = this.allowedKey(loaded, action, target, environment, facts);
    if (remembered !== undefined && this.allowed.get(loaded)?.has(remembered)) return;
    const question = {
      account: loaded.account,
      user: loaded.user,
      set: loaded.set,
      boundary: loaded.boundary,
      action,
      target,
      environment,
      ...(facts?.requestTags ? { requestTags: facts.requestTags } : {}),
      ...(resourceTags ? { resourceTags } : {}),
      principalTags: async () => loaded.tags,
      rules: 'all' as const,
    };
    // the trace costs allocations: decide without it, and only a denial is decided again to explain
    const answer = await decideCall({ ...question, trace: false });
    if (answer.decision === 'allow') {
      if (remembered !== undefined) this.remember(loaded, remembered);
      return;
    }
    const explained = answer.decidedBy === 'policies' ? await decideCall({ ...question, trace: true }) : answer;
    throw this.denial(ctx, action, resource, loaded, explained);
  }

  /**
   * Issue #13, Huawei CreateTemporaryAccessKeyByToken with `policy`: the user's own decision (root and
   * self-service rules included), and then the session policy's; both must allow, a Deny in either wins.
   */
  private async authorizeNarrowed(ctx: CallContext, action: IamAction, resource: ResourceRef, facts?: RequestFacts): Promise<void> {
    const { principal } = ctx;
    const loaded = await this.principals.get(principal.accountId, principal.userId);
    if (!loaded) throw new AccessDeniedError(action, describeResource(resource), 'implicit-deny');
    if (!loaded.user.enabled) throw new AuthenticationError('user-disabled');
    const target = await resolveTarget(this.deps.store, loaded.account, resource);
    const targetUser = target.user;
    const resourceTags = targetUser ? () => this.deps.store.users.listTags(targetUser.id) : resource.tags;
    const question = {
      account: loaded.account,
      user: loaded.user,
      set: loaded.set,
      boundary: loaded.boundary,
      action,
      target,
      environment: environmentOf(ctx, this.deps.clock.now()),
      ...(facts?.requestTags ? { requestTags: facts.requestTags } : {}),
      ...(resourceTags ? { resourceTags } : {}),
      principalTags: async () => loaded.tags,
      rules: 'all' as const,
    };
    const answer = await decideCall({ ...question, trace: false });
    if (answer.decision !== 'allow') throw this.denial(ctx, action, resource, loaded, answer.decidedBy === 'policies' ? await decideCall({ ...question, trace: true }) : answer);
    const narrowed = await this.userSessions.decide(ctx, answer.request, resourceTags);
    if (narrowed === 'allow') return;
    const { tags: _tags, ...denied } = answer.request.principal;
    throw new AccessDeniedError(action, describeResource(resource), narrowed, { principal: denied satisfies DeniedPrincipal, target: answer.request.resource });
  }

  /**
   * The key under which an allow is remembered, or undefined when the decision may depend on more than
   * the key holds: request tags, the target's tags (which change without the caller's policies
   * changing), or the clock. Otherwise a decision is a function of the caller's compiled policies and
   * tags (`loaded`, replaced on any change to them), the action, the target as named, and the
   * connection facts below, so an equal key is an equal decision.
   */
  private allowedKey(loaded: PrincipalPolicies, action: IamAction, target: ResolvedTarget, env: RequestEnvironment, facts?: RequestFacts): string | undefined {
    const sets = { identity: loaded.set, boundary: loaded.boundary };
    if (facts?.requestTags || setsNeedResourceTags(sets, action) || setsReadTime(sets, action)) return undefined;
    const { identity } = target;
    return [
      action,
      identity.type,
      identity.account.id,
      identity.name ?? '\u0001',
      identity.path ?? '',
      identity.systemNames ? 'system' : '',
      target.userId ?? '',
      target.isRootUser ? 'root' : '',
      env.sourceIp ?? '',
      env.secureTransport ? 'tls' : '',
      String(env.mfaPresent),
    ].join('\u0000');
  }

  private remember(loaded: PrincipalPolicies, key: string): void {
    let keys = this.allowed.get(loaded);
    if (!keys) this.allowed.set(loaded, (keys = new Set()));
    if (keys.size >= MAX_ALLOWS_PER_PRINCIPAL) keys.clear();
    keys.add(key);
  }

  private denial(ctx: CallContext, action: IamAction, resource: ResourceRef, loaded: PrincipalPolicies, answer: CallAnswer): AccessDeniedError {
    const { request } = answer;
    const decoded = explain({ request, ...(answer.result ? { result: answer.result } : {}), policyNames: loaded.policyNames, requestId: ctx.requestId, dialect: ctx.dialect });
    const { tags: _tags, ...principal } = request.principal;
    const reason = answer.decidedBy === 'root-only' ? 'root-only' : answer.decision === 'explicit-deny' ? 'explicit-deny' : 'implicit-deny';
    return new AccessDeniedError(action, describeResource(resource), reason, {
      principal: principal satisfies DeniedPrincipal,
      target: request.resource,
      encodedMessage: sealAuthorizationMessage(this.deps.secretBox, loaded.account.id, decoded),
      ...(answer.result?.deniedBy ? { deniedBy: answer.result.deniedBy } : {}),
    });
  }
}
