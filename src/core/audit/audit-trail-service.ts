import { AuditActions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { InvalidInputError } from '../errors.js';
import type { CallContext } from '../principal.js';
import type { AuditEvent } from './audit-event.js';
import type { AuditEventQuery, AuditEventReader } from './audit-query.js';

/** What a reader may filter on; the account is always the caller's own. */
export type AuditFilter = Omit<AuditEventQuery, 'accountId' | 'limit' | 'after'>;

export interface AuditPage {
  events: AuditEvent[];
  /** opaque, sealed: continues this query (same account, same filter) with older events */
  nextToken?: string;
}

/**
 * Reading the audit trail: CloudTrail LookupEvents and the native `GET /audit/events` (authorized
 * with their own actions), export and retention for operators. An account sees only its own events.
 */
export class AuditTrailService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly reader: AuditEventReader,
  ) {}

  /**
   * One page of the caller's account's events, newest first.
   * @throws access-denied | invalid-input (`nextToken`: not from this account and filter)
   */
  lookup(ctx: CallContext, filter: AuditFilter, limit: number, nextToken: string | undefined, action: typeof AuditActions[keyof typeof AuditActions] = AuditActions.lookupEvents): Promise<AuditPage> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, action, { type: 'account', accountId }, async () => {
      const fingerprint = JSON.stringify(filter);
      const after = nextToken === undefined ? undefined : this.openToken(nextToken, accountId, fingerprint);
      const rows = await this.reader.find({ ...filter, accountId, limit: limit + 1, ...(after !== undefined ? { after } : {}) });
      const events = rows.slice(0, limit);
      const last = events[events.length - 1];
      if (rows.length <= limit || last === undefined) return { events };
      return { events, nextToken: this.sealToken(accountId, fingerprint, last.id) };
    });
  }

  /** For operators (`polyiam audit`): any filter, any account or all of them, unauthorized. */
  search(query: AuditEventQuery): Promise<AuditEvent[]> {
    return this.reader.find(query);
  }

  /** Every account's events from `from` on, oldest first, in pages (`polyiam audit export`). */
  async *exportSince(from: number, pageSize = 1000): AsyncGenerator<AuditEvent> {
    let after: string | undefined;
    for (;;) {
      const page = await this.reader.scan(from, after, pageSize);
      yield* page;
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.id;
    }
  }

  /** Deletes up to `batch` events older than `before`; the retention loop calls it until none are left. */
  prune(before: number, batch: number): Promise<number> {
    return this.reader.prune(before, batch);
  }

  // SECURITY: a token is sealed (AES-GCM, the SecretBox), so a caller can neither forge one nor read
  // another account's position from it; one from another account or filter is refused.
  private sealToken(accountId: string, fingerprint: string, lastId: string): string {
    return Buffer.from(this.deps.secretBox.seal(JSON.stringify({ a: accountId, f: fingerprint, k: lastId })), 'utf8').toString('base64url');
  }

  private openToken(token: string, accountId: string, fingerprint: string): string {
    try {
      const parsed = JSON.parse(this.deps.secretBox.open(Buffer.from(token, 'base64url').toString('utf8'))) as { a?: unknown; f?: unknown; k?: unknown };
      if (parsed.a === accountId && parsed.f === fingerprint && typeof parsed.k === 'string') return parsed.k;
    } catch {
      // not sealed by this server: the same answer as a token of another account
    }
    throw new InvalidInputError('nextToken', 'is not a token this query returned');
  }
}

/** Retention: prunes events older than `retentionMs` in small batches, yielding between them. */
export class AuditRetention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly trail: AuditTrailService,
    private readonly clock: { now(): number },
    private readonly retentionMs: number,
    private readonly batch = 500,
  ) {}

  /** prunes every `intervalMs` in the background (unref'd: never keeps the process alive) */
  start(intervalMs: number, onError: (err: unknown) => void): void {
    this.timer = setInterval(() => void this.runOnce().catch(onError), intervalMs);
    this.timer.unref();
  }

  stop(): Promise<unknown> {
    if (this.timer) clearInterval(this.timer);
    return this.running ?? Promise.resolve();
  }

  /** one pass: batches until one comes back short; resolves with how many events went */
  runOnce(): Promise<number> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<number> {
    const before = this.clock.now() - this.retentionMs;
    let total = 0;
    for (;;) {
      const deleted = await this.trail.prune(before, this.batch);
      total += deleted;
      if (deleted < this.batch) return total;
      // let waiting requests have the database between batches
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
