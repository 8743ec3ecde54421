/** How the holder proved who it is (Keystone `methods`): a password, or an earlier token re-scoped. */
/** `totp`: Huawei "password + virtual MFA" tokens (Keystone `methods: ["password", "totp"]`) */
/** `application_credential`: issued for a Keystone application credential (issue #16) */
export type TokenMethod = 'password' | 'token' | 'totp' | 'application_credential';

/**
 * What a token says, sealed inside it: tokens are self-contained, so validating one needs no lookup
 * besides the (cached) revocation and subject checks.
 */
export interface TokenClaims {
  /** 32 lowercase hex; Keystone's `audit_ids` and the key of a revocation */
  tokenId: string;
  accountId: string;
  userId: string;
  methods: TokenMethod[];
  /**
   * Keystone scope: the user's own domain (the account), one of its projects (`projectId`), none, or
   * (cloud operators only, issue #16) the whole system or another domain (`domainId`)
   */
  scope: 'domain' | 'project' | 'unscoped' | 'system';
  /** 32 lowercase hex, with `scope: 'project'` only */
  projectId?: string;
  /** 32 lowercase hex, with `scope: 'domain'` only, when an operator scoped to a domain not its own */
  domainId?: string;
  /** the application credential the token was issued for (project-scoped, its roles only); checked at every use */
  applicationCredentialId?: string;
  /** epoch ms */
  issuedAt: number;
  /** epoch ms */
  expiresAt: number;
  /** issued to a user whose password must be changed: good for changing it and nothing else */
  passwordChangeOnly: boolean;
}

/** Keystone `[token] expiration` default and Huawei's documented token validity: 24 hours. */
export const DEFAULT_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** One revoked token, kept until the token would have expired anyway. */
export interface TokenRevocation {
  tokenId: string;
  accountId: string;
  userId: string;
  revokedAt: number;
  expiresAt: number;
}

/**
 * Audit names of the token calls. Huawei IAM authorises nobody to obtain a token (the password is the
 * authority) and has no action name for token calls, so these are not `IamAction`s: looking at or
 * revoking another user's token is authorized as reading (`getUser`) or changing (`updateUser`) that user.
 */
export const TokenAuditActions = {
  issue: 'iam:tokens:createToken',
  validate: 'iam:tokens:validateToken',
  revoke: 'iam:tokens:revokeToken',
} as const;
