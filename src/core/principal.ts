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
