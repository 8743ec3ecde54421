/**
 * @see #12
 * Console sessions and sign-in attempts (migration 0013) on SQLite and, when POLYIAM_TEST_PG_URL is set,
 * on a scratch PostgreSQL database: the same assertions on both engines.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConsoleSession } from '../../src/core/sessions/console-session.js';
import { KyselyStore, migrateToLatest } from '../../src/store/kysely-store.js';
import { openPostgres } from '../../src/store/postgres.js';
import { openSqlite } from '../../src/store/sqlite.js';
import { scratchDatabase, type ScratchDatabase } from '../support/nodes.js';

const session = (idHash: string, userId: string, overrides: Partial<ConsoleSession> = {}): ConsoleSession => ({
  idHash,
  accountId: 'a'.repeat(32),
  userId,
  stage: 'active',
  csrfToken: 'csrf-token',
  passwordChangedAt: 1_700_000_000_000,
  createdAt: 1_700_000_000_000,
  lastSeenAt: 1_700_000_000_000,
  idleTimeoutMs: 1_800_000,
  expiresAt: 1_700_043_200_000,
  mfaAuthenticated: false,
  challenge: null,
  sourceIp: '127.0.0.1',
  userAgent: 'Mozilla/5.0 <test>',
  previousLoginAt: null,
  previousLoginIp: null,
  ...overrides,
});

function contract(open: () => Promise<KyselyStore>, done: () => Promise<void>): void {
  let store: KyselyStore;
  before(async () => {
    store = await open();
    await migrateToLatest(store.db);
  });
  after(async () => {
    await store.close();
    await done();
  });

  it('stores, finds, touches and deletes sessions by the hash of their id', async () => {
    const repo = store.consoleSessions;
    const challenge = { id: 'c1', method: 'email' as const, maskedDestination: 'a**@b.c', expiresAt: 1_700_000_300_000, canTrustDevice: true };
    await repo.create(session('h1', 'u1', { stage: 'second-factor', challenge, previousLoginAt: 1_600_000_000_000, previousLoginIp: '10.0.0.1' }));
    assert.deepEqual(await repo.find('h1'), session('h1', 'u1', { stage: 'second-factor', challenge, previousLoginAt: 1_600_000_000_000, previousLoginIp: '10.0.0.1' }));
    await repo.touch('h1', 1_700_000_060_000);
    assert.equal((await repo.find('h1'))?.lastSeenAt, 1_700_000_060_000);
    await repo.delete('h1');
    assert.equal(await repo.find('h1'), undefined);
  });

  it('moves a pending session on once only, under its new id', async () => {
    const repo = store.consoleSessions;
    await repo.create(session('p1', 'u2', { stage: 'password-change' }));
    assert.equal(await repo.replace('p1', session('p2', 'u2', { mfaAuthenticated: true })), true);
    assert.equal(await repo.replace('p1', session('p3', 'u2')), false);
    assert.equal(await repo.find('p1'), undefined);
    assert.equal(await repo.find('p3'), undefined);
    assert.equal((await repo.find('p2'))?.mfaAuthenticated, true);
  });

  it('ends every session of a user, and purges those past their absolute end', async () => {
    const repo = store.consoleSessions;
    await repo.create(session('x1', 'u3'));
    await repo.create(session('x2', 'u3'));
    await repo.create(session('y1', 'u4', { expiresAt: 5 }));
    assert.equal(await repo.deleteForUser('u3'), 2);
    assert.equal(await repo.purgeExpired(10), 1);
    assert.equal(await repo.find('y1'), undefined);
  });

  it('counts failed sign-in attempts per source IP and per user since a time', async () => {
    const repo = store.signInAttempts;
    const attempt = (id: string, at: number, userKey: string, outcome: string, sourceIp: string | null) => repo.add({ id, at, accountId: null, userKey, userId: null, outcome, sourceIp, userAgent: 'ua' });
    await attempt('1', 100, 'acme/ann', 'bad-credentials', '10.0.0.1');
    await attempt('2', 200, 'acme/ann', 'locked', '10.0.0.2');
    await attempt('3', 300, 'acme/bob', 'bad-credentials', '10.0.0.1');
    await attempt('4', 400, 'acme/ann', 'ok', '10.0.0.1');
    await attempt('5', 50, 'acme/ann', 'bad-credentials', '10.0.0.1');
    assert.deepEqual(await repo.countFailures(100, '10.0.0.1', 'acme/ann'), { bySourceIp: 2, byUser: 2 });
    assert.deepEqual(await repo.countFailures(100, null, 'acme/bob'), { bySourceIp: 0, byUser: 1 });
    assert.equal(await repo.purgeBefore(100), 1);
  });
}

describe('console sessions store on SQLite', () => {
  contract(async () => new KyselyStore(openSqlite(':memory:'), 'sqlite'), async () => undefined);
});

describe('console sessions store on PostgreSQL', { skip: process.env.POLYIAM_TEST_PG_URL ? false : process.env.CI === 'true' ? false : 'POLYIAM_TEST_PG_URL is not set' }, () => {
  let scratch: ScratchDatabase | undefined;
  contract(
    async () => {
      const url = process.env.POLYIAM_TEST_PG_URL;
      if (!url) throw new Error('POLYIAM_TEST_PG_URL is required in CI');
      scratch = await scratchDatabase(url, 'console_sessions');
      return new KyselyStore(openPostgres(scratch.url), 'postgres');
    },
    async () => scratch?.drop(),
  );
});
