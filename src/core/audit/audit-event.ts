import type { IamErrorKind } from '../errors.js';

export type AuditOutcome = 'success' | 'denied' | 'failed';

/** Who called, in CloudTrail's `userIdentity.type` terms but dialect-free. */
export type AuditCallerType = 'root' | 'user' | 'assumed-role' | 'system';

/**
 * One API call, allowed or not, shaped after a CloudTrail record (eventTime, eventID, userIdentity,
 * sourceIPAddress, userAgent, eventName, requestParameters, errorCode, requestID, readOnly). Holds
 * identifiers only: never a password, secret, token, code or seed (see `parameters.ts`).
 */
export interface AuditEvent {
  id: string;
  at: number;
  accountId: string | null;
  requestId: string;
  dialect: string;
  /** the core action (Huawei v5 names, core/authorization/actions.ts) */
  action: string;
  resource: string | null;
  outcome: AuditOutcome;
  errorKind: IamErrorKind | null;
  /** internal detail for failed authentication (unknown key, bad signature...) */
  reason: string | null;
  principalUserId: string | null;
  accessKeyId: string | null;
  sourceIp: string | null;
  /** the caller's user name (CloudTrail userIdentity.userName; Username lookups) */
  userName: string | null;
  callerType: AuditCallerType | null;
  /** how the caller proved itself: access-key, token, console, system */
  authMethod: string | null;
  /** the Keystone token or session the call carried, by id (never the token itself) */
  sessionId: string | null;
  userAgent: string | null;
  /** the action in the dialect's own words (`CreateUser`, `POST /v5/users`, `ListUsers`) */
  operation: string | null;
  /** CloudTrail readOnly: the action changes nothing */
  readOnly: boolean;
  /** allow-listed request parameters as JSON (core/audit/parameters.ts); never the raw body */
  parameters: string | null;
}
