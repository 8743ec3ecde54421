import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { Change, ChangeAnnouncer, ChangeFeed } from '../core/change-feed.js';
import { ChangeLogReader, logAndNotify } from './change-log.js';
import { CHANGE_CHANNEL, encodePayloads, parsePayload, type IgnoredReason } from './change-payload.js';
import type { InTransactionAnnouncer } from './kysely-store.js';
import type { Database } from './schema.js';
import { loadPg } from './postgres.js';

/** Counters behind `/metrics` (http/metrics.ts `registerChangeNotifyMetrics`). */
export class ChangeNotifyStats {
  notificationsReceived = 0;
  changesApplied = 0;
  readonly ignored: Record<IgnoredReason, number> = { malformed: 0, 'unknown-kind': 0, 'other-database': 0 };
  changesSent = 0;
  sendFailures = 0;
  listenerLosses = 0;
  fallbackPolls = 0;
  resets = 0;
  listening = false;
}

export interface ChangeNotifierOptions {
  /** fallback poll of `change_log` while the listening connection is lost */
  pollMs?: number;
  reconnectMs?: number;
  /** a listening connection that does not answer `select 1` within this is taken as lost */
  heartbeatMs?: number;
  retentionMs?: number;
  /** changes applied per turn of the event loop: a flood of notifications never stalls requests */
  dropBatch?: number;
  now?: () => number;
  onError?: (err: unknown, what: string) => void;
}

/**
 * Cross-node cache invalidation on PostgreSQL, pushed (README "Consistency across nodes"):
 * - sending: a transaction's changes go out by `pg_notify` inside it (`announceIn`, so only a COMMIT
 *   announces), other changes on their own (`announce`); both are also written to `change_log`;
 * - hearing: one dedicated connection LISTENs on `polyiam_changes`; what it hears is dropped at once,
 *   in batches per turn of the event loop;
 * - fallback: while that connection is lost the node polls `change_log` every `pollMs` and tries to
 *   reconnect; once back, it drops everything it caches (a notification sent meanwhile may be missed).
 */
