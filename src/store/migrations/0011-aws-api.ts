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
 * - `user_credentials`: users' SSH public keys, signing certificates and service-specific credentials
 *   (the password sealed); the same material twice for one user is refused by the unique key.
 * - `server_certificates`: certificate, chain and the private key sealed with the SecretBox.
 * - `oidc_providers`: OpenID Connect providers as data (URL unique per account).
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

  await db.schema
    .createTable('user_credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('service_name', 'text', (c) => c.notNull())
    .addColumn('service_user_name', 'text', (c) => c.notNull())
    .addColumn('sealed_secret', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('user_credentials_material_unique', ['user_id', 'kind', 'fingerprint'])
    .execute();

  await db.schema
    .createTable('server_certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_lower', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('chain', 'text')
    .addColumn('sealed_private_key', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('server_certificates_account_name_unique', ['account_id', 'name_lower'])
    .execute();

  await db.schema
    .createTable('oidc_providers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('client_ids', 'text', (c) => c.notNull())
    .addColumn('thumbprints', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('oidc_providers_account_url_unique', ['account_id', 'url'])
    .execute();

  // key and name lists sort bytewise on PostgreSQL too (see 0004)
  if (isPostgres(db)) {
    await sql`alter table resource_tags alter column key_lower type text collate "C"`.execute(db);
    await sql`alter table server_certificates alter column name_lower type text collate "C"`.execute(db);
    await sql`alter table oidc_providers alter column url type text collate "C"`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['oidc_providers', 'server_certificates', 'user_credentials', 'account_aliases', 'resource_tags']) await db.schema.dropTable(table).ifExists().execute();
  await db.schema.dropIndex('users_permissions_boundary').ifExists().execute();
  await db.schema.alterTable('users').dropColumn('permissions_boundary_id').execute();
}
