/**
 * The one error family of the core. Core never knows an HTTP status or a vendor code:
 * each dialect maps `kind` (and the structured fields) to its own wire error.
 */
export type IamErrorKind =
  | 'not-found'
  | 'already-exists'
  | 'delete-conflict'
  | 'limit-exceeded'
  | 'invalid-input'
  | 'password-policy'
  | 'access-denied'
  | 'authentication-failed'
  | 'mfa-required'
  | 'expired'
  | 'disabled'
  | 'precondition-failed';

export type EntityKind =
  | 'account'
  | 'user'
  | 'login-profile'
  | 'password-policy'
  | 'access-key'
  | 'group'
  | 'policy'
  | 'policy-version'
  | 'inline-policy'
  | 'tag'
  | 'project'
  | 'role'
  | 'role-assignment'
  | 'region'
  | 'service'
  | 'endpoint'
  | 'mfa-device'
  | 'operation-protection'
  | 'sign-in-challenge'
  // issue #15, the rest of the AWS IAM API
  | 'account-alias'
  | 'ssh-public-key'
  | 'signing-certificate'
  | 'server-certificate'
  | 'service-specific-credential'
  | 'oidc-provider'
  | 'saml-provider'
  | 'instance-profile'
  | 'role-deletion-task'
  // issue #16, Keystone credentials
  | 'credential'
  | 'application-credential'
  | 'endpoint-group'
  | 'domain-config'
  | 'keystone-policy'
  | 'oauth-consumer';

export abstract class IamError extends Error {
  abstract readonly kind: IamErrorKind;
}

/** @example user `alice` not found */
export class NotFoundError extends IamError {
  readonly kind = 'not-found' as const;
  constructor(readonly entity: EntityKind, readonly id: string, readonly by: 'id' | 'name' = 'id') {
    super(`${entity} \`${id}\` not found`);
  }
}

export class AlreadyExistsError extends IamError {
  readonly kind = 'already-exists' as const;
  constructor(readonly entity: EntityKind, readonly id: string) {
    super(`${entity} \`${id}\` already exists`);
  }
}

/** What still hangs off an entity that is being deleted. */
export type DeleteBlocker =
  | 'login-profile'
  | 'access-keys'
  | 'group-memberships'
  | 'policies'
  | 'mfa-devices'
  | 'root-user'
  /** a managed policy still attached to users or groups (AWS DeletePolicy: DeleteConflict) */
  | 'policy-attachments'
  /** a managed policy still holding non-default versions (AWS DeletePolicy: delete them first) */
  | 'policy-versions'
  /** the default version of a managed policy (AWS DeletePolicyVersion: set another default first) */
  | 'default-version'
  /** a Keystone project that still has sub-projects */
  | 'projects'
  /** an MFA device still enabled for a user (AWS DeleteVirtualMFADevice: deactivate it first) */
  | 'enabled-mfa-device'
  // issue #15: AWS DeleteUser "must delete" each of these first
  | 'ssh-public-keys'
  | 'signing-certificates'
  | 'service-specific-credentials'
  /** a role still in an instance profile, or an instance profile still holding a role (AWS DeleteRole, DeleteInstanceProfile) */
  | 'instance-profile-roles';

export class DeleteConflictError extends IamError {
  readonly kind = 'delete-conflict' as const;
  constructor(readonly entity: EntityKind, readonly id: string, readonly blockers: DeleteBlocker[]) {
    super(`${entity} \`${id}\` still has ${blockers.join(', ')}`);
  }
}

export class LimitExceededError extends IamError {
  readonly kind = 'limit-exceeded' as const;
  constructor(readonly entity: EntityKind, readonly limit: number, readonly scope: string) {
    super(`cannot exceed quota for ${entity} per ${scope}: ${limit}`);
  }
}

/** A request value that passed the dialect's wire schema but breaks a domain rule. */
export class InvalidInputError extends IamError {
  readonly kind = 'invalid-input' as const;
  constructor(readonly field: string, readonly reason: string) {
    super(`invalid \`${field}\`: ${reason}`);
  }
}

/** Every password rule a candidate password broke, not just the first. */
export type PasswordRule =
  | 'min-length'
  | 'max-length'
  | 'char-classes'
  | 'require-uppercase'
  | 'require-lowercase'
  | 'require-numbers'
  | 'require-symbols'
  | 'not-user-name'
  | 'consecutive-identical-chars'
  | 'reuse'
  | 'invalid-characters';

export interface PasswordViolation {
  rule: PasswordRule;
  /** the policy value the rule was checked against (length, count of classes, history depth) */
  limit?: number;
}

export class PasswordPolicyError extends IamError {
  readonly kind = 'password-policy' as const;
  constructor(readonly violations: PasswordViolation[]) {
    super(`password does not satisfy the password policy: ${violations.map((v) => v.rule).join(', ')}`);
  }
}

/** An account's identifiers in every dialect's rendering (the evaluator's `AccountIdentity`). */
export interface DeniedAccount {
  id: string;
  awsAccountId: string;
  numericId: number;
}