export class PostgresChangeNotifier implements ChangeAnnouncer, InTransactionAnnouncer {
  readonly nodeId = randomBytes(8).toString('hex');
  readonly stats = new ChangeNotifyStats();
  private deployment = '';
  private client: pg.Client | undefined;
  private stopped = false;
  private readonly reader: ChangeLogReader;
  private readonly pending = new Map<string, Change>();
  private flushing = false;
  private outbox: Change[] = [];
  private sending = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private reconnectTimer: NodeJS.Timeout | undefined;
  private lastPrune = 0;
  private readonly pollMs: number;
  private readonly reconnectMs: number;
  private readonly heartbeatMs: number;
  private readonly retentionMs: number;
  private readonly dropBatch: number;
  private readonly now: () => number;
  private readonly onError: (err: unknown, what: string) => void;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly connectionString: string,
    private readonly feed: ChangeFeed,
    options: ChangeNotifierOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 1_000;
    this.reconnectMs = options.reconnectMs ?? 1_000;
    this.heartbeatMs = options.heartbeatMs ?? 5_000;
    this.retentionMs = options.retentionMs ?? 10 * 60_000;
    this.dropBatch = options.dropBatch ?? 1_000;
    this.now = options.now ?? Date.now;
    this.onError = options.onError ?? (() => undefined);
    this.reader = new ChangeLogReader(db, this.nodeId, this.now());
  }

  /** Learns which deployment this is and starts listening (or polling, if it cannot yet). */
  async start(): Promise<void> {
    const { rows } = await sql<{ deployment: string }>`select current_database() || '/' || current_schema() as deployment`.execute(this.db);
    this.deployment = rows[0]!.deployment;
    try {
      await this.listen();
    } catch (err) {
      this.onError(err, 'the change listener could not connect; polling change_log until it can');
      this.scheduleReconnect();
    }
    this.timers.push(setInterval(() => void this.tick(), this.pollMs), setInterval(() => void this.heartbeat(), this.heartbeatMs));
    for (const timer of this.timers) timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    this.stats.listening = false;
    await client?.end().catch(() => undefined);
  }

  /** Inside a transaction, just before its COMMIT; a failure rolls the transaction back. */
  async announceIn(trx: Kysely<Database>, changes: readonly Change[]): Promise<void> {
    await logAndNotify(trx, this.nodeId, this.now(), changes, encodePayloads(this.deployment, this.nodeId, changes));
    this.stats.changesSent += changes.length;
  }

  /** Changes no transaction carried: sent together, in a statement of their own, on the next turn. */
  announce(changes: readonly Change[]): void {
    this.outbox.push(...changes);
    if (!this.sending) {
      this.sending = true;
      setImmediate(() => void this.send());
    }
  }

  /** What the listening connection heard (public for the malformed-input tests). */
  receive(payload: string): void {
    this.stats.notificationsReceived++;
    const parsed = parsePayload(payload, this.deployment);
    for (const { reason, count } of parsed.ignored) this.stats.ignored[reason] += count;
    if (parsed.nodeId === this.nodeId) return; // dropped here at once when it was made
    this.queueDrops(parsed.changes);
  }

  /** Ends the listening connection as a server restart would; for tests. */
  get listenerPid(): number | undefined {
    return (this.client as (pg.Client & { processID?: number }) | undefined)?.processID;
  }

  private async send(): Promise<void> {
    while (this.outbox.length > 0) {
      const batch = this.outbox.splice(0, 5_000);
      try {
        await logAndNotify(this.db, this.nodeId, this.now(), batch, encodePayloads(this.deployment, this.nodeId, batch));
        this.stats.changesSent += batch.length;
      } catch (err) {
        // the database is unreachable: so were the writes that made these; other nodes drop everything
        // when they hear the database again if they lost it too, and the time-to-live bounds the rest
        this.stats.sendFailures += batch.length;
        this.onError(err, 'changes could not be announced to other nodes');
      }
    }
    this.sending = false;
  }

  private queueDrops(changes: readonly Change[]): void {
    for (const change of changes) this.pending.set(`${change.kind}/${change.id}`, change);
    if (!this.flushing && this.pending.size > 0) {
      this.flushing = true;
      setImmediate(() => this.flush());
    }
  }

  /** At most `dropBatch` drops per turn, so requests keep being served through a flood. */
  private flush(): void {
    const batch: Change[] = [];
    for (const [key, change] of this.pending) {
      if (batch.length >= this.dropBatch) break;
      batch.push(change);
      this.pending.delete(key);
    }
    this.feed.replay(batch);
    this.stats.changesApplied += batch.length;
    if (this.pending.size > 0) setImmediate(() => this.flush());
    else this.flushing = false;
  }

  private async listen(): Promise<void> {
    const client = new (loadPg().Client)({ connectionString: this.connectionString, keepAlive: true, application_name: 'polyiam-change-listener' });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (message.channel === CHANGE_CHANNEL) this.receive(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.stopped) return void (await client.end().catch(() => undefined));
    this.client = client;
    this.stats.listening = true;
  }

  private lost(client: pg.Client, err?: unknown): void {
    if (client !== this.client) return;
    this.client = undefined;
    this.stats.listening = false;
    this.stats.listenerLosses++;
    // notifications may have been on their way: the poll looks back a heartbeat before the loss
    this.reader.rewindTo(this.now() - this.heartbeatMs);
    if (err !== undefined) this.onError(err, 'the change listener lost its connection; polling change_log until it is back');
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.reconnect();
    }, this.reconnectMs);
    this.reconnectTimer.unref();
  }

  private async reconnect(): Promise<void> {
    try {
      await this.listen();
    } catch {
      return this.scheduleReconnect();
    }
    // a change committed while nobody listened may have been missed by the last poll: drop everything
    // once, now that every later one will be heard
    this.pending.clear();
    this.stats.resets++;
    const accounts = await this.db
      .selectFrom('accounts')
      .select('id')
      .execute()
      .then((rows) => rows.map((row) => row.id))
      .catch(() => [] as string[]);
    this.feed.reset(accounts);
  }

  private async tick(): Promise<void> {
    try {
      if (!this.client && !this.stopped) {
        this.stats.fallbackPolls++;
        const { changes, unknown } = await this.reader.read();
        this.stats.ignored['unknown-kind'] += unknown;
        this.queueDrops(changes);
      } else {
        this.reader.advanceTo(this.now());
      }
      if (this.now() - this.lastPrune > 60_000) {
        this.lastPrune = this.now();
        await this.reader.prune(this.now() - this.retentionMs);
      }
    } catch (err) {
      this.onError(err, 'change_log could not be read');
    }
  }

  private async heartbeat(): Promise<void> {
    const client = this.client;
    if (!client) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the change listener did not answer a heartbeat')), this.heartbeatMs);
    });
    try {
      await Promise.race([client.query('select 1'), timeout]);
    } catch (err) {
      this.lost(client, err);
    } finally {
      clearTimeout(timer);
    }
  }
}
