/**
 * The in-memory fake of core/testing runs the same store contract as SQLite and PostgreSQL, so core
 * unit tests written against it cannot rely on behaviour the real store lacks.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InMemoryAuditSink } from '../../src/core/testing/in-memory-audit-sink.js';
import { InMemoryStore } from '../../src/core/testing/in-memory-store.js';
import { buildAccount } from '../../src/core/testing/builders.js';
import { auditSinkContract, storeContract } from './contract/index.js';

describe('in-memory store', () => {
  storeContract(async () => {
    const store = new InMemoryStore();
    return { store, close: () => store.close() };
  });

  auditSinkContract(async () => {
    const sink = new InMemoryAuditSink();
    return { sink, events: async () => sink.events(), close: async () => undefined };
  });

  // Where SQLite would wait forever on its one connection, the fake fails loudly instead.
  test('using the store directly inside a transaction is an error, not a deadlock', async () => {
    const store = new InMemoryStore();
    await assert.rejects(
      store.transaction(async () => {
        await store.accounts.count();
      }),
      /directly inside a transaction/,
    );
    await assert.rejects(store.transaction(() => store.transaction(async () => 1)), /directly inside a transaction/);
    assert.equal(await store.accounts.count(), 0);
  });

  test('a closed store refuses work', async () => {
    const store = new InMemoryStore();
    await store.close();
    await assert.rejects(store.accounts.create(buildAccount()), /closed/);
  });
});
