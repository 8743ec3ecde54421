import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** What a deleted account leaves: its audit trail (who did what stays answerable) and the change log. */
const KEPT = new Set(['accounts', 'audit_events', 'change_log', 'kysely_migration', 'kysely_migration_lock']);
/** rows that name another table's row without a cascading foreign key go before that table */
const FIRST = ['instance_profiles', 'role_permissions_boundaries'];
/** child columns of tables without `account_id`, and the account's table their ids come from */
const PARENTS: Record<string, readonly string[]> = {
  user_id: ['users'],
  group_id: ['groups'],
  role_id: ['roles', 'keystone_roles'],
  policy_id: ['policies'],
  device_id: ['mfa_devices'],
};

/**
 * Keystone DELETE /v3/domains/{domain_id} (issue #16): the account and everything in it, found by the
 * schema itself (every table with an `account_id`, and the rows of tables without one that name the
 * account's users, groups, roles, policies, devices or tagged resources), so a table added by a later
 * migration is not forgotten. Runs in the caller's transaction: all of it goes, or none.
 */
export async function deleteAccountContent(db: Kysely<Database>, accountId: string): Promise<boolean> {
  const tables = await db.introspection.getTables();
  const columnsOf = new Map(tables.map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
  const owned = tables.filter((t) => !KEPT.has(t.name) && columnsOf.get(t.name)!.has('account_id')).map((t) => t.name);
  const withIds = owned.filter((name) => columnsOf.get(name)!.has('id'));
  const loose = sql.raw;
  for (const table of tables) {
    const columns = columnsOf.get(table.name)!;
    if (KEPT.has(table.name) || columns.has('account_id')) continue;
    for (const [column, parents] of Object.entries(PARENTS)) {
      if (!columns.has(column)) continue;
      for (const parent of parents.filter((p) => owned.includes(p))) {
        await sql`delete from ${loose(table.name)} where ${loose(column)} in (select id from ${loose(parent)} where account_id = ${accountId})`.execute(db);
      }
    }
    if (columns.has('resource_id')) {
      for (const parent of withIds) await sql`delete from ${loose(table.name)} where resource_id in (select id from ${loose(parent)} where account_id = ${accountId})`.execute(db);
    }
  }
  const ordered = [...FIRST.filter((t) => owned.includes(t)), ...owned.filter((t) => !FIRST.includes(t))];
  for (const table of ordered) await sql`delete from ${loose(table)} where account_id = ${accountId}`.execute(db);
  const result = await db.deleteFrom('accounts').where('id', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
