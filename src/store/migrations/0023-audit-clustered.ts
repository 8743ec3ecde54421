import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine.js';

/**
 * SQLite: the audit table becomes a WITHOUT ROWID table clustered on its id (issue #14, the write
 * target). A rowid table with a text primary key is two b-trees, the rows by rowid and the key's
 * index, and a write command's event wrote a page of each, plus one of each secondary index, in its
 * transaction; clustered on the id, the row lives in the key's b-tree and one of them goes (measured:
 * a fifth of the event's pages per commit). Ids begin with their millisecond, so new rows still go to
 * the right edge of the tree, and the rows (a few hundred bytes) are far under the page size this
 * layout needs. Columns and indexes are unchanged, so every query reads as before. PostgreSQL has no
 * clustered tables (a heap and its indexes): unchanged there.
 */
const COLUMNS = sql.raw(`"id", "at", "account_id", "request_id", "dialect", "action", "resource", "outcome", "error_kind", "reason",
  "principal_user_id", "access_key_id", "source_ip", "user_name", "caller_type", "auth_method", "session_id", "user_agent", "operation",
  "read_only", "parameters"`);

const INDEXES: Array<[string, string]> = [
  ['audit_events_account_id', '"account_id", "id"'],
  ['audit_events_account_user', '"account_id", "user_name", "id"'],
  ['audit_events_account_operation', '"account_id", "operation", "id"'],
];

async function rebuild(db: Kysely<unknown>, clustered: boolean): Promise<void> {
  const layout = sql.raw(clustered ? ' without rowid' : '');
  // one transaction: SQLite migrations are not run in one (Kysely: no transactional DDL), and a crash
  // between the copy and the rename must leave the old table as it was
  await db.transaction().execute(async (trx) => {
    await sql`create table "audit_events_rebuilt" (
      "id" text not null primary key, "at" bigint not null, "account_id" text, "request_id" text not null, "dialect" text not null,
      "action" text not null, "resource" text, "outcome" text not null, "error_kind" text, "reason" text, "principal_user_id" text,
      "access_key_id" text, "source_ip" text, "user_name" text, "caller_type" text, "auth_method" text, "session_id" text,
      "user_agent" text, "operation" text, "read_only" integer default 0 not null, "parameters" text)${layout}`.execute(trx);
    await sql`insert into "audit_events_rebuilt" (${COLUMNS}) select ${COLUMNS} from "audit_events" order by "id"`.execute(trx);
    await sql`drop table "audit_events"`.execute(trx);
    await sql`alter table "audit_events_rebuilt" rename to "audit_events"`.execute(trx);
    for (const [name, columns] of INDEXES) await sql`create index ${sql.ref(name)} on "audit_events" (${sql.raw(columns)})`.execute(trx);
  });
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  await rebuild(db, true);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  await rebuild(db, false);
}
