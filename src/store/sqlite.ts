import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { GroupCommit } from './group-commit.js';
import type { Database } from './schema.js';

/**
 * The embedded default, for tools and tests that open a database on their own: WAL lets readers run
 * beside the writer, and `synchronous=FULL` makes every commit durable before it returns (one fsync
 * inside every COMMIT). The server opens its store with `openSqliteGrouped` instead.
 */
export function openSqlite(filename: string): Kysely<Database> {
  const database = open(filename, 'FULL');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
}

/**
 * The server's store: the writes of one event-loop turn share a commit and the WAL is flushed off the
 * event loop (store/group-commit.ts). Durability is FULL's as long as answers wait for
 * `groupCommit.durable()`, which KyselyStore offers and http/server.ts awaits.
 */
export function openSqliteGrouped(filename: string, sync?: ConstructorParameters<typeof GroupCommit>[2]): { db: Kysely<Database>; groupCommit: GroupCommit } {
  const database = open(filename, 'NORMAL');
  // Each store transaction is a savepoint in the batch, and SQLite saves the pages it changes that the
  // batch had already changed in a statement journal, which it spills past 64 KiB to a temporary file
  // it creates, writes and deletes in /var/tmp: measured at a third of a write's I/O with audit events
  // (their five b-trees are touched by every command of a batch). In memory, the journal is a few
  // pages per savepoint, freed at RELEASE. Temporary b-trees (a sort no index serves) stay in memory
  // too: the store's queries are paged, so none is large.
  database.pragma('temp_store = MEMORY');
  const groupCommit = new GroupCommit(database, filename === ':memory:' ? null : `${filename}-wal`, sync);
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database, groupCommit) }) }), groupCommit };
}

function open(filename: string, synchronous: 'FULL' | 'NORMAL'): BetterSqlite3.Database {
  const database = new BetterSqlite3(filename);
  database.pragma('journal_mode = WAL');
  database.pragma(`synchronous = ${synchronous}`);
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // 32 MiB of page cache (SQLite's default is 2 MiB): at a million users the b-tree interiors of the
  // hot indexes stay in process instead of being read back through the OS on every lookup; it fills
  // only as pages are read, so an idle server does not hold it
  database.pragma('cache_size = -32768');
  return database;
}

/**
 * Kysely's SQLite driver prepares every query anew; the repositories issue the same few SQL texts over
 * and over, so prepared statements are kept by text (bounded: parameters never enter the text, and an
 * `IN (...)` list of a new length is the only way to make a new one). With group commit, Kysely's
 * transaction statements and every statement that writes go through the batch.
 */
function withStatementCache(database: BetterSqlite3.Database, groupCommit?: GroupCommit, limit = 500): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  const grouped = groupCommit ? groupedStatements(groupCommit) : undefined;
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (!statement) {
        const control = grouped?.control(sql);
        if (control) return control;
        if (statements.size >= limit) statements.clear();
        const prepared = database.prepare(sql);
        statement = prepared as unknown as SqliteStatement;
        if (grouped && !prepared.readonly) statement = grouped.writing(statement);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

const NO_CHANGES = { changes: 0, lastInsertRowid: 0 };

/** Kysely's `begin`/`commit`/`rollback` as the batch's savepoints, and writes run in the batch. */
function groupedStatements(groupCommit: GroupCommit) {
  const control = (action: () => void): SqliteStatement => ({
    reader: false,
    all: () => (action(), []),
    run: () => (action(), NO_CHANGES),
    iterate: () => (action(), [][Symbol.iterator]()),
  });
  const controls = new Map<string, SqliteStatement>([
    ['begin', control(() => groupCommit.begin())],
    ['commit', control(() => groupCommit.commit())],
    ['rollback', control(() => groupCommit.rollback())],
  ]);
  return {
    control: (sql: string) => controls.get(sql.trim().toLowerCase()),
    writing: (statement: SqliteStatement): SqliteStatement => ({
      reader: statement.reader,
      all: (parameters) => groupCommit.write(() => statement.all(parameters)),
      run: (parameters) => groupCommit.write(() => statement.run(parameters)),
      // rows are read lazily; a write that returns rows is never streamed by the repositories
      iterate: (parameters) => groupCommit.write(() => statement.iterate(parameters)),
    }),
  };
}
