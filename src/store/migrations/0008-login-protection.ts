import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine.js';

/**
 * Issue #11, login protection and MFA: virtual MFA devices and their tags, sign-in challenges (the
 * second step of a password sign-in), the one-send-per-minute claims, trusted clients (the exemption
 * window), the account login policy, and when a profile's counted failures began (the failure window).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mfa_devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_lower', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('intended_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    // INVARIANT: unique: a user has at most one enabled device (NULLs, the unassigned, do not collide)
    .addColumn('user_id', 'text', (c) => c.unique().references('users.id').onDelete('set null'))
    .addColumn('sealed_seed', 'text', (c) => c.notNull())
    .addColumn('enabled_at', 'bigint')
    .addColumn('last_step', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('mfa_devices_account_name_unique', ['account_id', 'name_lower'])
    .execute();
  await db.schema.createIndex('mfa_devices_intended_user').on('mfa_devices').column('intended_user_id').execute();

  await db.schema
    .createTable('mfa_device_tags')
    .addColumn('device_id', 'text', (c) => c.notNull().references('mfa_devices.id').onDelete('cascade'))
    .addColumn('tag_key', 'text', (c) => c.notNull())
    .addColumn('key_lower', 'text', (c) => c.notNull())
    .addColumn('tag_value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mfa_device_tags_pk', ['device_id', 'key_lower'])
    .execute();

  await db.schema
    .createTable('sign_in_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('source_ip', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('password_ok', 'integer', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('code_hash', 'text')
    .addColumn('code_expires_at', 'bigint')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('completed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_challenges_expiry').on('sign_in_challenges').column('expires_at').execute();

  await db.schema
    .createTable('code_sends')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('last_sent_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('code_sends_pk', ['user_id', 'channel'])
    .execute();

  await db.schema
    .createTable('trusted_devices')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('device_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('trusted_devices_pk', ['user_id', 'device_hash'])
    .execute();

  await db.schema
    .createTable('login_policies')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  // per-user operation protection (Volcengine SetSecurityConfig, Kingsoft OpenSecurityProtection)
  await db.schema
    .createTable('operation_protections')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('methods', 'text', (c) => c.notNull())
    .addColumn('exempt_minutes', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('login_profiles').addColumn('first_failed_at', 'bigint').execute();
  // existing rows: failures already counted start their window now
  await sql`update login_profiles set first_failed_at = updated_at where failed_attempts > 0`.execute(db);
  // what lists sort by compares bytewise on PostgreSQL too, as migration 0004 makes the other names
  if (isPostgres(db)) {
    await sql`alter table mfa_devices alter column name_lower type text collate "C"`.execute(db);
    await sql`alter table mfa_device_tags alter column key_lower type text collate "C"`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('login_profiles').dropColumn('first_failed_at').execute();
  for (const table of ['operation_protections', 'login_policies', 'trusted_devices', 'code_sends', 'sign_in_challenges', 'mfa_device_tags', 'mfa_devices']) {
    await db.schema.dropTable(table).execute();
  }
}
