import { AuthenticationError, isIamError } from '../errors.js';
import type { AuditSink, Clock, IdGenerator } from '../ports.js';
import type { CallContext } from '../principal.js';
import type { AuditEvent } from './audit-event.js';

export interface CallFacts {
  requestId: string;
  dialect: string;
  action: string;
  sourceIp: string | null;
  accountId?: string | null;
  principalUserId?: string | null;
  accessKeyId?: string | null;
  resource?: string | null;
}

/** Records one event per API call, allowed or denied. Never records secrets: only ids and outcomes. */
export class AuditService {
  constructor(
    private readonly sink: AuditSink,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  success(ctx: CallContext, action: string, resource: string | null): void {
    this.sink.record(this.fromContext(ctx, action, resource, 'success', null));
  }

  failure(ctx: CallContext, action: string, resource: string | null, err: unknown): void {
    this.sink.record(this.fromContext(ctx, action, resource, outcomeOf(err), err));
  }

  /** For calls that never reached a core command: failed authentication, unknown operations, bad input. */
  rejected(facts: CallFacts, err: unknown): void {
    const at = this.clock.now();
    this.sink.record({
      id: this.ids.timeOrderedId(at),
      at,
      accountId: facts.accountId ?? null,
      requestId: facts.requestId,
      dialect: facts.dialect,
      action: facts.action,
      resource: facts.resource ?? null,
      outcome: outcomeOf(err),
      errorKind: errorKindOf(err),
      reason: reasonOf(err),
      principalUserId: facts.principalUserId ?? null,
      accessKeyId: facts.accessKeyId ?? null,
      sourceIp: facts.sourceIp,
    });
  }

  flush(): Promise<void> {
    return this.sink.flush();
  }

  // Every API call passes here, so the event is built straight from the context, with no
  // intermediate `CallFacts`; the property order matches `rejected` so every event has one shape.
  private fromContext(ctx: CallContext, action: string, resource: string | null, outcome: AuditEvent['outcome'], err: unknown): AuditEvent {
    const principal = ctx.principal;
    const at = this.clock.now();
    return {
      // time-ordered: each insert lands at the end of the audit table's primary-key index
      id: this.ids.timeOrderedId(at),
      at,
      accountId: principal.accountId,
      requestId: ctx.requestId,
      dialect: ctx.dialect,
      action,
      resource,
      outcome,
      errorKind: errorKindOf(err),
      reason: reasonOf(err),
      principalUserId: principal.userId,
      accessKeyId: principal.accessKeyId ?? null,
      sourceIp: ctx.sourceIp,
    };
  }
}

function errorKindOf(err: unknown): AuditEvent['errorKind'] {
  return isIamError(err) ? err.kind : null;
}

function reasonOf(err: unknown): string | null {
  return err instanceof AuthenticationError ? err.reason : null;
}

function outcomeOf(err: unknown): AuditEvent['outcome'] {
  if (isIamError(err) && (err.kind === 'access-denied' || err.kind === 'authentication-failed')) return 'denied';
  return 'failed';
}
