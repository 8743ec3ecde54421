import type { Kysely } from 'kysely';

/**
 * Console sessions (issue #12): one row per signed-in browser, found by the SHA-256 of its cookie
 * (the cookie value itself is never stored), and the console's sign-in attempts, which bound the
 * sign-in form per source IP and per user name across every node and keep the browser's user agent.
 * Portable types only, like 0001.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('console_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('idle_timeout_ms', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('mfa_authenticated', 'integer', (c) => c.notNull())
    .addColumn('challenge', 'text')
    .addColumn('source_ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('previous_login_at', 'bigint')
    .addColumn('previous_login_ip', 'text')
    .execute();
  await db.schema.createIndex('console_sessions_user').on('console_sessions').column('user_id').execute();
  await db.schema.createIndex('console_sessions_expires_at').on('console_sessions').column('expires_at').execute();

  await db.schema
    .createTable('console_sign_ins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('source_ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('console_sign_ins_ip_at').on('console_sign_ins').columns(['source_ip', 'at']).execute();
  await db.schema.createIndex('console_sign_ins_user_at').on('console_sign_ins').columns(['user_name', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('console_sign_ins').ifExists().execute();
  await db.schema.dropTable('console_sessions').ifExists().execute();
}
