import type { Kysely, Selectable } from 'kysely';
import type { AuditCallerType, AuditEvent } from '../core/audit/audit-event.js';
import { idRangeOf, type AuditEventQuery, type AuditEventReader } from '../core/audit/audit-query.js';
import type { Database, AuditEventsTable } from './schema.js';

/** The types of `describeResource` (core/authorization/authorizer.ts): `user/alice`, `group/ops`... */
const RESOURCE_TYPES = ['user', 'group', 'policy', 'account', 'role'];

/** A stored row as the event it records. */
export function eventFromRow(r: Selectable<AuditEventsTable>): AuditEvent {
  return {
    id: r.id,
    at: Number(r.at),
    accountId: r.account_id,
    requestId: r.request_id,
    dialect: r.dialect,
    action: r.action,
    resource: r.resource,
    outcome: r.outcome as AuditEvent['outcome'],
    errorKind: r.error_kind as AuditEvent['errorKind'],
    reason: r.reason,
    principalUserId: r.principal_user_id,
    accessKeyId: r.access_key_id,
    sourceIp: r.source_ip,
    userName: r.user_name,
    callerType: r.caller_type as AuditCallerType | null,
    authMethod: r.auth_method,
    sessionId: r.session_id,
    userAgent: r.user_agent,
    operation: r.operation,
    readOnly: Number(r.read_only) === 1,
    parameters: r.parameters,
  };
}

/**
 * Reads of the audit table. Every filter is an equality within the account followed by an id range,
 * so each query walks one of the (account_id, <filter>, id) indexes of migration 0010 backwards from
 * where the page starts; times become id bounds because ids begin with their millisecond.
 */
export class KyselyAuditEventReader implements AuditEventReader {
  constructor(private readonly db: Kysely<Database>) {}

  async find(query: AuditEventQuery): Promise<AuditEvent[]> {
    let select = this.db.selectFrom('audit_events').selectAll();
    if (query.accountId !== undefined) select = select.where('account_id', '=', query.accountId);
    if (query.eventId !== undefined) select = select.where('id', '=', query.eventId);
    if (query.userName !== undefined) select = select.where('user_name', '=', query.userName);
    if (query.operation !== undefined) select = select.where('operation', '=', query.operation);
    if (query.action !== undefined) select = select.where('action', '=', query.action);
    if (query.resource !== undefined) select = select.where('resource', '=', query.resource);
    if (query.resourceName !== undefined) select = select.where('resource', 'in', RESOURCE_TYPES.map((type) => `${type}/${query.resourceName}`));
    if (query.accessKeyId !== undefined) select = select.where('access_key_id', '=', query.accessKeyId);
    if (query.readOnly !== undefined) select = select.where('read_only', '=', query.readOnly ? 1 : 0);
    if (query.outcome === 'not-success') select = select.where('outcome', '!=', 'success');
    else if (query.outcome !== undefined) select = select.where('outcome', '=', query.outcome);
    if (query.from !== undefined) select = select.where('id', '>=', idRangeOf(query.from).low);
    if (query.to !== undefined) select = select.where('id', '<=', idRangeOf(query.to).high);
    if (query.after !== undefined) select = select.where('id', '<', query.after);
    const rows = await select.orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(eventFromRow);
  }

  async scan(from: number, after: string | undefined, limit: number): Promise<AuditEvent[]> {
    const low = after ?? idRangeOf(from).low;
    const rows = await this.db
      .selectFrom('audit_events')
      .selectAll()
      .where('id', after === undefined ? '>=' : '>', low)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(eventFromRow);
  }

  async prune(before: number, limit: number): Promise<number> {
    // one small DELETE by primary key: a batch holds the write lock for milliseconds, so requests
    // waiting on it (SQLite has one writer) are never held up for long
    const doomed = this.db.selectFrom('audit_events').select('id').where('id', '<', idRangeOf(before).low).orderBy('id').limit(limit);
    const result = await this.db.deleteFrom('audit_events').where('id', 'in', doomed).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
