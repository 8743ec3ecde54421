import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { WalGroupCommit } from './group-commit.js';
import type { Database } from './schema.js';

/**
 * The embedded default. WAL lets readers run beside the writer. Every commit is durable before it is
 * acknowledged (a restart, a `kill -9` or a power cut keeps everything a client was told succeeded):
 * - alone, with `synchronous=FULL` (one fsync inside every COMMIT, on the caller's thread);
 * - with `groupCommit` (the server's data dir), with `synchronous=NORMAL` and the WAL flushed off the
 *   event loop, one flush for all the commits that wait together (store/group-commit.ts); the answers
 *   wait for it.
 */
export function openSqlite(filename: string, options: { groupCommit?: WalGroupCommit } = {}): Kysely<Database> {
  const database = new BetterSqlite3(filename);
  database.pragma('journal_mode = WAL');
  database.pragma(options.groupCommit ? 'synchronous = NORMAL' : 'synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database, options.groupCommit) }) });
}

/**
 * Kysely's SQLite driver prepares every query anew; the repositories issue the same few SQL texts over
 * and over, so prepared statements are kept by text (bounded: parameters never enter the text, and an
 * `IN (...)` list of a new length is the only way to make a new one). With group commit, the statements
 * that can end a write (COMMIT, or a write outside a transaction) tell it so after they ran.
 */
function withStatementCache(database: BetterSqlite3.Database, groupCommit?: WalGroupCommit, limit = 500): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= limit) statements.clear();
        const prepared = database.prepare(sql);
        statement = prepared as unknown as SqliteStatement;
        // (SQLite counts COMMIT as read-only: it changes no table itself)
        if (groupCommit && (!prepared.readonly || /^\s*(commit|end)\b/i.test(sql))) statement = noticingCommits(statement, database, groupCommit);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/** A statement that, once run outside a transaction (it was the COMMIT, or a write of its own), notes a commit. */
function noticingCommits(statement: SqliteStatement, database: BetterSqlite3.Database, groupCommit: WalGroupCommit): SqliteStatement {
  const committed = <T>(result: T): T => {
    if (!database.inTransaction) groupCommit.noteCommit();
    return result;
  };
  return {
    reader: statement.reader,
    all: (parameters) => committed(statement.all(parameters)),
    run: (parameters) => committed(statement.run(parameters)),
    // rows are read lazily, and a write that returns rows is never streamed by the repositories
    iterate: (parameters) => committed(statement.iterate(parameters)),
  };
}
