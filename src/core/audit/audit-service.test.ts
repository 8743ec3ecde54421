import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccessDeniedError, AuthenticationError, NotFoundError } from '../errors.js';
import type { CallContext } from '../principal.js';
import { InMemoryAuditSink } from '../testing/in-memory-audit-sink.js';
import type { IdGenerator } from '../ports.js';
import type { AuditEvent } from './audit-event.js';
import { AuditService } from './audit-service.js';

const AT = 1_700_000_000_000;

function service(): { audit: AuditService; sink: InMemoryAuditSink } {
  const sink = new InMemoryAuditSink();
  let next = 0;
  const ids = { timeOrderedId: () => `event-${++next}` } as unknown as IdGenerator;
  return { audit: new AuditService(sink, { now: () => AT }, ids), sink };
}

const ctx = (accessKeyId?: string): CallContext => ({
  principal: {
    accountId: 'acct-1',
    userId: 'user-1',
    userName: 'alice',
    isRoot: false,
    authMethod: 'access-key',
    mfaAuthenticated: false,
    ...(accessKeyId ? { accessKeyId } : {}),
  },
  requestId: 'req-1',
  dialect: 'aws',
  sourceIp: '192.0.2.10',
  secureTransport: true,
});

const base: AuditEvent = {
  id: 'event-1',
  at: AT,
  accountId: 'acct-1',
  requestId: 'req-1',
  dialect: 'aws',
  action: 'iam:users:get',
  resource: 'user/bob',
  outcome: 'success',
  errorKind: null,
  reason: null,
  principalUserId: 'user-1',
  accessKeyId: 'AKIAEXAMPLEEXAMPLE00',
  sourceIp: '192.0.2.10',
  userName: 'alice',
  callerType: 'user',
  authMethod: 'access-key',
  sessionId: null,
  userAgent: null,
  operation: null,
  readOnly: true,
  parameters: null,
};

// The hot path builds events straight from the context; these pin every field it writes.
describe('AuditService', () => {
  it('success: one event from the call context, the access key when the call was signed with one', () => {
    const { audit, sink } = service();
    audit.success(ctx('AKIAEXAMPLEEXAMPLE00'), 'iam:users:get', 'user/bob');
    audit.success(ctx(), 'iam:users:list', null);
    assert.deepEqual(sink.events(), [base, { ...base, id: 'event-2', action: 'iam:users:list', resource: null, accessKeyId: null }]);
  });

  it('failure: denied for access and authentication errors, failed otherwise, with the error kind', () => {
    const { audit, sink } = service();
    audit.failure(ctx(), 'iam:users:get', 'user/bob', new AccessDeniedError('iam:users:get', 'user/bob'));
    audit.failure(ctx(), 'iam:users:get', 'user/bob', new NotFoundError('user', 'bob', 'name'));
    audit.failure(ctx(), 'iam:users:get', 'user/bob', new Error('boom'));
    const common = { ...base, accessKeyId: null };
    assert.deepEqual(sink.events(), [
      { ...common, outcome: 'denied', errorKind: 'access-denied' },
      { ...common, id: 'event-2', outcome: 'failed', errorKind: 'not-found' },
      { ...common, id: 'event-3', outcome: 'failed', errorKind: null },
    ]);
  });

  it('rejected: the facts given, nulls for the rest, and the reason of a failed authentication only', () => {
    const { audit, sink } = service();
    audit.rejected(
      { requestId: 'req-2', dialect: 'huawei-v5', action: 'unknown', sourceIp: null, accessKeyId: 'AKIAEXAMPLEEXAMPLE00' },
      new AuthenticationError('bad-signature'),
    );
    audit.rejected(
      { requestId: 'req-3', dialect: 'aws', action: 'iam:users:create', sourceIp: '192.0.2.11', accountId: 'acct-1', principalUserId: 'user-1', resource: 'user/eve' },
      new AccessDeniedError('iam:users:create', 'user/eve', 'root-only'),
    );
    assert.deepEqual(sink.events(), [
      {
        id: 'event-1',
        at: AT,
        accountId: null,
        requestId: 'req-2',
        dialect: 'huawei-v5',
        action: 'unknown',
        resource: null,
        outcome: 'denied',
        errorKind: 'authentication-failed',
        reason: 'bad-signature',
        principalUserId: null,
        accessKeyId: 'AKIAEXAMPLEEXAMPLE00',
        sourceIp: null,
        userName: null,
        callerType: null,
        authMethod: null,
        sessionId: null,
        userAgent: null,
        operation: null,
        readOnly: false,
        parameters: null,
      },
      {
        id: 'event-2',
        at: AT,
        accountId: 'acct-1',
        requestId: 'req-3',
        dialect: 'aws',
        action: 'iam:users:create',
        resource: 'user/eve',
        outcome: 'denied',
        errorKind: 'access-denied',
        reason: null,
        principalUserId: 'user-1',
        accessKeyId: null,
        sourceIp: '192.0.2.11',
        userName: null,
        callerType: null,
        authMethod: null,
        sessionId: null,
        userAgent: null,
        operation: null,
        readOnly: false,
        parameters: null,
      },
    ]);
  });
});
