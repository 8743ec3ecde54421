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
   * When these credentials proved MFA (epoch ms): set, with `mfaAuthenticated`, by whoever mints them
   * from an MFA check (STS GetSessionToken/AssumeRole with SerialNumber+TokenCode, a console sign-in
   * that passed its second step, a Keystone password+totp token). `aws:MultiFactorAuthAge` counts from it.
   */
  mfaAuthenticatedAt?: number;
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
