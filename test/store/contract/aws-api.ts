/**
 * @see #15 The store contract for what the rest of the AWS IAM API adds: users' permissions boundaries
 * (and, as they arrive, policy tags, account aliases, user keys and certificates, identity providers).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AlreadyExistsError } from '../../../src/core/errors.js';
import { seedAccount, seedUser, withStore, type StoreFactory } from './harness.js';

export function awsApiContract(factory: StoreFactory): void {
  describe('permissions boundaries (users.permissions_boundary_id)', () => {
    test('kept on create and update, listed and counted per account and policy', () =>
      withStore(factory, async (store) => {
        const a = await seedAccount(store);
        const b = await seedAccount(store);
        const bob = await seedUser(store, a.id, { name: 'bob', permissionsBoundaryId: 'p1' });
        const amy = await seedUser(store, a.id, { name: 'Amy', permissionsBoundaryId: 'p1' });
        await seedUser(store, a.id, { name: 'carl' });
        await seedUser(store, b.id, { name: 'other', permissionsBoundaryId: 'p1' });
        assert.equal((await store.users.findById(a.id, bob.id))?.permissionsBoundaryId, 'p1');
        assert.deepEqual((await store.users.listByPermissionsBoundary(a.id, 'p1')).map((u) => u.name), ['Amy', 'bob']);
        assert.deepEqual([...(await store.users.permissionsBoundaryCounts(a.id))], [['p1', 2]]);
        await store.transaction(async (tx) => {
          await tx.users.update({ ...amy, permissionsBoundaryId: 'sys-iam-read-only' });
          await tx.users.update({ ...bob, permissionsBoundaryId: null });
        });
        assert.deepEqual((await store.users.listByPermissionsBoundary(a.id, 'p1')).map((u) => u.name), []);
        assert.deepEqual([...(await store.users.permissionsBoundaryCounts(a.id))], [['sys-iam-read-only', 1]]);
        assert.equal((await store.users.findByName(a.id, 'bob'))?.permissionsBoundaryId, null);
      }));
  });

  describe('resource tags', () => {
    test('upsert by key case-insensitively, ordered by lowercased key, kept apart per kind and id, removed by key or all', () =>
      withStore(factory, async (store) => {
        await store.resourceTags.put('policy', 'p1', [{ key: 'Team', value: 'a' }, { key: 'env', value: 'dev' }]);
        await store.resourceTags.put('policy', 'p1', [{ key: 'TEAM', value: 'b' }]);
        await store.resourceTags.put('saml-provider', 'p1', [{ key: 'other', value: 'x' }]);
        assert.deepEqual(await store.resourceTags.list('policy', 'p1'), [{ key: 'env', value: 'dev' }, { key: 'TEAM', value: 'b' }]);
        await store.resourceTags.remove('policy', 'p1', ['ENV', 'absent']);
        assert.deepEqual(await store.resourceTags.list('policy', 'p1'), [{ key: 'TEAM', value: 'b' }]);
        await store.transaction((tx) => tx.resourceTags.removeAll('policy', 'p1'));
        assert.deepEqual(await store.resourceTags.list('policy', 'p1'), []);
        assert.deepEqual(await store.resourceTags.list('saml-provider', 'p1'), [{ key: 'other', value: 'x' }]);
      }));
  });

  describe('account aliases', () => {
    test('one per account (set replaces), unique across accounts, found by alias, deleted only by its own name', () =>
      withStore(factory, async (store) => {
        const a = await seedAccount(store);
        const b = await seedAccount(store);
        await store.accounts.setAlias(a.id, 'first');
        await store.accounts.setAlias(a.id, 'second');
        assert.equal(await store.accounts.findAlias(a.id), 'second');
        assert.equal((await store.accounts.findByAlias('second'))?.id, a.id);
        assert.equal(await store.accounts.findByAlias('first'), undefined);
        await assert.rejects(store.accounts.setAlias(b.id, 'second'), AlreadyExistsError);
        assert.equal(await store.accounts.findAlias(b.id), undefined);
        assert.equal(await store.accounts.deleteAlias(a.id, 'first'), false);
        assert.equal(await store.accounts.deleteAlias(a.id, 'second'), true);
        await store.accounts.setAlias(b.id, 'second');
        assert.equal((await store.accounts.findByAlias('second'))?.id, b.id);
      }));
  });
}
