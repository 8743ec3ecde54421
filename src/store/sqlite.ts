import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
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
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
}

/**
 * Kysely's SQLite driver prepares every query anew; the repositories issue the same few SQL texts over
 * and over, so prepared statements are kept by text (bounded: parameters never enter the text, and an
 * `IN (...)` list of a new length is the only way to make a new one).
 */
function withStatementCache(database: BetterSqlite3.Database, limit = 500): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= limit) statements.clear();
        statement = database.prepare(sql) as unknown as SqliteStatement;
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
