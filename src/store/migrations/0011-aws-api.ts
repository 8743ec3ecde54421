import type { Kysely } from 'kysely';

/**
 * The rest of the AWS IAM API (issue #15). Portable like 0001: text, integer, bigint, plain keys and
 * indexes.
 * - `users.permissions_boundary_id`: AWS PutUserPermissionsBoundary. A custom policy's id or a system
 *   policy's stable id, so no foreign key (as attachments, 0005); DeletePolicy refuses a policy in use.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('permissions_boundary_id', 'text').execute();
  await db.schema.createIndex('users_permissions_boundary').on('users').columns(['account_id', 'permissions_boundary_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('users_permissions_boundary').ifExists().execute();
  await db.schema.alterTable('users').dropColumn('permissions_boundary_id').execute();
}
