import type { Kysely } from 'kysely';
import type { AuditEvent } from '../core/audit/audit-event.js';
import type { AuditSink } from '../core/ports.js';
import type { Database } from './schema.js';

/**
 * Writes audit events in batches: one INSERT per flush instead of one fsync per request, which keeps
 * reads fast on SQLite with synchronous=FULL. Events reach the table within `intervalMs`, and a
 * graceful shutdown flushes the rest.
 */
export class KyselyAuditSink implements AuditSink {
  private buffer: AuditEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly onError: (err: unknown) => void,
    private readonly intervalMs = 100,
    private readonly maxBatch = 500,
  ) {}

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
      await this.db
        .insertInto('audit_events')
        .values(
          batch.map((e) => ({
            id: e.id,
            at: e.at,
            account_id: e.accountId,
            request_id: e.requestId,
            dialect: e.dialect,
            action: e.action,
            resource: e.resource,
            outcome: e.outcome,
            error_kind: e.errorKind,
            reason: e.reason,
            principal_user_id: e.principalUserId,
            access_key_id: e.accessKeyId,
            source_ip: e.sourceIp,
          })),
        )
        .execute();
    } catch (err) {
      this.onError(err);
    }
  }
}
