import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AlreadyExistsError } from '../../../src/core/errors.js';
import type { Store } from '../../../src/core/ports.js';
import { buildAccessKey } from '../../../src/core/testing/builders.js';
import { seedAccount, seedUser, withStore, type StoreFactory } from './harness.js';

async function seedOwner(store: Store) {
  const account = await seedAccount(store);
  return seedUser(store, account.id);
}

export function accessKeyRepositoryContract(factory: StoreFactory): void {
  describe('access keys', () => {
    test('create then find by id, with every field intact', () =>
      withStore(factory, async (store) => {
        const user = await seedOwner(store);
        const key = buildAccessKey(user, { status: 'inactive', lastUsedAt: 1_700_000_000_500, lastUsedService: 'iam', lastUsedRegion: 'us-east-1' });
        await store.accessKeys.create(key);
        assert.deepEqual(await store.accessKeys.findById(key.id), key);
        assert.equal(await store.accessKeys.findById('AKIANOSUCHKEY0000000'), undefined);
      }));

    test('an id is globally unique: a collision is already-exists', () =>
      withStore(factory, async (store) => {
        const a = await seedOwner(store);
        const b = await seedOwner(store);
        const key = buildAccessKey(a);
        await store.accessKeys.create(key);
        await assert.rejects(store.accessKeys.create(buildAccessKey(b, { id: key.id })), (err) => {
          assert.ok(err instanceof AlreadyExistsError);
          assert.equal(err.entity, 'access-key');
          assert.equal(err.id, key.id);
          return true;
        });
        assert.equal((await store.accessKeys.findById(key.id))?.userId, a.id);
      }));

    test('a key for a user that does not exist is refused by the foreign key', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        await assert.rejects(store.accessKeys.create(buildAccessKey({ id: '1'.repeat(32), accountId: account.id })));
      }));

    test('listByUser sorts by creation time, then id; countByUser counts', () =>
      withStore(factory, async (store) => {
        const user = await seedOwner(store);
        const other = await seedOwner(store);
        const late = buildAccessKey(user, { id: 'AKIAAAAAAAAAAAAAAAA1', createdAt: 3_000 });
        const tieB = buildAccessKey(user, { id: 'AKIAAAAAAAAAAAAAAAB2', createdAt: 1_000 });
        const tieA = buildAccessKey(user, { id: 'AKIAAAAAAAAAAAAAAAA2', createdAt: 1_000 });
        for (const k of [late, tieB, tieA, buildAccessKey(other)]) await store.accessKeys.create(k);
        assert.deepEqual(await store.accessKeys.listByUser(user.id), [tieA, tieB, late]);
        assert.equal(await store.accessKeys.countByUser(user.id), 3);
        assert.equal(await store.accessKeys.countByUser(other.id), 1);
        assert.deepEqual(await store.accessKeys.listByUser('0'.repeat(32)), []);
        assert.equal(await store.accessKeys.countByUser('0'.repeat(32)), 0);
      }));

    test('updateStatus sets the status and the update time only', () =>
      withStore(factory, async (store) => {
        const user = await seedOwner(store);
        const key = buildAccessKey(user);
        await store.accessKeys.create(key);
        await store.accessKeys.updateStatus(key.id, 'inactive', key.updatedAt + 10);
        assert.deepEqual(await store.accessKeys.findById(key.id), { ...key, status: 'inactive', updatedAt: key.updatedAt + 10 });
        await store.accessKeys.updateStatus(key.id, 'active', key.updatedAt + 20);
        assert.equal((await store.accessKeys.findById(key.id))?.status, 'active');
      }));

    test('touchLastUsed records when and where, nothing else', () =>
      withStore(factory, async (store) => {
        const user = await seedOwner(store);
        const key = buildAccessKey(user);
        await store.accessKeys.create(key);
        await store.accessKeys.touchLastUsed(key.id, 1_750_000_000_000, 'sts', 'cn-beijing');
        assert.deepEqual(await store.accessKeys.findById(key.id), { ...key, lastUsedAt: 1_750_000_000_000, lastUsedService: 'sts', lastUsedRegion: 'cn-beijing' });
        await store.accessKeys.touchLastUsed('AKIANOSUCHKEY0000000', 1, 'iam', null);
      }));

    test('a description is kept at creation and replaced by updateDescription, with the update time', () =>
      withStore(factory, async (store) => {
        const user = await seedOwner(store);
        const described = buildAccessKey(user, { description: 'ci deploy key' });
        const plain = buildAccessKey(user);
        await store.accessKeys.create(described);
        await store.accessKeys.create(plain);
        assert.deepEqual(await store.accessKeys.findById(described.id), described);
        assert.equal('description' in ((await store.accessKeys.findById(plain.id)) ?? {}), false, 'no description: none read back');
        await store.accessKeys.updateDescription(plain.id, 'retired', plain.updatedAt + 5);
        assert.deepEqual(await store.accessKeys.findById(plain.id), { ...plain, description: 'retired', updatedAt: plain.updatedAt + 5 });
      }));

    test('delete removes one key once', () =>
      withStore(factory, async (store) => {
        const user = await seedOwner(store);
        const gone = buildAccessKey(user);
        const kept = buildAccessKey(user);
        await store.accessKeys.create(gone);
        await store.accessKeys.create(kept);
        assert.equal(await store.accessKeys.delete(gone.id), true);
        assert.equal(await store.accessKeys.delete(gone.id), false);
        assert.equal(await store.accessKeys.findById(gone.id), undefined);
        assert.deepEqual(await store.accessKeys.listByUser(user.id), [kept]);
      }));
  });
}
