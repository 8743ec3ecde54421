import type { Account } from '../accounts/account.js';
import { StsActions } from '../authorization/actions.js';
import { accountIdentity, environmentOf } from '../authorization/request-context.js';
import { principalIdentity } from '../authorization/request-context.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { AccessDeniedError, InvalidInputError, LimitExceededError } from '../errors.js';
import type { EvaluationRequest, PrincipalIdentity, ResourceIdentity } from '../evaluation/request.js';
import type { PolicySyntax } from '../policies/document.js';
import { requirePolicy, type PolicyRef } from '../policies/policy-ref.js';
import { validatePolicyDocument } from '../policies/validate.js';
import { withMfaProved, type CallContext, type RoleSession } from '../principal.js';
import type { SecretAccessKey } from '../secrets.js';
import type { Tag } from '../users/user.js';
import { ROLE_LIMITS, type Role } from './role.js';
import type { RolePolicyCache } from './role-policies.js';
import { proveMfa, type MfaCodeVerifier, type MfaOffer } from './mfa-proof.js';
import type { SessionCredentials } from './session-credentials.js';
import { sessionIdentity } from './session-authorizer.js';
import { decideTrust, parseTrustPolicy, type TrustCaller, type TrustPolicy } from './trust-policy.js';

export interface AssumeRoleInput {
  /** the role's account as its ARN/TRN names it (AWS 12-digit id, integer id, or the 32-hex id) and its name */
  role: { account: string; name: string };
  sessionName: string;
  /** seconds; 3,600 when absent */
  durationSeconds?: number;
  /** Volcengine AssumeRole: out-of-range durations are clamped, not refused (V-AR) */
  clampDuration?: boolean;
  /**
   * The vendor's own ceiling for a role that allows the longest sessions AWS does (12 h): Huawei v3.0
   * securitytokens by agency last "15 minutes to 24 hours" (iam_04_0101), and a v3.0 agency has no
   * session maximum of its own. A role its owner held below 12 h stays held there; chaining stays 1 h.
   */
  vendorMaxDuration?: number;
  policy?: string;
  policySyntax: PolicySyntax;
  /** managed policies of the role's account (AWS PolicyArns) */
  policyArns?: PolicyRef[];
  tags?: Tag[];
  externalId?: string;
  sourceIdentity?: string;
  /** AWS SerialNumber + TokenCode: verified with the caller's enabled device and spent */
  mfa?: MfaOffer;
}

export interface AssumedRole {
  account: Account;
  role: Role;
  session: RoleSession;
  accessKeyId: string;
  secret: SecretAccessKey;
  sessionToken: SecretAccessKey;
  expiresAt: number;
  /** AWS PackedPolicySize: the percentage of the allowed size the session policies and tags use */
  packedPolicySize: number;
}

/** AWS AssumeRole DurationSeconds: 900 to the role's maximum; role chaining caps it at one hour. */
const MIN_DURATION = 900;
const CHAINED_MAX = 3_600;
const MAX_POLICY_ARNS = 10;
const MAX_SESSION_TAGS = 50;

/**
 * AWS STS AssumeRole and the other vendors' equivalents (Volcengine AssumeRole, Huawei AssumeAgency):
 * temporary credentials for a role whose trust policy admits the caller (issue #13 "Trust").
 */
export class AssumeRoleService {
  private readonly trust = new Map<string, { updatedAt: number; policy: TrustPolicy }>();
  /** accounts by id, dropped by their `account` change: the caller's account is read on every call */
  private readonly accounts = new Map<string, Account>();
  /** role ids by account and lower-case name; the row itself comes from RolePolicyCache, which every write to the role drops */
  private readonly roleIds = new Map<string, string>();

  constructor(
    private readonly deps: CoreDeps,
    private readonly roles: RolePolicyCache,
    private readonly credentials: SessionCredentials,
    /** the core MFA devices; without them an offered code cannot be verified and is refused */
    private readonly mfa?: MfaCodeVerifier,
  ) {
    deps.changes.subscribe((change) => {
      if (change.kind === 'account') this.accounts.delete(change.id);
    });
  }

  private async account(id: string): Promise<Account | undefined> {
    const known = this.accounts.get(id);
    if (known) return known;
    const found = await this.deps.store.accounts.findById(id);
    if (found) {
      if (this.accounts.size >= 10_000) this.accounts.clear();
      this.accounts.set(id, found);
    }
    return found;
  }

  /**
   * The role named, as RolePolicyCache holds it (no database read while it is fresh): a name once
   * resolved maps to its id; a role deleted since (and perhaps made again, with a new id) is looked up
   * by name again.
   */
  private async roleNamed(accountId: string, name: string): Promise<Role | undefined> {
    const key = `${accountId}\u0000${name.toLowerCase()}`;
    const id = this.roleIds.get(key);
    if (id !== undefined) {
      const loaded = await this.roles.get(accountId, id);
      if (loaded && loaded.role.name.toLowerCase() === name.toLowerCase()) return loaded.role;
      this.roleIds.delete(key);
    }
    const role = await this.deps.store.roles.findByName(accountId, name);
    if (role) {
      if (this.roleIds.size >= 10_000) this.roleIds.clear();
      this.roleIds.set(key, role.id);
    }
    return role;
  }

