/**
 * Core dependencies over the in-memory store, for the unit tests of groups and tokens. Imported only
 * by tests.
 */
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit-service.js';
import { AccountAdminAuthorizer, groupAdminDirectory } from '../authorization/root-only-authorizer.js';
import { ChangeFeed } from '../change-feed.js';
import { AdjustableClock } from '../clock.js';
import type { CoreDeps } from '../deps.js';
import type { IdGenerator, PasswordHasher, SecretBox } from '../ports.js';
import type { CallContext } from '../principal.js';
import { InMemoryAuditSink } from '../testing/in-memory-audit-sink.js';
import { InMemoryStore } from '../testing/in-memory-store.js';

/** Hashing is not what these tests measure; the comparison still needs the right password. */
export const plainHasher: PasswordHasher = {
  hash: async (p) => `plain:${p.reveal()}`,
  verify: async (h, p) => h === `plain:${p.reveal()}`,
  verifyDummy: async () => false,
};

/** Not encryption: these tests never look inside sealed secrets. */
const clearBox: SecretBox = { seal: (text) => `clear:${text}`, open: (sealed) => sealed.slice('clear:'.length) };

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
let counter = 0;
const ids: IdGenerator = {
  hexId: () => hex(16),
  timeOrderedId: (at: number) => at.toString(16).padStart(12, '0') + hex(10),
  awsUserId: () => `AIDA${hex(9).toUpperCase().replace(/[^A-Z2-7]/g, 'A').slice(0, 17).padEnd(17, 'A')}`,
  awsRoleId: () => `AROA${hex(9).toUpperCase().replace(/[^A-Z2-7]/g, 'A').slice(0, 17).padEnd(17, 'A')}`,
  temporaryAccessKeyId: () => `ASIA${hex(8).toUpperCase()}`,
  numericId: () => 1_000_000 + ++counter,
  awsAccountId: () => String(100_000_000_000 + ++counter),
  accessKeyId: () => `AKIA${hex(8).toUpperCase()}`,
  secretAccessKey: () => hex(20),
  password: () => `${hex(8)}Aa1!`,
};

export interface TestDeps extends CoreDeps {
  store: InMemoryStore;
  clock: AdjustableClock;
  sink: InMemoryAuditSink;
}

/** Fresh dependencies with the admin-group authorizer, as `app/` wires them. */
export function testDeps(): TestDeps {
  const store = new InMemoryStore();
  const clock = new AdjustableClock();
  const sink = new InMemoryAuditSink();
  return {
    store,
    clock,
    hasher: plainHasher,
    secretBox: clearBox,
    ids,
    audit: new AuditService(sink, clock, ids),
    authorizer: new AccountAdminAuthorizer(groupAdminDirectory(store.groups, store.users)),
    changes: new ChangeFeed(),
    sink,
  };
}

export function contextOf(principal: { accountId: string; userId: string; userName: string; isRoot: boolean }): CallContext {
  return { principal: { ...principal, authMethod: 'token', mfaAuthenticated: false }, requestId: 'r1', dialect: 'test', sourceIp: null, secureTransport: false };
}
