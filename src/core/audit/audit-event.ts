import type { IamErrorKind } from '../errors.js';

export type AuditOutcome = 'success' | 'denied' | 'failed';

/** One API call, allowed or not. Holds identifiers only: never a password, secret or token. */
export interface AuditEvent {
  id: string;
  at: number;
  accountId: string | null;
  requestId: string;
  dialect: string;
  action: string;
  resource: string | null;
  outcome: AuditOutcome;
  errorKind: IamErrorKind | null;
  /** internal detail for failed authentication (unknown key, bad signature...) */
  reason: string | null;
  principalUserId: string | null;
  accessKeyId: string | null;
  sourceIp: string | null;
}
