import { sql, type CompiledQuery, type Insertable, type Kysely } from 'kysely';
import type { AuditEvent } from '../core/audit/audit-event.js';
import type { AuditSink } from '../core/ports.js';
import { isPostgres } from './engine.js';
import { withoutAcknowledgement } from './group-commit.js';
import type { AuditEventsTable, Database } from './schema.js';

/**
 * Writes audit events in batches: one transaction per flush instead of one commit per request, which
 * keeps reads fast on SQLite. Events reach the table within `intervalMs`, and a
 * graceful shutdown flushes the rest. A failed write goes to `onError`; the sink carries on.
 */
export class KyselyAuditSink implements AuditSink {
  private buffer: AuditEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private pending: Promise<void> = Promise.resolve();
  private readonly writeBatch: (batch: AuditEvent[]) => Promise<void>;
  private readonly single: AuditEventInsert;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly onError: (err: unknown) => void,
    private readonly intervalMs = 100,
    private readonly maxBatch = 500,
  ) {
    this.writeBatch = isPostgres(db) ? unnestInsert(db) : chunkedInserts(db);
    this.single = new AuditEventInsert(db);
  }

  writeNow(event: AuditEvent): Promise<void> {
    return this.single.run(this.db, event);
  }

  record(event: AuditEvent): void {
    this.buffer.push(event);
    if (this.buffer.length >= this.maxBatch) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.intervalMs);
      this.timer.unref();
    }
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return this.pending;
    this.pending = this.pending.then(() => this.write(batch));
    return this.pending;
  }

  private async write(batch: AuditEvent[]): Promise<void> {
    try {
      // a read's or a refusal's event may be lost in a crash (the documented window): no answer waits for its flush
      await withoutAcknowledgement(() => this.writeBatch(batch));
    } catch (err) {
      this.onError(err);
    }
  }
}

/**
 * One event in one INSERT, compiled once: how a write command's event joins the transaction of its
 * change (KyselyStore.transaction), and how `writeNow` stores one on its own.
 */
export class AuditEventInsert {
  private readonly query: CompiledQuery;

  constructor(db: Kysely<Database>) {
    this.query = compileInsert(db, 1);
  }

  /** on `executor`: the transaction the event belongs to, or the database for an event of its own */
  async run(executor: Pick<Kysely<Database>, 'executeQuery'>, event: AuditEvent): Promise<void> {
    const parameters = new Array<unknown>(COLUMNS.length);
    bindEvent(parameters, 0, event);
    await executor.executeQuery({ ...this.query, parameters });
  }
}

// Every API call records an event, so the write path is prepared once, when the sink is made. Building
// and compiling a Kysely INSERT of the whole batch on every flush added about half again to SQLite's
// own work, and every batch size was a new SQL text.

/** Every column of the table, in the order `bindEvent` writes an event's values. */
const COLUMNS = [
  'id',
  'at',
  'account_id',
  'request_id',
  'dialect',
  'action',
  'resource',
  'outcome',
  'error_kind',
  'reason',
  'principal_user_id',
  'access_key_id',
  'source_ip',
  'user_name',
  'caller_type',
  'auth_method',
  'session_id',
  'user_agent',
  'operation',
  'read_only',
  'parameters',
] as const satisfies readonly (keyof AuditEventsTable)[];
type Column = (typeof COLUMNS)[number];
// fails to compile when the table gains a column that `COLUMNS` (and so `bindEvent`) leaves out
const everyColumnListed: Record<Exclude<keyof AuditEventsTable, Column>, never> = {};
void everyColumnListed;

/** Writes one event's values from index `at`, in `COLUMNS` order. Spelled out: a loop over field names costs 10x more. */
function bindEvent(values: unknown[], at: number, event: AuditEvent): void {
  values[at] = event.id;
  values[at + 1] = event.at;
  values[at + 2] = event.accountId;
  values[at + 3] = event.requestId;
  values[at + 4] = event.dialect;
  values[at + 5] = event.action;
  values[at + 6] = event.resource;
  values[at + 7] = event.outcome;
  values[at + 8] = event.errorKind;
  values[at + 9] = event.reason;
  values[at + 10] = event.principalUserId;
  values[at + 11] = event.accessKeyId;
  values[at + 12] = event.sourceIp;
  values[at + 13] = event.userName;
  values[at + 14] = event.callerType;
  values[at + 15] = event.authMethod;
  values[at + 16] = event.sessionId;
  values[at + 17] = event.userAgent;
  values[at + 18] = event.operation;
  values[at + 19] = event.readOnly ? 1 : 0;
  values[at + 20] = event.parameters;
}

/**
 * Rows per INSERT on SQLite, largest first; a batch is written as a sum of these (300 events: 4×64,
 * 2×16, 3×4). A few fixed sizes keep the SQL texts few, so the statement cache of sqlite.ts keeps them
 * prepared and no batch size evicts the repositories' statements.
 */