  /** @throws access-denied | invalid-input (durationSeconds, policy, MalformedPolicyDocumentError) | limit-exceeded */
  assume(ctx: CallContext, input: AssumeRoleInput): Promise<AssumedRole> {
    const { principal } = ctx;
    const resource = { type: 'role' as const, accountId: principal.accountId, name: input.role.name };
    // Nothing is stored: the session lives in its sealed token, and the role's RoleLastUsed is marked
    // when a session signs a call, best effort (AWS updates it lazily too). The event is then batched as
    // GetSessionToken's is; an MFA code offered is spent in a transaction, which carries the event.
    const storesNothing = input.mfa === undefined;
    return runCommand(this.deps, ctx, StsActions.assumeRole, resource, () => this.run(ctx, input), input.tags ? { requestTags: input.tags } : undefined, { grantedBy: 'trust-policy', storesNothing });
  }

  private async run(ctx: CallContext, input: AssumeRoleInput): Promise<AssumedRole> {
    const { principal } = ctx;
    const { store, clock, ids } = this.deps;
    const deny = (target: string) => new AccessDeniedError(StsActions.assumeRole, `role/${target}`, 'implicit-deny');
    // AWS: "Roles may not be assumed by root accounts"; Volcengine V-AR: the main account cannot call AssumeRole
    if (principal.isRoot) throw deny(input.role.name);
    const callerAccount = await this.account(principal.accountId);
    if (!callerAccount) throw deny(input.role.name);
    const roleAccount = [callerAccount.awsAccountId, callerAccount.id, String(callerAccount.numericId)].includes(input.role.account)
      ? callerAccount
      : (await store.accounts.findByNumber(input.role.account)) ?? (await store.accounts.findById(input.role.account));
    const role = roleAccount ? await this.roleNamed(roleAccount.id, input.role.name) : undefined;
    // AWS answers an unknown role with AccessDenied, naming the ARN asked for: nothing is learnt about other accounts
    if (!roleAccount || !role) throw this.denied(ctx, callerAccount, input, undefined);
    const chained = principal.session !== undefined;
    const duration = this.duration(input, role, chained);
    const policyIds: string[] = [];
    if (input.policyArns) {
      if (input.policyArns.length > MAX_POLICY_ARNS) throw new LimitExceededError('policy', MAX_POLICY_ARNS, 'session');
      for (const ref of input.policyArns) policyIds.push((await requirePolicy(store, roleAccount.id, ref)).policy.id);
    }
    if (input.policy !== undefined) validatePolicyDocument(input.policy, input.policySyntax, 'session');
    const tags = input.tags ?? [];
    if (tags.length > MAX_SESSION_TAGS) throw new LimitExceededError('tag', MAX_SESSION_TAGS, 'session');

    // A-AR SerialNumber/TokenCode: the code proves MFA for this call, so the trust policy and the caller's
    // own policies see aws:MultiFactorAuthPresent true, and the session carries it (MultiFactorAuthAge
    // counts from now); a caller whose credentials proved MFA earlier (GetSessionToken) passes it on
    let mfaAt = principal.mfaAuthenticated ? principal.mfaAuthenticatedAt : undefined;
    if (input.mfa) {
      await proveMfa(this.mfa, principal, input.mfa, StsActions.assumeRole, `role/${input.role.name}`);
      mfaAt = clock.now();
      ctx = { ...ctx, principal: withMfaProved(principal, mfaAt) };
    }
    const target: ResourceIdentity = { type: 'role', account: accountIdentity(roleAccount), name: role.name, path: role.path };
    const request: EvaluationRequest = {
      action: StsActions.assumeRole,
      resource: target,
      principal: await this.callerIdentity(ctx, callerAccount),
      environment: { ...environmentOf(ctx, clock.now()), externalId: input.externalId ?? null, ...(principal.session ? { tokenIssueTime: principal.session.issuedAt } : {}) },
      ...(tags.length > 0 ? { requestTags: tags } : {}),
    };
    const caller: TrustCaller = principal.session
      ? { account: accountIdentity(callerAccount), session: { roleName: principal.session.roleName, sessionName: principal.session.sessionName } }
      : { account: accountIdentity(callerAccount), user: { name: principal.userName } };
    const trust = this.trustOf(role);
    const asks = [StsActions.assumeRole, ...(tags.length > 0 ? [StsActions.tagSession] : []), ...(input.sourceIdentity ? [StsActions.setSourceIdentity] : [])];
    const facts = tags.length > 0 ? { requestTags: tags } : undefined;
    for (const action of asks) {
      const answer = decideTrust(trust, caller, { ...request, action });
      if (answer === 'explicit-deny' || answer === 'no-match') throw this.denied(ctx, callerAccount, input, roleAccount);
      // AWS "Cross-account policy evaluation logic": the caller's own policies must allow too, unless
      // the trust policy names the caller itself in the role's own account; an explicit Deny always wins
      const own = (await this.deps.authorizer.decideOwn?.(ctx, action, target, facts)) ?? 'implicit-deny';
      if (own === 'explicit-deny') throw this.denied(ctx, callerAccount, input, roleAccount);
      const namedInOwnAccount = answer === 'names-caller' && roleAccount.id === callerAccount.id;
      if (!namedInOwnAccount && own !== 'allow') throw this.denied(ctx, callerAccount, input, roleAccount);
    }

    const now = clock.now();
    const session: RoleSession = {
      roleId: role.id,
      roleName: role.name,
      rolePath: role.path,
      roleAwsId: role.awsId,
      roleNumericId: role.numericId,
      sessionName: input.sessionName,
      sourceIdentity: input.sourceIdentity ?? principal.session?.sourceIdentity ?? null,
      issuedAt: now,
      expiresAt: now + duration * 1000,
      assumedBy: principal.session
        ? { accountId: principal.accountId, userId: principal.session.assumedBy.userId, userName: principal.session.roleName, sessionName: principal.session.sessionName }
        : { accountId: principal.accountId, userId: principal.userId, userName: principal.userName },
      policy: input.policy ?? null,
      policySyntax: input.policySyntax,
      policyIds,
      tags,
      chained,
    };
    const issued = this.credentials.issue(session, roleAccount.id, ids.temporaryAccessKeyId(), ids.secretAccessKey(), ctx.principal.mfaAuthenticated, mfaAt);
    const packed = Math.ceil((((input.policy ?? '').replace(/\s/g, '').length + JSON.stringify(tags).length) * 100) / 2048);
    return { account: roleAccount, role, session, ...issued, packedPolicySize: packed };
  }

