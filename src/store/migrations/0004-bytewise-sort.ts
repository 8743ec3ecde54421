import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine.js';

/**
 * The columns lists sort and page by (keyset `name_lower > marker`) compare bytewise on both engines.
 * SQLite's BINARY collation already does; PostgreSQL uses the database's collation, and a locale one
 * (en_US, ICU) orders `a_b`, `a-c` and `ab` differently, so the same users came back in another order
 * than on SQLite. `C` is bytewise, and deterministic, so the unique indexes keep their meaning.
 */
const SORT_COLUMNS: Array<[table: string, column: string]> = [
  ['accounts', 'name_lower'],
  ['users', 'name_lower'],
  ['groups', 'name_lower'],
  ['user_tags', 'key_lower'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const [table, column] of SORT_COLUMNS) {
    await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type text collate "C"`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const [table, column] of SORT_COLUMNS) {
    await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type text collate "default"`.execute(db);
  }
}
