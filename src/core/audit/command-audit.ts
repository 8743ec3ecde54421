import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditEvent } from './audit-event.js';

/** The audit event a transaction carries: written in it, then told how the transaction ended. */
export interface CarriedAuditEvent {
  readonly event: AuditEvent;
  committed(): void;
  rolledBack(): void;
}

/** What a store asks when a transaction opens: the event of the write command running it, if any. */
export interface TransactionAudit {
  claim(): CarriedAuditEvent | undefined;
}

/**
 * The success event of one write command, waiting for the transaction that commits the change. The
 * first transaction of the command takes it; if that transaction rolls back, the next may.
 */
export class PendingAuditEvent {
  private state: 'open' | 'claimed' | 'committed' | 'closed' = 'open';

  constructor(private readonly build: () => AuditEvent) {}

  /** the change and its event committed together */
  get isCommitted(): boolean {
    return this.state === 'committed';
  }

  claim(): CarriedAuditEvent | undefined {
    if (this.state !== 'open') return undefined;
    this.state = 'claimed';
    return {
      event: this.build(),
      committed: () => {
        this.state = 'committed';
      },
      rolledBack: () => {
        if (this.state === 'claimed') this.state = 'open';
      },
    };
  }

  /** the command ended: a transaction begun later (work it left running) carries nothing */
  close(): void {
    if (this.state !== 'committed') this.state = 'closed';
  }

  /** the event for recording outside a transaction */
  event(): AuditEvent {
    return this.build();
  }
}

/**
 * Hands each write command's event to the transactions it runs, whoever calls `store.transaction`
 * inside it: the command need not pass anything along, so a new command cannot forget to.
 *
 * Node 20 keeps an AsyncLocalStorage by hooking every promise (about 70 ns each, measured) while any
 * store is enabled; reads are the hot path and run outside it, so the storage is enabled only while a
 * write command is running and disabled when the last one ends.
 */
export class CommandAudit implements TransactionAudit {
  private readonly current = new AsyncLocalStorage<PendingAuditEvent>();
  private active = 0;

  async run<T>(pending: PendingAuditEvent, work: () => Promise<T>): Promise<T> {
    this.active++;
    try {
      return await this.current.run(pending, work);
    } finally {
      pending.close();
      if (--this.active === 0) this.current.disable();
    }
  }

  claim(): CarriedAuditEvent | undefined {
    if (this.active === 0) return undefined;
    return this.current.getStore()?.claim();
  }
}
