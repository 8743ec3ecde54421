import type { AuditParameterSource } from './audit/parameters.js';

/** Who is calling, as established by `auth/` (signature, token or console session). */
export interface Principal {
  accountId: string;
  userId: string;
  userName: string;
  isRoot: boolean;
  authMethod: 'access-key' | 'token' | 'console' | 'system';
  accessKeyId?: string;
  mfaAuthenticated: boolean;
  /**
   * Set when the caller signs with temporary credentials of an assumed role (issue #13). `userId` is
   * then the role's id and `userName` the role's name; the session's rights are the role's identity
   * policies intersected with the session policies.
   */
  session?: RoleSession;
  /**
   * When these credentials proved MFA (epoch ms): set, with `mfaAuthenticated`, by whoever mints them
   * from an MFA check (STS GetSessionToken/AssumeRole with SerialNumber+TokenCode, a console sign-in
   * that passed its second step, a Keystone password+totp token). `aws:MultiFactorAuthAge` counts from it.
   */
  mfaAuthenticatedAt?: number;
  /**
   * Set when the caller signs with AWS GetSessionToken credentials (issue #13): the user's own rights,
   * but no IAM call without MFA and no second GetSessionToken (AWS "Comparing the AWS STS API operations").
   */
  userSession?: UserSessionFacts;
  /**
   * Set when a cloud operator (issue #16, `polyiam operator grant`) calls with a system-scoped token, or
   * with a token scoped to a domain not its own: then `accountId` is that domain and the operator has
   * the root's reach in it; the operator's own account and user stay here for the audit trail.
   */
  operator?: OperatorIdentity;
}

/** Who a cloud operator is at home: the account and user its operator grant names. */
export interface OperatorIdentity {
  accountId: string;
  accountName: string;
  userId: string;
  userName: string;
}

/** What credentials of a user's own session (AWS GetSessionToken, Huawei CreateTemporaryAccessKeyByToken) carry. */
export interface UserSessionFacts {
  issuedAt: number;
  expiresAt: number;
  /**
   * Huawei CreateTemporaryAccessKeyByToken credentials call IAM like the user's token did; AWS
   * GetSessionToken credentials may not without MFA (absent)
   */
  callsIam?: true;
  /** Huawei `auth.identity.policy`: a session policy (in `policySyntax`) intersected with the user's rights */
  policy?: string;
  policySyntax?: RoleSession['policySyntax'];
}

/** Who assumed a role, as its session remembers it (audit, GetCallerIdentity). */
export interface SessionAssumer {
  accountId: string;
  /** the user's id, or the role's id when the assumer was itself a role session (chaining) */
  userId: string;
  userName: string;
  /** set when the assumer was a role session */
  sessionName?: string;
}

/** An assumed-role session, as its session token carries it and the role row confirms it. */
export interface RoleSession {
  roleId: string;
  roleName: string;
  rolePath: string;
  /** AWS `AROA…` role id: `aws:userid` is `AROA…:<session name>` */
  roleAwsId: string;
  roleNumericId: number;
  sessionName: string;
  sourceIdentity: string | null;
  /** epoch ms: `aws:TokenIssueTime` */
  issuedAt: number;
  expiresAt: number;
  assumedBy: SessionAssumer;
  /** the session policy: an inline document (in `policySyntax`) and managed policy ids, intersected with the role's */
  policy: string | null;
  policySyntax: 'aws' | 'kingsoft' | 'huawei-v5' | 'volcengine';
  policyIds: readonly string[];
  tags: ReadonlyArray<{ key: string; value: string }>;
  /** assumed by a role session: AWS role chaining, at most one hour */
  chained: boolean;
  /** Huawei agency token scoped to a project (`scope.project`): which one, for its validation */
  projectId?: string;
}

/** The principal of credentials that proved MFA at `at` (AWS aws:MultiFactorAuthPresent true, MultiFactorAuthAge from `at`). */
export function withMfaProved(principal: Principal, at: number): Principal {
  return { ...principal, mfaAuthenticated: true, mfaAuthenticatedAt: at };
}

/** Everything a core command knows about the call besides its input. */
export interface CallContext {
  principal: Principal;
  requestId: string;
  dialect: string;
  sourceIp: string | null;
  secureTransport: boolean;
  /** the client's User-Agent header, for the audit trail (CloudTrail userAgent) */
  userAgent?: string | null;
  /** the action in the dialect's own words (`CreateUser`, `POST /v5/users`), for the audit trail */
  operation?: string;
  /** the parsed request parameters; the audit keeps only allow-listed ones (core/audit/parameters.ts) */
  parameters?: AuditParameterSource;
  /** the token or session the call was made with, by id (never the token) */
  sessionId?: string;
}

/** The CLI and bootstrap act as the account's root without a request. */
export function systemContext(accountId: string, rootUserId: string, rootName: string): CallContext {
  return {
    principal: { accountId, userId: rootUserId, userName: rootName, isRoot: true, authMethod: 'system', mfaAuthenticated: true },
    requestId: 'system',
    dialect: 'system',
    sourceIp: null,
    secureTransport: true,
  };
}
