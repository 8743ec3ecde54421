import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';

/**
 * The embedded default. WAL lets readers run beside the writer; synchronous=FULL makes every commit
 * durable before it is acknowledged (a restart keeps everything a client was told succeeded).
 */
export function openSqlite(filename: string): Kysely<Database> {
  const database = new BetterSqlite3(filename);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}
