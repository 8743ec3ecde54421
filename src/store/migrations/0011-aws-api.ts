import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine.js';

/**
 * The rest of the AWS IAM API (issue #15). Portable like 0001: text, integer, bigint, plain keys and
 * indexes.
 * - `users.permissions_boundary_id`: AWS PutUserPermissionsBoundary. A custom policy's id or a system
 *   policy's stable id, so no foreign key (as attachments, 0005); DeletePolicy refuses a policy in use.
 * - `resource_tags`: tags of policies, server certificates, OIDC and SAML providers, keyed by kind and
 *   id (no foreign key: deleting a resource deletes its tags in the same transaction).
 * - `account_aliases`: AWS CreateAccountAlias, one per account, unique across the server.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('permissions_boundary_id', 'text').execute();
  await db.schema.createIndex('users_permissions_boundary').on('users').columns(['account_id', 'permissions_boundary_id']).execute();

  await db.schema
    .createTable('resource_tags')
    .addColumn('resource_kind', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('tag_key', 'text', (c) => c.notNull())
    .addColumn('key_lower', 'text', (c) => c.notNull())
    .addColumn('tag_value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_tags_pk', ['resource_kind', 'resource_id', 'key_lower'])
    .execute();

  await db.schema
    .createTable('account_aliases')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('alias', 'text', (c) => c.notNull().unique())
    .execute();
  // key lists sort bytewise on PostgreSQL too (see 0004)
  if (isPostgres(db)) await sql`alter table resource_tags alter column key_lower type text collate "C"`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['account_aliases', 'resource_tags']) await db.schema.dropTable(table).ifExists().execute();
  await db.schema.dropIndex('users_permissions_boundary').ifExists().execute();
  await db.schema.alterTable('users').dropColumn('permissions_boundary_id').execute();
}
