import { roleSessionContext } from './role-session-context.js';
import { AuthenticationError, isIamError } from '../errors.js';
import type { AuditSink, Clock, IdGenerator } from '../ports.js';
import type { CallContext } from '../principal.js';
import type { AuditCallerType, AuditEvent } from './audit-event.js';
import { CommandAudit, PendingAuditEvent } from './command-audit.js';
import { auditParameters, isReadOnlyAction, type AuditParameterSource } from './parameters.js';

export interface CallFacts {
  requestId: string;
  dialect: string;
  action: string;
  sourceIp: string | null;
  accountId?: string | null;
  principalUserId?: string | null;
  accessKeyId?: string | null;
  resource?: string | null;
  userName?: string | null;
  userAgent?: string | null;
  operation?: string | null;
  parameters?: AuditParameterSource;
}

/**
 * Records one event per API call, allowed or denied. Reads and refused calls are batched by the sink;
 * a write command's success event is written in the transaction of its change (`commands`), so neither
 * can exist without the other. Never records secrets: ids, outcomes and allow-listed parameters.
 */
export class AuditService {
  /** the write commands running now; the store asks it for the event each transaction carries */
  readonly commands = new CommandAudit();
  private readonly readOnly = new Map<string, boolean>();

  /** false only for benchmark baselines (CreateOptions.auditOff): writes then skip the transaction hand-over */
  readonly recordsWrites: boolean;

  constructor(
    private readonly sink: AuditSink,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    options: { recordsWrites?: boolean } = {},
  ) {
    this.recordsWrites = options.recordsWrites ?? true;
  }

  success(ctx: CallContext, action: string, resource: string | null): void {
    this.sink.record(this.fromContext(ctx, action, resource, 'success', null));
  }

  failure(ctx: CallContext, action: string, resource: string | null, err: unknown): void {
    this.sink.record(this.fromContext(ctx, action, resource, outcomeOf(err), err));
  }

  /** CloudTrail readOnly for a core action (remembered: every call asks) */
  isReadOnly(action: string): boolean {
    let readOnly = this.readOnly.get(action);
    if (readOnly === undefined) {
      readOnly = isReadOnlyAction(action);
      this.readOnly.set(action, readOnly);
    }
    return readOnly;
  }

  /** the success event of a write command, for the transaction that will commit its change */
  pending(ctx: CallContext, action: string, resource: string | null): PendingAuditEvent {
    return new PendingAuditEvent(() => this.fromContext(ctx, action, resource, 'success', null));
  }

  /**
   * A write command whose work committed no transaction (a store write outside one): its event is
   * stored before the caller hears of the success, though not atomically with the change.
   */
  recordNow(pending: PendingAuditEvent): Promise<void> {
    return this.sink.writeNow(pending.event());
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
      userName: facts.userName ?? null,
      callerType: null,
      authMethod: null,
      sessionId: null,
      userAgent: facts.userAgent ?? null,
      operation: facts.operation ?? null,
      readOnly: this.isReadOnly(facts.action),
      parameters: auditParameters(facts.action, facts.parameters),
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
      // a cloud operator in another domain (issue #16) is named by its home account and user
      userName: principal.operator && principal.operator.accountId !== principal.accountId ? `${principal.operator.accountName}/${principal.operator.userName}` : principal.userName,
      callerType: callerTypeOf(ctx),
      authMethod: principal.authMethod,
      sessionId: ctx.sessionId ?? (principal.session ? roleSessionContext(principal.session, principal.mfaAuthenticated) : null),
      userAgent: ctx.userAgent ?? null,
      operation: ctx.operation ?? null,
      readOnly: this.isReadOnly(action),
      parameters: auditParameters(action, ctx.parameters),
    };
  }
}

function callerTypeOf(ctx: CallContext): AuditCallerType {
  const principal = ctx.principal as CallContext['principal'] & { roleSessionName?: string };
  if (principal.authMethod === 'system') return 'system';
  // an operator has the root's reach in another domain, but is one user of its own (issue #16)
  if (principal.operator && principal.operator.accountId !== principal.accountId) return 'user';
  if (principal.isRoot) return 'root';
  // the roles work (another branch) adds assumed-role principals with a session name
  return principal.roleSessionName !== undefined || principal.session !== undefined ? 'assumed-role' : 'user';
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

/** Drops every event: the "auditing off" baseline of the benchmarks, never a production setting. */
export class DiscardingAuditSink implements AuditSink {
  record(): void {}
  async flush(): Promise<void> {}
  async writeNow(): Promise<void> {}
}
