import { timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from '../errors.js';
import type { PolicySyntax } from '../policies/document.js';
import type { Clock, SecretBox } from '../ports.js';
import type { Principal, RoleSession, SessionAssumer } from '../principal.js';
import { SecretAccessKey } from '../secrets.js';
import type { RolePolicies, RolePolicyCache } from './role-policies.js';

/**
 * What a session token carries, sealed with the master key (AES-256-GCM, key id in the sealed form so
 * `keys rotate` keeps older tokens valid): everything verification needs, so a call signed with
 * temporary credentials reads no more than one with a long-term key. Short keys keep tokens small.
 */
interface SessionClaims {
  v: 1;
  /** the temporary access key id the token belongs to */
  k: string;
  /** the temporary secret */
  s: string;
  a: string;
  r: string;
  n: string;
  i: number;
  e: number;
  si?: string;
  b: SessionAssumer;
  p?: string;
  ps?: PolicySyntax;
  pa?: string[];
  t?: Array<{ key: string; value: string }>;
  c?: 1;
  m?: 1;
  /** when the credentials proved MFA (epoch ms): aws:MultiFactorAuthAge counts from it */
  ma?: number;
  /** AWS GetSessionToken: the session of user `r` with the user's own rights, not of a role */
  u?: 1;
  /** Huawei CreateTemporaryAccessKeyByToken: a user's session that calls IAM without MFA */
  h?: 1;
  /** Huawei agency token: the project it is scoped to */
  pj?: string;
}

/** AWS GetSessionToken credentials: the caller's own identity for a while, MFA-flagged when a code was given. */
export interface UserSession {
  accountId: string;
  userId: string;
  userName: string;
  isRoot: boolean;
  issuedAt: number;
  expiresAt: number;
  /** when a code proved MFA, else null */
  mfaAt: number | null;
  /** Huawei CreateTemporaryAccessKeyByToken: IAM calls allowed without MFA (AWS GetSessionToken: false) */
  callsIam?: boolean;
  /** a session policy intersected with the user's own rights (Huawei `auth.identity.policy`) */
  policy?: { text: string; syntax: PolicySyntax };
}

/** The user a GetSessionToken session belongs to, as it is now (cached reads): gone or disabled refuses the session. */
export type SessionUserLookup = (accountId: string, userId: string) => Promise<{ name: string; enabled: boolean } | undefined>;

export interface IssuedSession {
  accessKeyId: string;
  secret: SecretAccessKey;
  /** the sealed token; not secret on its own (useless without the secret) but never logged */
  sessionToken: SecretAccessKey;
  expiresAt: number;
}

/** A verified temporary credential: the principal and the secret to check the signature with. */
export interface SessionIdentity {
  principal: Principal;
  secret: SecretAccessKey;
}

interface Opened {
  token: Buffer;
  claims: SessionClaims;
  principal: Principal;
  secret: SecretAccessKey;
}

const MAX_OPENED = 10_000;

/**
 * Issues and verifies session tokens. Verification: open the token (a tampered token, or one from
 * another server or master key, fails the GCM tag), match it to the signing key id, check its expiry
 * on the server clock, then check the role row: gone, or its "revoke sessions issued before T" after
 * the token's issue time, refuses the call. The role row comes from `RolePolicyCache`, which every
 * write to the role drops through the `role` change announced after its commit.
 */
export class SessionCredentials {
  /** opened tokens by temporary key id: a repeated call does not pay an AES-GCM open */
  private readonly opened = new Map<string, Opened>();

  constructor(
    private readonly secretBox: SecretBox,
    private readonly clock: Clock,
    private readonly roles: RolePolicyCache,
    /** GetSessionToken sessions; without it such a token is refused */
    private readonly users?: SessionUserLookup,
  ) {}

  /** A GetSessionToken session: the token names the user, whose rights (and existence) are read per use. */
  issueForUser(session: UserSession, accessKeyId: string, secret: string): IssuedSession {
    const claims: SessionClaims = {
      v: 1,
      k: accessKeyId,
      s: secret,
      a: session.accountId,
      r: session.userId,
      n: session.userName,
      i: session.issuedAt,
      e: session.expiresAt,
      b: { accountId: session.accountId, userId: session.userId, userName: session.userName },
      u: 1,
      ...(session.isRoot ? { c: 1 as const } : {}),
      ...(session.mfaAt !== null ? { m: 1 as const, ma: session.mfaAt } : {}),
      ...(session.callsIam ? { h: 1 as const } : {}),
      ...(session.policy ? { p: session.policy.text, ps: session.policy.syntax } : {}),
    };
    return { accessKeyId, secret: new SecretAccessKey(secret), sessionToken: new SecretAccessKey(this.secretBox.seal(JSON.stringify(claims))), expiresAt: session.expiresAt };
  }

  issue(session: RoleSession, accountId: string, accessKeyId: string, secret: string, mfa: boolean, mfaAt?: number): IssuedSession {
    const claims: SessionClaims = {
      v: 1,
      k: accessKeyId,
      s: secret,
      a: accountId,
      r: session.roleId,
      n: session.sessionName,
      i: session.issuedAt,
      e: session.expiresAt,
      b: session.assumedBy,
      ...(session.sourceIdentity !== null ? { si: session.sourceIdentity } : {}),
      ...(session.policy !== null ? { p: session.policy, ps: session.policySyntax } : {}),
      ...(session.policyIds.length > 0 ? { pa: [...session.policyIds] } : {}),
      ...(session.tags.length > 0 ? { t: [...session.tags] } : {}),
      ...(session.chained ? { c: 1 as const } : {}),
      ...(mfa ? { m: 1 as const } : {}),
      ...(mfa && mfaAt !== undefined ? { ma: mfaAt } : {}),
    };
    return { accessKeyId, secret: new SecretAccessKey(secret), sessionToken: new SecretAccessKey(this.secretBox.seal(JSON.stringify(claims))), expiresAt: session.expiresAt };
  }

  /**
   * The same session token scoped to a project (Huawei agency token, `scope.project`): the scope is
   * sealed with the rest, so validation (GET /v3/auth/tokens) shows the project the token was made for.
   */
  scopedToProject(token: SecretAccessKey, projectId: string): SecretAccessKey {
    const claims = this.unseal(token.reveal());
    return new SecretAccessKey(this.secretBox.seal(JSON.stringify({ ...claims, pj: projectId } satisfies SessionClaims)));
  }

  /** The identity if the token was opened before and the role's row is cached: no await on the hot path. */
  peek(accessKeyId: string, token: string): SessionIdentity | undefined {
    const opened = this.opened.get(accessKeyId);
    if (!opened || !sameToken(opened.token, token)) return undefined;
    // a user's session reads the user (cached, but behind an await): resolve does
    if (opened.claims.u === 1) return undefined;
    const role = this.roles.peek(opened.claims.r);
    if (role === null) return undefined;
    this.check(opened.claims, role);
    return opened;
  }

  /** @throws authentication-failed (token-invalid | token-expired | token-revoked) */
  resolve(accessKeyId: string, token: string): Promise<SessionIdentity> {
    return this.resolveWith(accessKeyId, token, undefined);
  }

  /** `resolve`, with the claims when the caller has already unsealed the token */
  private async resolveWith(accessKeyId: string, token: string, unsealed: SessionClaims | undefined): Promise<SessionIdentity> {
    let opened = this.opened.get(accessKeyId);
    if (!opened || !sameToken(opened.token, token)) opened = undefined;
    const claims = opened?.claims ?? unsealed ?? this.open(accessKeyId, token);
    if (claims.u === 1) return this.resolveUser(accessKeyId, token, claims, opened);
    const role = await this.roles.get(claims.a, claims.r);
    this.check(claims, role);
    if (!opened) {
      const loaded = role!;
      opened = { token: Buffer.from(token), claims, principal: principalOf(claims, loaded), secret: new SecretAccessKey(claims.s) };
      if (this.opened.size >= MAX_OPENED) this.opened.clear();
      this.opened.set(accessKeyId, opened);
    }
    return opened;
  }

  private async resolveUser(accessKeyId: string, token: string, claims: SessionClaims, known: Opened | undefined): Promise<SessionIdentity> {
    if (this.clock.now() >= claims.e) throw new AuthenticationError('token-expired');
    const user = this.users ? await this.users(claims.a, claims.r) : undefined;
    // the user was deleted (a user made again has a new id): its sessions end with it
    if (!user) throw new AuthenticationError('token-revoked');
    if (!user.enabled) throw new AuthenticationError('user-disabled');
    if (known) return known;
    const opened: Opened = { token: Buffer.from(token), claims, principal: userPrincipalOf(claims, user.name), secret: new SecretAccessKey(claims.s) };
    if (this.opened.size >= MAX_OPENED) this.opened.clear();
    this.opened.set(accessKeyId, opened);
    return opened;
  }

  /**
   * A session token presented on its own, as Huawei's agency tokens are (X-Auth-Token of a Keystone
   * token by `assume_role`, issue #13): the key id is the one sealed in it.
   * @throws authentication-failed (token-invalid | token-expired | token-revoked)
   */
  async resolveToken(token: string): Promise<SessionIdentity> {
    const claims = this.unseal(token);
    if (typeof claims.k !== 'string') throw new AuthenticationError('token-invalid');
    // unsealed once: resolve would otherwise decrypt it a second time to check the same key id
    return this.resolveWith(claims.k, token, claims);
  }

  private open(accessKeyId: string, token: string): SessionClaims {
    const claims = this.unseal(token);
    if (claims.k !== accessKeyId) throw new AuthenticationError('token-invalid');
    return claims;
  }

  private unseal(token: string): SessionClaims {
    let claims: SessionClaims;
    try {
      claims = JSON.parse(this.secretBox.open(token)) as SessionClaims;
    } catch {
      // SECURITY: tampered, truncated, or sealed by another server or master key
      throw new AuthenticationError('token-invalid');
    }
    if (claims.v !== 1) throw new AuthenticationError('token-invalid');
    return claims;
  }

  private check(claims: SessionClaims, role: RolePolicies | undefined): void {
    if (this.clock.now() >= claims.e) throw new AuthenticationError('token-expired');
    // the role was deleted (and perhaps made again: a new role has a new id)
    if (!role || role.account.id !== claims.a) throw new AuthenticationError('token-revoked');
    const revokedBefore = role.role.sessionsRevokedBefore;
    if (revokedBefore !== null && claims.i < revokedBefore) throw new AuthenticationError('token-revoked');
  }
}

/**
 * Where a presented token is written for the constant-time compare: `Buffer.from` of a ~500-byte token
 * on every signed call took slices of Node's buffer pool, and refilling the pool was most of a cached
 * session's authentication (issue #13 performance). A token without session policies is ~500 bytes;
 * one too long for the scratch (a 2 KB session policy) is copied as before.
 */
const scratch = Buffer.allocUnsafe(8_192);

function sameToken(known: Buffer, given: string): boolean {
  // a sealed token is ASCII: a given one of another length, or not ASCII, is another token
  if (given.length !== known.length) return false;
  // a UTF-16 unit is at most 3 bytes of UTF-8: below this length the whole token fits in the scratch
  if (known.length * 3 > scratch.length) {
    const candidate = Buffer.from(given);
    return candidate.length === known.length && timingSafeEqual(candidate, known);
  }
  const written = scratch.write(given, 0, 'utf8');
  // SECURITY: constant time in the token's bytes, as timingSafeEqual is
  return written === known.length && timingSafeEqual(scratch.subarray(0, written), known);
}

function userPrincipalOf(claims: SessionClaims, userName: string): Principal {
  return {
    accountId: claims.a,
    userId: claims.r,
    userName,
    isRoot: claims.c === 1,
    authMethod: 'token',
    accessKeyId: claims.k,
    mfaAuthenticated: claims.m === 1,
    ...(claims.m === 1 && claims.ma !== undefined ? { mfaAuthenticatedAt: claims.ma } : {}),
    userSession: {
      issuedAt: claims.i,
      expiresAt: claims.e,
      ...(claims.h === 1 ? { callsIam: true as const } : {}),
      ...(claims.p !== undefined ? { policy: claims.p, policySyntax: claims.ps ?? 'aws' } : {}),
    },
  };
}

function principalOf(claims: SessionClaims, loaded: RolePolicies): Principal {
  const { role } = loaded;
  const session: RoleSession = {
    roleId: role.id,
    roleName: role.name,
    rolePath: role.path,
    roleAwsId: role.awsId,
    roleNumericId: role.numericId,
    sessionName: claims.n,
    sourceIdentity: claims.si ?? null,
    issuedAt: claims.i,
    expiresAt: claims.e,
    assumedBy: claims.b,
    policy: claims.p ?? null,
    policySyntax: claims.ps ?? 'aws',
    policyIds: claims.pa ?? [],
    tags: claims.t ?? [],
    chained: claims.c === 1,
    ...(claims.pj !== undefined ? { projectId: claims.pj } : {}),
  };
  return {
    accountId: claims.a,
    userId: role.id,
    userName: role.name,
    isRoot: false,
    authMethod: 'token',
    accessKeyId: claims.k,
    mfaAuthenticated: claims.m === 1,
    ...(claims.m === 1 && claims.ma !== undefined ? { mfaAuthenticatedAt: claims.ma } : {}),
    session,
  };
}
