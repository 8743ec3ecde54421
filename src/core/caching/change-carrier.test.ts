/** @see #19 — how each change reaches other nodes: inside its transaction, or on its own once that has ended */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChangeFeed, type Change } from '../change-feed.js';
import { AdjustableClock } from '../clock.js';
import type { Repositories, Store, TransactionOptions } from '../ports.js';
import { buildAccessKey, buildAccount, buildLoginProfile, buildUser } from '../testing/builders.js';
import { InMemoryStore } from '../testing/in-memory-store.js';
import { CachedStore } from './cached-store.js';

async function setup() {
  const inner = new InMemoryStore();
  await inner.accounts.create(buildAccount({ id: 'a1' }));
  const user = buildUser('a1', { name: 'alice' });
  await inner.users.create(user);
  /** what each committed transaction announced inside it */
  const inTransaction: Change[][] = [];
  const shared: Store = Object.create(inner, {
    transaction: {
      value: async <T>(work: (tx: Repositories) => Promise<T>, options?: TransactionOptions) => {
        const result = await inner.transaction(work);
        inTransaction.push([...(options?.announce?.() ?? [])]);
        return result;
      },
    },
  }) as Store;
  const onTheirOwn: Change[] = [];
  const feed = new ChangeFeed();
  const store = new CachedStore(shared, new AdjustableClock(), feed, { announcer: { announce: (changes) => onTheirOwn.push(...changes) } });
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  return { inner, store, feed, user, inTransaction, onTheirOwn, turn };
}

describe('carrying changes to other nodes', () => {
  it('a tracked write is announced inside its transaction, and the service emitting it after the commit adds nothing', async () => {
    const { store, feed, user, inTransaction, onTheirOwn, turn } = await setup();
    await store.transaction(async (tx) => tx.users.update({ ...user, name: 'bob' }));
    feed.emit({ kind: 'user', id: user.id });
    await turn();
    assert.deepEqual(inTransaction, [[{ kind: 'user', id: user.id }]]);
    assert.deepEqual(onTheirOwn, []);
  });

  it('every cached kind is tracked: keys, memberships, policies, login profiles (which end tokens too)', async () => {
    const { inner, store, user, inTransaction } = await setup();
    const key = buildAccessKey(user);
    await inner.accessKeys.create(key);
    await inner.loginProfiles.create(buildLoginProfile(user));
    await store.transaction(async (tx) => {
      await tx.accessKeys.updateStatus(key.id, 'inactive', 1);
      await tx.loginProfiles.update({ ...(await tx.loginProfiles.find(user.id))!, passwordChangedAt: 2 });
    });
    assert.deepEqual(inTransaction.at(-1), [
      { kind: 'access-key', id: key.id },
      { kind: 'login-profile', id: user.id },
      { kind: 'user', id: user.id },
    ]);
  });

  it('a rolled-back transaction announces nothing', async () => {
    const { store, user, inTransaction, onTheirOwn, turn } = await setup();
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.users.update({ ...user, name: 'carol' });
        throw new Error('changed my mind');
      }),
    );
    await turn();
    assert.deepEqual(inTransaction, []);
    assert.deepEqual(onTheirOwn, []);
  });

  it('a change no tracked write covers waits for the transactions open when it was emitted', async () => {
    const { store, feed, user, onTheirOwn, turn } = await setup();
    let release!: () => void;
    const open = store.transaction(async (tx) => {
      await tx.users.update({ ...user, name: 'dave' });
      feed.emit({ kind: 'account', id: 'a1' }); // emitted inside: the other nodes must not hear it before COMMIT
      await new Promise<void>((resolve) => (release = resolve));
    });
    await turn();
    assert.deepEqual(onTheirOwn, []);
    release();
    await open;
    assert.deepEqual(onTheirOwn, [{ kind: 'account', id: 'a1' }]);
    feed.emit({ kind: 'account', id: 'a2' }); // nothing open: at once
    assert.deepEqual(onTheirOwn.at(-1), { kind: 'account', id: 'a2' });
  });

  it('changes replayed from another node are not sent back', async () => {
    const { feed, onTheirOwn } = await setup();
    feed.replay([{ kind: 'account', id: 'a1' }]);
    assert.deepEqual(onTheirOwn, []);
  });

  it('a write outside a transaction runs in one of its own, so its announcement commits with it', async () => {
    const { inner, store, user, inTransaction } = await setup();
    await inner.loginProfiles.create(buildLoginProfile(user));
    await store.loginProfiles.recordFailedSignIn(user.id, 5, 1_000);
    assert.deepEqual(inTransaction, [[{ kind: 'login-profile', id: user.id }]]);
    assert.equal((await inner.loginProfiles.find(user.id))?.failedAttempts, 1);
  });

  it('a reset drops every cached row', async () => {
    const { store, feed, user, inner } = await setup();
    assert.equal((await store.users.findById('a1', user.id))?.name, 'alice');
    await inner.users.update({ ...user, name: 'erin' });
    assert.equal((await store.users.findById('a1', user.id))?.name, 'alice', 'cached');
    feed.reset([]);
    assert.equal((await store.users.findById('a1', user.id))?.name, 'erin');
  });
});
