import type { AuditEvent, AuditOutcome } from './audit-event.js';

/** A filtered, newest-first page of one account's audit events. */
export interface AuditEventQuery {
  /** every account's events when absent: operators only (`polyiam audit`), never a caller */
  accountId?: string;
  /** epoch ms, inclusive (CloudTrail StartTime) */
  from?: number;
  /** epoch ms, inclusive (CloudTrail EndTime) */
  to?: number;
  userName?: string;
  /** the action in the dialect's words (CloudTrail EventName: `CreateUser`) */
  operation?: string;
  /** the core action (`iam:users:createUserV5`) */
  action?: string;
  resource?: string;
  /** a resource of any type by its name (CloudTrail ResourceName) */
  resourceName?: string;
  accessKeyId?: string;
  /** the type part of `resource` (`user` in `user/alice`): CloudTrail ResourceType */
  resourceType?: string;
  /** served by one of these dialects (CloudTrail EventSource: `iam.amazonaws.com` is `aws`); none matches nothing */
  dialects?: readonly string[];
  eventId?: string;
  readOnly?: boolean;
  /** `failed` matches every outcome but success */
  outcome?: AuditOutcome | 'not-success';
  limit: number;
  /** the id of the last event of the previous page: this page continues with older events */
  after?: string;
}

/** What core reads from the audit table; the store implements it. */
export interface AuditEventReader {
  find(query: AuditEventQuery): Promise<AuditEvent[]>;
  /** every account's events from `from` on, oldest first, `limit` past `after` (export) */
  scan(from: number, after: string | undefined, limit: number): Promise<AuditEvent[]>;
  /** deletes up to `limit` events older than `before`; returns how many went */
  prune(before: number, limit: number): Promise<number>;
}

/** The lowest and highest event ids of a millisecond: ids begin with their time (IdGenerator.timeOrderedId). */
export function idRangeOf(at: number): { low: string; high: string } {
  const prefix = Math.max(0, Math.floor(at)).toString(16).padStart(12, '0').slice(-12);
  return { low: `${prefix}${'0'.repeat(20)}`, high: `${prefix}${'f'.repeat(20)}` };
}
