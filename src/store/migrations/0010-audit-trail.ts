import type { Kysely } from 'kysely';

/**
 * The audit trail people read (issue #14): the caller's name and kind, the user agent, the action in
 * the dialect's words, readOnly and allow-listed parameters (CloudTrail's record fields), and indexes
 * for LookupEvents and GET /audit/events: the account's events, and its events by user and by action
 * name, each ordered by the time-ordered id, so a page is an index range scan read newest first. Every
 * index costs each write command's transaction an insert (measured: about 10 µs each on SQLite), so the
 * rarer filters (resource, access key, event id) walk the account's range instead; retention prunes by
 * the primary key, whose ids begin with their time.
 */
const COLUMNS = ['user_name', 'caller_type', 'auth_method', 'session_id', 'user_agent', 'operation', 'parameters'] as const;

const INDEXES: Array<[string, string[]]> = [
  ['audit_events_account_id', ['account_id', 'id']],
  ['audit_events_account_user', ['account_id', 'user_name', 'id']],
  ['audit_events_account_operation', ['account_id', 'operation', 'id']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('audit_events').addColumn(column, 'text').execute();
  await db.schema.alterTable('audit_events').addColumn('read_only', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  for (const [name, columns] of INDEXES) await db.schema.createIndex(name).on('audit_events').columns(columns).execute();
  // (account_id, id) serves what (account_id, at) did: ids begin with their time
  await db.schema.dropIndex('audit_events_account_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('audit_events_account_at').on('audit_events').columns(['account_id', 'at']).execute();
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
  for (const column of [...COLUMNS, 'read_only']) await db.schema.alterTable('audit_events').dropColumn(column).execute();
}
