import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChangeFeed, type Change } from '../change-feed.js';
import { AdjustableClock } from '../clock.js';
import { InMemoryStore } from '../testing/in-memory-store.js';
import { buildAccount, buildUser } from '../testing/builders.js';
import { DEFAULT_PASSWORD_POLICY } from '../password-policy/password-policy.js';
import type { Store } from '../ports.js';
import { CachedStore } from './cached-store.js';

/** a store whose reads are counted, under a cache */
async function setup(ttlMs = 10_000) {
  const inner = new InMemoryStore();
  await inner.accounts.create(buildAccount({ id: 'a1' }));
  const reads = { users: 0, policies: 0 };
  const counted = <T extends object>(repo: T, methods: string[], key: keyof typeof reads): T =>
    new Proxy(repo, {
      get(target, prop, receiver) {
        if (methods.includes(String(prop))) reads[key]++;
        return Reflect.get(target, prop, receiver);
      },
    });
  // the inner store as the cache sees it, its reads counted
  const observed: Store = Object.create(inner, {
    users: { value: counted(inner.users, ['findById', 'findByName'], 'users') },
    passwordPolicies: { value: counted(inner.passwordPolicies, ['find'], 'policies') },
  }) as Store;
  const clock = new AdjustableClock();
  const feed = new ChangeFeed();
  const announced: Change[] = [];
  feed.subscribe((c) => announced.push(c));
  const store = new CachedStore(observed, clock, feed, { ttlMs });
  return { inner, store, reads, clock, feed, announced };
}

describe('CachedStore', () => {
  it('serves a user from memory until a write through it drops the row, and announces the write', async () => {
    const { store, reads, announced } = await setup();
    const user = buildUser('a1', { name: 'Alice' });
    await store.transaction((tx) => tx.users.create(user));
    assert.equal((await store.users.findById('a1', user.id))?.name, 'Alice');
    assert.equal((await store.users.findByName('a1', 'ALICE'))?.id, user.id);
    const before = reads.users;
    await store.users.findById('a1', user.id);
    await store.users.findByName('a1', 'alice');
    assert.equal(reads.users, before, 'both reads came from memory');
    // another account never sees the row, cached or not
    assert.equal(await store.users.findById('a2', user.id), undefined);
    // a miss is not remembered: a user created after it is found at once
    const later = buildUser('a1', { name: 'Later' });
    assert.equal(await store.users.findById('a1', later.id), undefined);
    await store.users.create(later);
    assert.equal((await store.users.findById('a1', later.id))?.name, 'Later');

    announced.length = 0;
    await store.transaction(async (tx) => tx.users.update({ ...(await tx.users.findById('a1', user.id))!, name: 'Bob' }));
    assert.deepEqual(announced, [{ kind: 'user', id: user.id }]);
    assert.equal((await store.users.findById('a1', user.id))?.name, 'Bob');
    assert.equal(await store.users.findByName('a1', 'alice'), undefined, 'the old name names nobody');
    assert.equal((await store.users.findByName('a1', 'bob'))?.id, user.id);
  });

  it('announces nothing and keeps nothing stale when a transaction rolls back', async () => {
    const { store, announced } = await setup();
    const user = buildUser('a1', { name: 'carol' });
    await store.transaction((tx) => tx.users.create(user));
    await store.users.findById('a1', user.id);
    announced.length = 0;
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.users.update({ ...user, name: 'dave' });
        throw new Error('boom');
      }),
    );
    assert.deepEqual(announced, []);
    assert.equal((await store.users.findById('a1', user.id))?.name, 'carol');
  });

  it('caches an account on the default password policy too, and drops it when one is set', async () => {
    const { store, reads } = await setup();
    assert.equal(await store.passwordPolicies.find('a1'), undefined);
    assert.equal(await store.passwordPolicies.find('a1'), undefined);
    assert.equal(reads.policies, 1);
    await store.passwordPolicies.put('a1', { ...DEFAULT_PASSWORD_POLICY, minimumLength: 12 });
    assert.equal((await store.passwordPolicies.find('a1'))?.minimumLength, 12);
  });

  it('drops rows another node changed when the change feed reports them', async () => {
    const { inner, store, feed } = await setup();
    const user = buildUser('a1', { name: 'erin' });
    await inner.users.create(user);
    await store.users.findById('a1', user.id);
    // written behind the cache's back, as another node would
    await inner.users.update({ ...user, description: 'changed elsewhere' });
    assert.equal((await store.users.findById('a1', user.id))?.description, user.description);
    feed.emit({ kind: 'user', id: user.id });
    assert.equal((await store.users.findById('a1', user.id))?.description, 'changed elsewhere');
  });

  it('reads the database again once the time-to-live has passed', async () => {
    const { inner, store, clock } = await setup(1_000);
    const user = buildUser('a1', { name: 'frank' });
    await inner.users.create(user);
    await store.users.findById('a1', user.id);
    await inner.users.update({ ...user, description: 'later' });
    clock.advance(1_001);
    assert.equal((await store.users.findById('a1', user.id))?.description, 'later');
  });

  it('does not cache a read that raced a write', async () => {
    const { inner, store } = await setup();
    const user = buildUser('a1', { name: 'grace' });
    await inner.users.create(user);
    const slowRead = store.users.findById('a1', user.id);
    await store.users.update({ ...user, description: 'new' });
    await slowRead;
    assert.equal((await store.users.findById('a1', user.id))?.description, 'new');
  });

  it('hands out frozen rows, so no caller can change what the next one reads', async () => {
    const { store } = await setup();
    const user = buildUser('a1', { name: 'heidi' });
    await store.users.create(user);
    const cached = (await store.users.findById('a1', user.id))!;
    assert.throws(() => {
      (cached as { name: string }).name = 'mallory';
    }, TypeError);
  });

  it('`fresh` reads the database past the cache', async () => {
    const { inner, store } = await setup();
    const user = buildUser('a1', { name: 'ivan' });
    await inner.users.create(user);
    await store.users.findById('a1', user.id);
    await inner.users.update({ ...user, enabled: false });
    assert.equal((await store.fresh.users.findById('a1', user.id))?.enabled, false);
  });

  it('serves a user\'s tags from memory until a tag write drops them', async () => {
    const { store } = await setup();
    const user = buildUser('a1', { name: 'judy' });
    await store.users.create(user);
    await store.users.putTags(user.id, [{ key: 'team', value: 'a' }]);
    const first = await store.users.listTags(user.id);
    assert.deepEqual(first, [{ key: 'team', value: 'a' }]);
    first.push({ key: 'mine', value: 'only' });
    assert.deepEqual(await store.users.listTags(user.id), [{ key: 'team', value: 'a' }], 'each caller gets its own list');
    await store.transaction((tx) => tx.users.putTags(user.id, [{ key: 'team', value: 'b' }]));
    assert.deepEqual(await store.users.listTags(user.id), [{ key: 'team', value: 'b' }]);
    await store.users.removeTags(user.id, ['team']);
    assert.deepEqual(await store.users.listTags(user.id), []);
  });
});