/** Who was denied, with what each dialect needs to name it (AWS ARN, Huawei URN, TRN, KRN). */
export interface DeniedPrincipal {
  account: DeniedAccount;
  userId: string;
  userName: string;
  path?: string;
  isRoot: boolean;
  awsUserId?: string;
  numericUserId?: number;
  /** an assumed-role session: the role's path and the session name (AWS names it `assumed-role/NAME/SESSION`) */
  roleSession?: { rolePath: string; sessionName: string };
}

/** What the denied call was on; no `name` for collections (ListUsers) and account settings. */
export interface DeniedTarget {
  type: 'user' | 'group' | 'policy' | 'account' | 'role' | 'mfa';
  account: DeniedAccount;
  name?: string;
  path?: string;
}

export interface AccessDeniedDetails {
  principal?: DeniedPrincipal;
  target?: DeniedTarget;
  /**
   * The evaluation trace sealed so that only this server can open it: Huawei IAM v5 403
   * `encoded_authorization_message`, AWS `Encoded authorization failure message`. Opened by the
   * decode command (core/authorization/authorization-messages.ts), which needs its own permission.
   */
  encodedMessage?: string;
  /** which kind of policy refused: AWS words a boundary's refusal "because no permissions boundary allows" */
  deniedBy?: 'identity' | 'permissions-boundary';
  /** a domain rule refused, not a policy (issue #16: Keystone's `DomainSpecificRoleMismatch`): the rule in words */
  rule?: string;
}

export class AccessDeniedError extends IamError {
  readonly kind = 'access-denied' as const;
  /**
   * AWS "Policy evaluation logic": an explicit Deny statement decided (`explicit-deny`), or nothing
   * allowed the call (`implicit-deny`, also for the rules outside policies: another account, root-only)
   */
  readonly decision: 'explicit-deny' | 'implicit-deny';
  readonly principal?: DeniedPrincipal;
  readonly target?: DeniedTarget;
  readonly encodedMessage?: string;
  readonly deniedBy?: 'identity' | 'permissions-boundary';
  readonly rule?: string;

  constructor(
    /** the core action (see core/authorization/actions.ts) */
    readonly action: string,
    readonly resource: string,
    readonly reason: 'implicit-deny' | 'explicit-deny' | 'root-only' | 'not-allowed' = 'implicit-deny',
    details: AccessDeniedDetails = {},
  ) {
    super(`access denied for \`${action}\` on \`${resource}\``);
    this.decision = reason === 'explicit-deny' ? 'explicit-deny' : 'implicit-deny';
    if (details.principal) this.principal = details.principal;
    if (details.target) this.target = details.target;
    if (details.encodedMessage !== undefined) this.encodedMessage = details.encodedMessage;
    if (details.deniedBy !== undefined) this.deniedBy = details.deniedBy;
    if (details.rule !== undefined) this.rule = details.rule;
  }
}

/** The reason is for the audit log and the server log only; dialects show one generic code. */
export type AuthenticationFailure =
  | 'missing'
  | 'malformed'
  | 'unknown-key'
  | 'inactive-key'
  | 'bad-signature'
  | 'clock-skew'
  | 'bad-credentials'
  | 'locked'
  | 'user-disabled'
  | 'token-invalid'
  | 'token-expired'
  | 'token-revoked'
  /** the user's login protection asks for a second factor the call did not bring (Keystone password-only token) */
  | 'second-factor-required';

export class AuthenticationError extends IamError {
  readonly kind = 'authentication-failed' as const;
  constructor(readonly reason: AuthenticationFailure) {
    super('authentication failed');
  }
}

export class MfaRequiredError extends IamError {
  readonly kind = 'mfa-required' as const;
  constructor(readonly methods: string[]) {
    super('login protection verification required');
  }
}

export class ExpiredError extends IamError {
  readonly kind = 'expired' as const;
  constructor(readonly what: 'password' | 'token' | 'request') {
    super(`${what} expired`);
  }
}

export class DisabledError extends IamError {
  readonly kind = 'disabled' as const;
  constructor(readonly entity: EntityKind, readonly id: string) {
    super(`${entity} \`${id}\` is disabled`);
  }
}

export class PreconditionFailedError extends IamError {
  readonly kind = 'precondition-failed' as const;
  constructor(readonly condition: string) {
    super(condition);
  }
}

/** The closed union of the family, so `switch (err.kind)` narrows to each error's fields. */
export type AnyIamError =
  | NotFoundError
  | AlreadyExistsError
  | DeleteConflictError
  | LimitExceededError
  | InvalidInputError
  | PasswordPolicyError
  | AccessDeniedError
  | AuthenticationError
  | MfaRequiredError
  | ExpiredError
  | DisabledError
  | PreconditionFailedError;

export function isIamError(err: unknown): err is AnyIamError {
  return err instanceof IamError;
}

/** For exhaustive switches over `IamErrorKind` in every dialect's error mapper. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${String(value)}`);
}