  private duration(input: AssumeRoleInput, role: Role, chained: boolean): number {
    const own = role.maxSessionDuration >= ROLE_LIMITS.maxSessionDuration && input.vendorMaxDuration !== undefined ? Math.max(role.maxSessionDuration, input.vendorMaxDuration) : role.maxSessionDuration;
    const max = chained ? Math.min(CHAINED_MAX, own) : own;
    const asked = input.durationSeconds;
    if (input.clampDuration) {
      // Volcengine V-AR: "<900 or absent -> 3600, >43200 -> 43200"; held to the role's maximum here
      if (asked === undefined || asked < MIN_DURATION) return Math.min(3_600, max);
      return Math.min(asked, max);
    }
    if (asked === undefined) return Math.min(3_600, max);
    if (asked < MIN_DURATION) throw new InvalidInputError('durationSeconds', `must be at least ${MIN_DURATION} seconds`);
    if (asked > max) throw new InvalidInputError('durationSeconds', chained ? 'exceeds the 1 hour session limit for roles assumed by role chaining' : 'exceeds the MaxSessionDuration set for this role');
    return asked;
  }

  private async callerIdentity(ctx: CallContext, account: Account): Promise<PrincipalIdentity> {
    const { principal } = ctx;
    if (principal.session) {
      const loaded = await this.roles.get(principal.accountId, principal.session.roleId);
      if (loaded) return sessionIdentity(account, loaded, principal.session);
    }
    const store = this.deps.store;
    const user = await store.users.findById(principal.accountId, principal.userId);
    if (!user) throw new AccessDeniedError(StsActions.assumeRole, 'role', 'implicit-deny');
    return principalIdentity(account, user, await store.users.listTags(user.id));
  }

  /** parsed once per role version */
  private trustOf(role: Role): TrustPolicy {
    const hit = this.trust.get(role.id);
    if (hit && hit.updatedAt === role.updatedAt) return hit.policy;
    const policy = parseTrustPolicy(role.trustPolicy, role.trustSyntax);
    if (this.trust.size >= 10_000) this.trust.clear();
    this.trust.set(role.id, { updatedAt: role.updatedAt, policy });
    return policy;
  }

  /** AWS: `User: <caller> is not authorized to perform: sts:AssumeRole on resource: <role ARN>` */
  private denied(ctx: CallContext, callerAccount: Account, input: AssumeRoleInput, roleAccount: Account | undefined): AccessDeniedError {
    const { principal } = ctx;
    const account = roleAccount ?? { id: input.role.account, awsAccountId: input.role.account, numericId: Number(input.role.account) || 0 };
    return new AccessDeniedError(StsActions.assumeRole, `role/${input.role.name}`, 'implicit-deny', {
      principal: {
        account: accountIdentity(callerAccount),
        userId: principal.userId,
        userName: principal.userName,
        isRoot: principal.isRoot,
        ...(principal.session ? { roleSession: { rolePath: principal.session.rolePath, sessionName: principal.session.sessionName } } : {}),
      },
      target: { type: 'role', account: { id: account.id, awsAccountId: account.awsAccountId, numericId: account.numericId }, name: input.role.name, path: '/' },
    });
  }
}
