import { sql, type Kysely, type Selectable } from 'kysely';
import { isPostgres } from './engine.js';
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
  private readonly postgres: boolean;

  constructor(private readonly db: Kysely<Database>) {
    this.postgres = isPostgres(db);
  }

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
    // `user/` up to (not including) `user0`, the next character after `/`: every resource of the type,
    // as a range both engines compare bytewise (a LIKE would ignore case on SQLite)
    if (query.resourceType !== undefined) select = select.where('resource', '>=', `${query.resourceType}/`).where('resource', '<', `${query.resourceType}0`);
    if (query.dialects !== undefined) select = query.dialects.length === 0 ? select.where(sql<boolean>`1 = 0`) : select.where('dialect', 'in', [...query.dialects]);
    if (query.readOnly !== undefined) select = select.where('read_only', '=', query.readOnly ? 1 : 0);
    if (query.outcome === 'not-success') select = select.where('outcome', '!=', 'success');
    else if (query.outcome !== undefined) select = select.where('outcome', '=', query.outcome);
    // SQLite has no statistics to choose by: given two bounds on `id` it prefers the (account_id, id)
    // range to an equality on the user or action index, and walks the whole account. So the upper
    // bounds become one, and beside a user or action filter the lower bound is written `+id`, which
    // no index serves: the filter's index is walked from the newest match down, as a page needs.
    const upper = upperBound(query);
    if (upper !== undefined) select = select.where('id', upper.inclusive ? '<=' : '<', upper.id);
    if (query.from !== undefined) {
      const low = idRangeOf(query.from).low;
      const hasFilterIndex = query.userName !== undefined || query.operation !== undefined;
      select = hasFilterIndex && !this.postgres ? select.where(sql<string>`+${sql.ref('id')}`, '>=', low) : select.where('id', '>=', low);
    }
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

/** the tighter of EndTime and the page's continuation: one bound, so the planner sees one range */
function upperBound(query: AuditEventQuery): { id: string; inclusive: boolean } | undefined {
  const high = query.to === undefined ? undefined : idRangeOf(query.to).high;
  if (query.after !== undefined && (high === undefined || query.after <= high)) return { id: query.after, inclusive: false };
  return high === undefined ? undefined : { id: high, inclusive: true };
}
