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
    this.sink.record(this.event(factsOf(ctx, action, resource), 'success', null));
  }

  failure(ctx: CallContext, action: string, resource: string | null, err: unknown): void {
    this.sink.record(this.event(factsOf(ctx, action, resource), outcomeOf(err), err));
  }

  /** For calls that never reached a core command: failed authentication, unknown operations, bad input. */
  rejected(facts: CallFacts, err: unknown): void {
    this.sink.record(this.event(facts, outcomeOf(err), err));
  }

  flush(): Promise<void> {
    return this.sink.flush();
  }

  private event(facts: CallFacts, outcome: AuditEvent['outcome'], err: unknown): AuditEvent {
    return {
      id: this.ids.hexId(),
      at: this.clock.now(),
      accountId: facts.accountId ?? null,
      requestId: facts.requestId,
      dialect: facts.dialect,
      action: facts.action,
      resource: facts.resource ?? null,
      outcome,
      errorKind: isIamError(err) ? err.kind : null,
      reason: err instanceof AuthenticationError ? err.reason : null,
      principalUserId: facts.principalUserId ?? null,
      accessKeyId: facts.accessKeyId ?? null,
      sourceIp: facts.sourceIp,
    };
  }
}

function factsOf(ctx: CallContext, action: string, resource: string | null): CallFacts {
  return {
    requestId: ctx.requestId,
    dialect: ctx.dialect,
    action,
    sourceIp: ctx.sourceIp,
    accountId: ctx.principal.accountId,
    principalUserId: ctx.principal.userId,
    accessKeyId: ctx.principal.accessKeyId ?? null,
    resource,
  };
}

function outcomeOf(err: unknown): AuditEvent['outcome'] {
  if (isIamError(err) && (err.kind === 'access-denied' || err.kind === 'authentication-failed')) return 'denied';
  return 'failed';
}
