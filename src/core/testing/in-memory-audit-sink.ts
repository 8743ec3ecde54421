import type { AuditEvent } from '../audit/audit-event.js';
import type { AuditSink } from '../ports.js';

/** Keeps audit events in an array, for core tests that assert what was recorded. */
export class InMemoryAuditSink implements AuditSink {
  private readonly recorded: AuditEvent[] = [];

  record(event: AuditEvent): void {
    this.recorded.push(structuredClone(event));
  }

  async flush(): Promise<void> {}

  async writeNow(event: AuditEvent): Promise<void> {
    this.record(event);
  }

  /** copies, oldest first */
  events(): AuditEvent[] {
    return structuredClone(this.recorded);
  }
}