const CHUNK_ROWS = [64, 16, 4, 1];

/**
 * SQLite: multi-row INSERTs of the `CHUNK_ROWS` sizes, each compiled by Kysely once and run with the
 * batch's values as parameters, all in one transaction: the batch is stored whole or not at all, as one
 * INSERT was, in one transaction (a savepoint of the server's group commit, store/group-commit.ts). Even a lone statement gets one, since
 * under OR FAIL (see `compileInsert`) a failed statement keeps the rows it wrote before the failure.
 */
function chunkedInserts(db: Kysely<Database>): (batch: AuditEvent[]) => Promise<void> {
  const inserts = CHUNK_ROWS.map((rows) => ({ rows, query: compileInsert(db, rows) }));
  return async (batch) => {
    const statements: CompiledQuery[] = [];
    let start = 0;
    for (const { rows, query } of inserts) {
      for (; batch.length - start >= rows; start += rows) {
        const parameters = new Array<unknown>(rows * COLUMNS.length);
        for (let i = 0; i < rows; i++) bindEvent(parameters, i * COLUMNS.length, batch[start + i]);
        statements.push({ ...query, parameters });
      }
    }
    await db.transaction().execute(async (trx) => {
      for (const statement of statements) await trx.executeQuery(statement);
    });
  };
}

/**
 * Compiles a `rows`-row INSERT with a distinct marker for every value, then checks that Kysely binds the
 * markers row by row in `COLUMNS` order, which is how `chunkedInserts` fills them. A Kysely that bound
 * them otherwise fails here, when the sink is made, instead of writing values into the wrong columns.
 */
function compileInsert(db: Kysely<Database>, rows: number): CompiledQuery {
  const marker = (index: number) => `\u0000audit-parameter-${index}`;
  let index = 0;
  const template = Array.from({ length: rows }, () => Object.fromEntries(COLUMNS.map((column) => [column, marker(index++)])));
  // OR FAIL: a statement inside a transaction that may abort makes SQLite keep a statement journal of
  // every page it touches (spilled to a temp file past 64 KiB: +50% CPU a row on a file database). The
  // whole transaction rolls back on any error anyway, so nothing of a failed statement stays.
  const insert = db.insertInto('audit_events');
  // (PostgreSQL has no OR FAIL; a failed statement aborts its transaction there anyway)
  const query = (isPostgres(db) ? insert : insert.orFail()).values(template as unknown as Insertable<AuditEventsTable>[]).compile();
  if (query.parameters.length !== index || query.parameters.some((value, i) => value !== marker(i))) {
    throw new Error(`kysely binds a ${rows}-row audit insert in an unexpected parameter order`);
  }
  return query;
}

/** The PostgreSQL type of each column's array parameter in `unnestInsert`. */
const ARRAY_TYPES: Record<Column, 'text[]' | 'bigint[]'> = {
  id: 'text[]',
  at: 'bigint[]',
  account_id: 'text[]',
  request_id: 'text[]',
  dialect: 'text[]',
  action: 'text[]',
  resource: 'text[]',
  outcome: 'text[]',
  error_kind: 'text[]',
  reason: 'text[]',
  principal_user_id: 'text[]',
  access_key_id: 'text[]',
  source_ip: 'text[]',
  user_name: 'text[]',
  caller_type: 'text[]',
  auth_method: 'text[]',
  session_id: 'text[]',
  user_agent: 'text[]',
  operation: 'text[]',
  read_only: 'bigint[]',
  parameters: 'text[]',
};

/**
 * PostgreSQL: one `INSERT ... SELECT FROM unnest(<one array per column>)` per batch. One round trip and
 * one SQL text for any batch size, where chunked INSERTs cost a round trip each plus BEGIN and COMMIT
 * (more client CPU than the one big INSERT they replace). A single statement is atomic on its own.
 */
function unnestInsert(db: Kysely<Database>): (batch: AuditEvent[]) => Promise<void> {
  const columnList = sql.join(COLUMNS.map((column) => sql.ref(column)));
  return async (batch) => {
    const columns = COLUMNS.map(() => new Array<unknown>(batch.length));
    const row = new Array<unknown>(COLUMNS.length);
    for (let i = 0; i < batch.length; i++) {
      bindEvent(row, 0, batch[i]);
      for (let c = 0; c < row.length; c++) columns[c][i] = row[c];
    }
    const arrays = sql.join(COLUMNS.map((column, c) => sql`${columns[c]}::${sql.raw(ARRAY_TYPES[column])}`));
    await sql`insert into ${sql.table('audit_events')} (${columnList}) select * from unnest(${arrays})`.execute(db);
  };
}
